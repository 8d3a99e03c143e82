package dev.tacit.data.ratings;

import dev.tacit.data.format.FileFormatException;
import dev.tacit.data.text.Input;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The titles of items, by item id, for showing recommendations: read from MovieLens's item files or any file in their
 * formats. Immutable.
 *
 * <p>The format is told from the first line:
 * <ul>
 *   <li>{@code id::title::genres} when it holds {@code ::} (MovieLens-1M/10M {@code movies.dat});</li>
 *   <li>{@code id|title|...} when the text before its first {@code |} has no comma (MovieLens-100K {@code u.item});
 *       </li>
 *   <li>otherwise comma-separated with RFC 4180 quoting (MovieLens-20M/25M/32M {@code movies.csv}, where titles with
 *       commas are quoted): with a header, the id is the column named {@code movieId}, {@code itemId}, {@code item},
 *       {@code movie} or {@code id} and the title the one named {@code title} or {@code name}; without one (the first
 *       field is a whole number), columns 1 and 2.</li>
 * </ul>
 * The text is UTF-8 if it is valid UTF-8, else ISO-8859-1 (the older MovieLens releases are Latin-1: {@code u.item}
 * has "Misérables" as the single byte 0xE9). Gzip data is gunzipped. Files over {@value #MAX_BYTES} bytes are
 * refused. Ids are kept as written, matching the ids of {@link IdTable}; a repeated id is an error.
 */
public final class ItemTitles {

    /** The largest file read, in bytes: titles files are a few megabytes. */
    public static final int MAX_BYTES = 1 << 28;

    private final String source;
    private final Map<String, String> titles;

    private ItemTitles(String source, Map<String, String> titles) {
        this.source = source;
        this.titles = Collections.unmodifiableMap(titles);
    }

    /**
     * @param file a titles file
     * @return its titles
     * @throws FileFormatException if the content is not one of the formats, or an id is empty or repeated
     * @throws IOException         if the file cannot be read
     */
    public static ItemTitles read(Path file) throws IOException {
        try (Input in = Input.open(file)) {
            return parse(in);
        }
    }

    /**
     * @param name the file as the user knows it
     * @param in   its bytes, gzip or not; read to the end and closed
     * @return its titles
     * @throws FileFormatException if the content is not one of the formats, or an id is empty or repeated
     * @throws IOException         if reading fails
     */
    public static ItemTitles read(String name, InputStream in) throws IOException {
        try (Input input = Input.of(name, in)) {
            return parse(input);
        }
    }

    private static ItemTitles parse(Input in) throws IOException {
        String name = in.name();
        byte[] buf = new byte[1 << 16];
        int size = 0;
        while (true) {
            if (size == buf.length) {
                if (size >= MAX_BYTES) {
                    throw new FileFormatException(name, 0, 0, "the file is larger than " + MAX_BYTES + " bytes",
                            "this is not a titles file; give the items file of the release (u.item, movies.csv or "
                                    + "movies.dat)");
                }
                buf = Arrays.copyOf(buf, Math.min(MAX_BYTES, 2 * size));
            }
            int n = in.read(buf, size, buf.length - size, 0);
            if (n < 0) {
                break;
            }
            size += n;
        }
        String text = decode(buf, size);
        if (text.indexOf('\0') >= 0) {
            throw new FileFormatException(name, 0, 0, "not a text titles file (it holds NUL bytes)",
                    "give the items file of the release (u.item, movies.csv or movies.dat)");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Record> records = records(name, text);
        if (records.isEmpty()) {
            throw new FileFormatException(name, 0, 0, "the file has no titles", "give the items file of the "
                    + "release: id and title per line (u.item, movies.csv or movies.dat)");
        }
        int idColumn = 0;
        int titleColumn = 1;
        Record first = records.get(0);
        int start = 0;
        if (first.kind == Kind.CSV && !first.fields.get(0).strip().matches("-?\\d+")) {
            idColumn = column(first, List.of("movieid", "itemid", "item", "movie", "id"));
            titleColumn = column(first, List.of("title", "name"));
            if (idColumn < 0 || titleColumn < 0) {
                throw new FileFormatException(name, first.line, 0, "the header " + first.fields + " has no "
                        + (idColumn < 0 ? "id column (movieId, itemId, id)" : "title column (title, name)"),
                        "give a file with id and title columns, such as MovieLens's movies.csv");
            }
            start = 1;
        }
        Map<String, String> titles = new LinkedHashMap<>();
        Map<String, Long> lineOf = new HashMap<>();
        for (int r = start; r < records.size(); r++) {
            Record rec = records.get(r);
            int need = Math.max(idColumn, titleColumn) + 1;
            if (rec.fields.size() < need) {
                throw new FileFormatException(name, rec.line, 0, "found " + rec.fields.size() + " field"
                        + (rec.fields.size() == 1 ? "" : "s") + " where an id and a title need " + need,
                        "each line needs an id and a title: " + rec.kind.example);
            }
            String id = rec.fields.get(idColumn).strip();
            String title = rec.fields.get(titleColumn).strip();
            if (id.isEmpty()) {
                throw new FileFormatException(name, rec.line, idColumn + 1, "the item id is empty",
                        "each line needs an id and a title: " + rec.kind.example);
            }
            Long earlier = lineOf.putIfAbsent(id, rec.line);
            if (earlier != null) {
                throw new FileFormatException(name, rec.line, idColumn + 1, "item '" + id + "' has a title already "
                        + "(on line " + earlier + ")", "keep one line per item");
            }
            titles.put(id, title);
        }
        if (titles.isEmpty()) {
            throw new FileFormatException(name, 0, 0, "the file has a header line but no titles",
                    "add one line per item below the header");
        }
        return new ItemTitles(name, titles);
    }

    private static int column(Record header, List<String> names) {
        for (String want : names) {
            for (int f = 0; f < header.fields.size(); f++) {
                String key = header.fields.get(f).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
                if (key.equals(want)) {
                    return f;
                }
            }
        }
        return -1;
    }

    private static String decode(byte[] b, int size) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, size)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, 0, size, StandardCharsets.ISO_8859_1);
        }
    }

    private enum Kind {
        DAT("1::Toy Story (1995)::Animation|Comedy"),
        PIPE("1|Toy Story (1995)|01-Jan-1995|..."),
        CSV("1,Toy Story (1995),Animation|Comedy with a movieId,title,genres header");

        final String example;

        Kind(String example) {
            this.example = example;
        }
    }

    private record Record(Kind kind, long line, List<String> fields) {
    }

    private static List<Record> records(String name, String text) {
        String firstLine = "";
        for (String l : text.split("\n", -1)) {
            if (!l.isBlank()) {
                firstLine = l;
                break;
            }
        }
        int bar = firstLine.indexOf('|');
        Kind kind = firstLine.contains("::") ? Kind.DAT
                : bar >= 0 && firstLine.substring(0, bar).indexOf(',') < 0 ? Kind.PIPE : Kind.CSV;
        List<Record> out = new ArrayList<>();
        if (kind == Kind.CSV) {
            return csv(name, text);
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (l.isBlank()) {
                continue;
            }
            List<String> fields = kind == Kind.DAT ? List.of(l.split("::", -1))
                    : List.of(l.split("\\|", -1));
            out.add(new Record(kind, i + 1L, fields));
        }
        return out;
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    private static List<Record> csv(String name, String text) {
        List<Record> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        long line = 1;
        long recordLine = 1;
        int i = 0;
        int n = text.length();
        boolean any = false;
        while (i <= n) {
            char c = i < n ? text.charAt(i) : '\n';
            if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                long opened = line;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new FileFormatException(name, opened, fields.size() + 1, "a quote opened here is never "
                                + "closed", "quote fields as RFC 4180 does: \"Title, The (1995)\"");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    field.append(q);
                    i++;
                }
                while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\r')) {
                    i++;
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n') {
                    throw new FileFormatException(name, line, fields.size() + 1, "text follows the closing quote",
                            "quote fields as RFC 4180 does: \"Title, The (1995)\"");
                }
                any = true;
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n') {
                String last = field.toString();
                if (last.endsWith("\r")) {
                    last = last.substring(0, last.length() - 1);
                }
                if (any || !last.isBlank()) {
                    fields.add(last);
                    out.add(new Record(Kind.CSV, recordLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                any = false;
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
            i++;
        }
        return out;
    }

    /** @return the file as the user named it */
    public String source() {
        return source;
    }

    /** @return number of titles */
    public int size() {
        return titles.size();
    }

    /**
     * @param itemId an item id as written in the ratings file
     * @return its title, if the file has one
     */
    public Optional<String> title(String itemId) {
        return Optional.ofNullable(titles.get(itemId));
    }

    /** @return every id and title, in file order, unmodifiable */
    public Map<String, String> asMap() {
        return titles;
    }

    @Override
    public String toString() {
        return "ItemTitles[" + titles.size() + " from " + source + "]";
    }
}
