package dev.tacit.data.ratings;

import dev.tacit.algebra.Entries;
import dev.tacit.data.format.FileFormatException;
import dev.tacit.data.text.Decimal;
import dev.tacit.data.text.Growing;
import dev.tacit.data.text.Input;
import dev.tacit.data.text.LineSource;
import dev.tacit.data.text.Repeats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a ratings file: delimited text, one rating per line, with a user id, an item id, a rating and optionally a
 * timestamp, gzip-compressed or not. MovieLens-100K's {@code u.data}, MovieLens-1M/10M's {@code ratings.dat} and
 * MovieLens-20M/25M/32M's {@code ratings.csv} all read with {@link RatingsOptions#DETECT}.
 *
 * <h2>The format</h2>
 * <ul>
 *   <li>Lines end with LF or CR LF; a UTF-8 byte order mark is skipped; blank lines are skipped; a line is at most
 *       {@value dev.tacit.data.text.LineSource#MAX_LINE} bytes. The text is UTF-8 (ids may be any text without
 *       control characters).</li>
 *   <li>Every line has the same number of fields, at least three. Spaces around fields are ignored. With comma,
 *       semicolon, pipe or tab, a field may be quoted as RFC 4180 says ({@code "a ""quoted"" id"}).</li>
 *   <li>Ids are arbitrary non-empty strings; ratings are finite decimal numbers ({@code 4}, {@code 3.5},
 *       {@code -1e-3}, no NaN or infinity); timestamps are whole numbers.</li>
 *   <li>A file whose first two bytes are gzip's magic number is gunzipped, whatever its name.</li>
 * </ul>
 *
 * <h2>Detection</h2>
 * <p>Whatever {@link RatingsOptions} leaves empty is detected from the first 50 non-blank lines:
 * <ul>
 *   <li><b>Delimiter</b>: each of {@code ::}, tab, comma, semicolon, {@code |} and whitespace (in that order of
 *       preference) splits the first line into some number of fields; among those giving at least three, the one
 *       under which the most sampled lines have that same number wins.</li>
 *   <li><b>Header</b>: the first line is a header when its rating field (the third, or the rating column given) is
 *       not a number.</li>
 *   <li><b>Columns</b>: with a header, found by name, case-insensitively and ignoring {@code _}, {@code -} and spaces:
 *       user from {@code user, userId, user_id, uid, customer, customerId, reviewer, reviewerId}; item from
 *       {@code item, itemId, item_id, iid, movie, movieId, product, productId, book, bookId, isbn, asin}; rating from
 *       {@code rating, ratings, score, stars, rate, value}; timestamp (optional) from
 *       {@code timestamp, time, ts, unixTime, unixTimestamp}. Without a header: user 1, item 2, rating 3, and
 *       timestamp 4 if there is a fourth field and it is a whole number on the first line.</li>
 * </ul>
 * {@link Ratings#layout()} says what was used.
 *
 * <h2>Result and cost</h2>
 * <p>Ids are mapped to dense indices in id order (see {@link IdTable}); ratings become {@link Entries} in file order.
 * The file is streamed through one buffer and parsed as bytes: no String per line, no object per rating, ids hashed
 * without allocation. Memory is 16 bytes per rating in the result (20 with timestamps that fit an int, as seconds until 2038 do;
 * 24 with others). A plain file is counted first (one fast pass over its bytes) so that the arrays are made once at
 * their final size; gzip data and streams are collected in chunks, which costs the collector more work and, for a
 * moment at the end, the chunks plus the largest final array.
 *
 * <h2>Errors</h2>
 * <p>Every problem with the content is a {@link FileFormatException} naming the file, the line and the column
 * (field, from 1) and saying how to fix it, at the first problem: an empty file, a header without ratings, binary
 * data, a line with another number of fields, an empty or malformed id, a rating that is not a number or not finite,
 * a timestamp that is not a whole number, a quote left open, a repeated (user, item) pair (naming both lines, unless
 * {@link Duplicates} says to merge), truncated gzip data. A failure to read the bytes is an {@link IOException}.
 */
public final class RatingsReader {

    private static final int SAMPLE_LINES = 50;
    private static final int SAMPLE_BYTES = 1 << 18;

    private static final Set<String> USER = Set.of("user", "userid", "uid", "customer", "customerid", "reviewer",
            "reviewerid");
    private static final Set<String> ITEM = Set.of("item", "itemid", "iid", "movie", "movieid", "product",
            "productid", "book", "bookid", "isbn", "asin");
    private static final Set<String> RATING = Set.of("rating", "ratings", "score", "stars", "rate", "value");
    private static final Set<String> TIMESTAMP = Set.of("timestamp", "time", "ts", "unixtime", "unixtimestamp");

    private static final String LINE_FORMAT = "a ratings file has one rating per line: user, item, rating and "
            + "optionally a timestamp, split by a delimiter";
    private static final String COLUMNS_FIX = "give --columns user,item,rating[,timestamp] by header name or by "
            + "position from 1";

    private RatingsReader() {
    }

    /**
     * Reads a file, detecting everything.
     *
     * @param file the file
     * @return its ratings
     * @throws FileFormatException at the first problem with the content
     * @throws IOException         if the file cannot be read
     */
    public static Ratings read(Path file) throws IOException {
        return read(file, RatingsOptions.DETECT);
    }

    /**
     * @param file    the file
     * @param options what to detect and what is given
     * @return its ratings
     * @throws FileFormatException at the first problem with the content
     * @throws IOException         if the file cannot be read
     */
    public static Ratings read(Path file, RatingsOptions options) throws IOException {
        long t0 = System.nanoTime();
        try (Input in = Input.open(file)) {
            return new Parse(in, options).run(t0);
        }
    }

    /**
     * Reads a stream (standard input, a member of an archive).
     *
     * @param name    the file as the user knows it, for messages
     * @param in      the bytes, gzip or not; read to the end and closed
     * @param options what to detect and what is given
     * @return its ratings
     * @throws FileFormatException at the first problem with the content
     * @throws IOException         if reading fails
     */
    public static Ratings read(String name, InputStream in, RatingsOptions options) throws IOException {
        long t0 = System.nanoTime();
        try (Input input = Input.of(name, in)) {
            return new Parse(input, options).run(t0);
        }
    }

    /** One reading of one file. */
    private static final class Parse {
        private final Input input;
        private final String name;
        private final RatingsOptions options;
        private final LineSource src;
        private final Fields fields = new Fields();
        private final IdIndex users = new IdIndex();
        private final IdIndex items = new IdIndex();
        private RatingStore store;
        private int[] skips = new int[16];
        private int skipCount;
        private int count;
        private Layout layout;
        private long firstLine;
        private boolean detectedColumns;

        Parse(Input input, RatingsOptions options) {
            this.input = input;
            this.name = input.name();
            this.options = options;
            this.src = new LineSource(input);
        }

        Ratings run(long t0) throws IOException {
            List<byte[]> sample = new ArrayList<>();
            List<Long> sampleLines = new ArrayList<>();
            int nonBlank = 0;
            long sampled = 0;
            while (nonBlank < SAMPLE_LINES && sampled < SAMPLE_BYTES && src.next()) {
                byte[] line = Arrays.copyOfRange(src.buffer(), src.start(), src.end());
                sample.add(line);
                sampleLines.add(src.line());
                sampled += line.length;
                if (!blank(line, 0, line.length)) {
                    nonBlank++;
                }
            }
            int first = -1;
            for (int i = 0; i < sample.size() && first < 0; i++) {
                if (!blank(sample.get(i), 0, sample.get(i).length)) {
                    first = i;
                }
            }
            if (first < 0) {
                throw new FileFormatException(name, 0, 0, src.bytes() == 0 ? "the file is empty"
                        : "the file has only blank lines", LINE_FORMAT);
            }
            for (int i = 0; i < sample.size(); i++) {
                requireText(sample.get(i), sampleLines.get(i));
            }
            firstLine = sampleLines.get(first);
            byte[] head = sample.get(first);
            Delimiter delimiter = options.delimiter().orElseGet(() -> detectDelimiter(sample));
            layout = resolve(delimiter, head);
            boolean stamped = layout.timestamp().isPresent();
            Optional<Path> plain = input.plainFile();
            if (plain.isPresent()) {
                long lines = Input.countNonBlankLines(plain.get()) - (layout.header() ? 1 : 0);
                store = RatingStore.exact(stamped, (int) Math.max(0, Math.min(Growing.MAX_SIZE, lines)));
            } else {
                store = RatingStore.growing(stamped);
            }
            for (int i = 0; i < sample.size(); i++) {
                if (i == first && layout.header()) {
                    skip();
                } else {
                    handle(sample.get(i), 0, sample.get(i).length, sampleLines.get(i));
                }
            }
            while (src.next()) {
                handle(src.buffer(), src.start(), src.end(), src.line());
            }
            return finish(t0);
        }

        private static boolean blank(byte[] b, int s, int e) {
            for (int i = s; i < e; i++) {
                if (b[i] != ' ' && b[i] != '\t') {
                    return false;
                }
            }
            return true;
        }

        private void requireText(byte[] line, long lineNo) {
            for (byte x : line) {
                int c = x & 0xff;
                if (c == '\r') {
                    throw new FileFormatException(name, lineNo, 0, "the line holds a carriage return",
                            "the file uses CR alone for line breaks (an old Mac format): convert them to LF");
                }
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new FileFormatException(name, lineNo, 0, String.format(Locale.ROOT, "not a text ratings "
                            + "file (it holds the control byte 0x%02x)", c), LINE_FORMAT
                            + " (gzip-compressed is fine)");
                }
            }
        }

        private Delimiter detectDelimiter(List<byte[]> sample) {
            Delimiter best = null;
            int bestScore = -1;
            byte[] head = null;
            for (byte[] line : sample) {
                if (!blank(line, 0, line.length)) {
                    head = line;
                    break;
                }
            }
            for (Delimiter d : Delimiter.values()) {
                if (!fields.split(d, head, 0, head.length) || fields.count < 3) {
                    continue;
                }
                int want = fields.count;
                int score = 0;
                for (byte[] line : sample) {
                    if (!blank(line, 0, line.length) && fields.split(d, line, 0, line.length)
                            && fields.count == want) {
                        score++;
                    }
                }
                if (score > bestScore) {
                    best = d;
                    bestScore = score;
                }
            }
            if (best == null) {
                throw new FileFormatException(name, firstLine, 0, "cannot tell the delimiter: the line splits into "
                        + "fewer than 3 fields by each of '::', tab, comma, semicolon, '|' and whitespace",
                        LINE_FORMAT + "; give --delimiter if yours is another");
            }
            return best;
        }

        private Layout resolve(Delimiter delimiter, byte[] head) {
            if (!fields.split(delimiter, head, 0, head.length)) {
                throw new FileFormatException(name, firstLine, fields.badField, fields.problem, quoteFix());
            }
            int n = fields.count;
            if (n < 3) {
                throw new FileFormatException(name, firstLine, 0, "the line has " + n + " field" + (n == 1 ? "" : "s")
                        + " split by " + delimiter.label() + "; a rating needs at least user, item and rating",
                        "give --delimiter matching the file");
            }
            if (n > Fields.KEPT) {
                throw new FileFormatException(name, firstLine, 0, "the line has " + n + " fields split by "
                        + delimiter.label() + ", more than " + Fields.KEPT, LINE_FORMAT
                        + "; give --delimiter matching the file");
            }
            Optional<Columns> given = options.columns();
            boolean header;
            String ratingText = null;
            if (given.map(Columns::byName).orElse(false)) {
                header = true;
            } else if (options.header().isPresent()) {
                header = options.header().get();
            } else {
                int r = given.map(c -> ((Column.Position) c.rating()).number()).orElse(3);
                header = false;
                if (r <= n) {
                    ratingText = show(fields.source[r - 1], fields.from[r - 1], fields.to[r - 1]);
                    header = !number(fields.source[r - 1], fields.from[r - 1], fields.to[r - 1]);
                }
            }
            List<String> names = new ArrayList<>();
            if (header) {
                for (int f = 0; f < n; f++) {
                    names.add(new String(fields.source[f], fields.from[f], fields.to[f] - fields.from[f],
                            StandardCharsets.UTF_8).strip());
                }
            }
            int user;
            int item;
            int rating;
            OptionalInt timestamp;
            if (given.isPresent()) {
                Columns c = given.get();
                user = find(c.user(), "user", names, n);
                item = find(c.item(), "item", names, n);
                rating = find(c.rating(), "rating", names, n);
                timestamp = c.timestamp().isPresent() ? OptionalInt.of(find(c.timestamp().get(), "timestamp", names,
                        n)) : OptionalInt.empty();
            } else if (header) {
                detectedColumns = true;
                String why = ratingText == null ? "" : " (the line is taken for a header because its third field '"
                        + ratingText + "' is not a number)";
                user = synonym(names, USER, "user", "user, userId, user_id, uid", why);
                item = synonym(names, ITEM, "item", "item, itemId, item_id, movieId, productId", why);
                rating = synonym(names, RATING, "rating", "rating, score, stars", why);
                int t = match(names, TIMESTAMP);
                timestamp = t > 0 ? OptionalInt.of(t) : OptionalInt.empty();
            } else {
                detectedColumns = true;
                user = 1;
                item = 2;
                rating = 3;
                timestamp = n >= 4 && Decimal.isWhole(fields.source[3], fields.from[3], fields.to[3])
                        ? OptionalInt.of(4) : OptionalInt.empty();
            }
            return new Layout(delimiter, header, n, user, item, rating, timestamp, names);
        }

        private int find(Column c, String role, List<String> names, int n) {
            if (c instanceof Column.Position p) {
                if (p.number() > n) {
                    throw new FileFormatException(name, firstLine, 0, "the " + role + " column " + p.number()
                            + " is beyond the " + n + " fields of the line", "give --columns positions from 1 to "
                            + n + ", or --delimiter if the fields are split by something else");
                }
                return p.number();
            }
            String want = ((Column.Named) c).name();
            for (int f = 0; f < names.size(); f++) {
                if (names.get(f).equalsIgnoreCase(want)) {
                    return f + 1;
                }
            }
            throw new FileFormatException(name, firstLine, 0, "the header " + names + " has no column named '" + want
                    + "' (for the " + role + ")", "give --columns with names from the header, or positions from 1");
        }

        private int synonym(List<String> names, Set<String> synonyms, String role, String examples, String why) {
            int f = match(names, synonyms);
            if (f < 0) {
                throw new FileFormatException(name, firstLine, 0, "the header " + names + " has no " + role
                        + " column (looked for " + examples + ", ...)" + why, COLUMNS_FIX);
            }
            return f;
        }

        private static int match(List<String> names, Set<String> synonyms) {
            for (int f = 0; f < names.size(); f++) {
                String key = names.get(f).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
                if (synonyms.contains(key)) {
                    return f + 1;
                }
            }
            return -1;
        }

        private static boolean number(byte[] b, int from, int to) {
            return !Double.isNaN(Decimal.parse(b, from, to)) || Decimal.spellsNonFinite(b, from, to);
        }

        private void skip() {
            if (skipCount == skips.length) {
                skips = Arrays.copyOf(skips, 2 * skipCount);
            }
            skips[skipCount++] = count;
        }

        private void handle(byte[] b, int s, int e, long line) {
            if (blank(b, s, e)) {
                skip();
                return;
            }
            Layout l = layout;
            if (!fields.split(l.delimiter(), b, s, e)) {
                throw new FileFormatException(name, line, fields.badField, fields.problem, quoteFix());
            }
            if (fields.count != l.fields()) {
                throw new FileFormatException(name, line, 0, "found " + fields.count + " field"
                        + (fields.count == 1 ? "" : "s") + " where line " + firstLine + " has " + l.fields()
                        + " (split by " + l.delimiter().label() + ")", "every line needs the same fields (user, "
                        + "item, rating" + (l.fields() > 3 ? ", ..." : "") + "): repair or delete the line, or give "
                        + "--delimiter if the file is split by something else");
            }
            if (count == Growing.MAX_SIZE) {
                throw new FileFormatException(name, line, 0, "more than " + Growing.MAX_SIZE + " ratings",
                        "split the file; one matrix holds at most " + Growing.MAX_SIZE + " ratings");
            }
            int u = id(users, l.user(), "user", line);
            int i = id(items, l.item(), "item", line);
            int r = l.rating() - 1;
            byte[] rb = fields.source[r];
            double v = Decimal.parse(rb, fields.from[r], fields.to[r]);
            if (!Double.isFinite(v)) {
                String text = show(rb, fields.from[r], fields.to[r]);
                if (Double.isInfinite(v) || Decimal.spellsNonFinite(rb, fields.from[r], fields.to[r])) {
                    throw new FileFormatException(name, line, r + 1, "rating '" + text + "' is not finite"
                            + (Double.isInfinite(v) ? " (it overflows a double)" : ""), "every rating must be a "
                            + "finite number: repair or delete the line");
                }
                boolean forcedHeader = line == firstLine && options.header().equals(Optional.of(false));
                throw new FileFormatException(name, line, r + 1, (text.isEmpty() ? "rating is empty" : "rating '" + text
                        + "' is not a number"), forcedHeader ? "the first line looks like a header: leave out "
                        + "--header false" : detectedColumns ? "ratings are numbers such as 4 or 3.5; give --columns "
                        + "if the rating is another column" : "ratings are numbers such as 4 or 3.5; check --columns");
            }
            long stamp = 0;
            if (l.timestamp().isPresent()) {
                int t = l.timestamp().getAsInt() - 1;
                byte[] tb = fields.source[t];
                stamp = Decimal.wholeOrSentinel(tb, fields.from[t], fields.to[t]);
                if (stamp == Decimal.SENTINEL) {
                    if (!Decimal.isWhole(tb, fields.from[t], fields.to[t])) {
                        throw new FileFormatException(name, line, t + 1, "timestamp '" + show(tb, fields.from[t],
                                fields.to[t]) + "' is not a whole number", "timestamps are whole numbers (seconds "
                                + "since 1970); give --columns user,item,rating without a timestamp to ignore the "
                                + "column");
                    }
                    stamp = Decimal.whole(tb, fields.from[t], fields.to[t]);
                }
            }
            store.add(u, i, v, stamp);
            count++;
        }

        private int id(IdIndex ids, int column, String role, long line) {
            int f = column - 1;
            byte[] b = fields.source[f];
            int from = fields.from[f];
            int to = fields.to[f];
            if (from == to) {
                throw new FileFormatException(name, line, column, role + " id is empty", "every line needs a " + role
                        + " id");
            }
            int k = ids.indexOf(b, from, to);
            if (k >= 0) {
                return k;
            }
            switch (k) {
                case IdIndex.CONTROL:
                    throw new FileFormatException(name, line, column, role + " id '" + show(b, from, to)
                            + "' holds a control character: not a text ratings file", LINE_FORMAT);
                case IdIndex.NOT_UTF8:
                    throw new FileFormatException(name, line, column, role + " id '" + show(b, from, to)
                            + "' is not valid UTF-8", "save the file as UTF-8");
                default:
                    throw new FileFormatException(name, line, column, "the " + role + " ids take more than 2 GB",
                            "split the file or shorten the ids");
            }
        }

        private String quoteFix() {
            return "quote fields as RFC 4180 does (\"a \"\"quoted\"\" id\"); a field cannot hold a line break";
        }

        /** The line of entry k: k + 1 plus the header and blank lines before it. */
        private long lineOf(int k) {
            int lo = 0;
            int hi = skipCount;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (skips[mid] <= k) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return k + 1L + lo;
        }

        private Ratings finish(long t0) {
            int n = count;
            if (n == 0) {
                throw new FileFormatException(name, 0, 0, "the file has a header line but no ratings",
                        "add ratings below the header, one per line");
            }
            RatingStore.Columns columns = store.finish();
            store = null;
            int[] r = columns.rows();
            int[] c = columns.cols();
            double[] v = columns.values();
            int[] t = columns.stamps();
            long[] wide = columns.wide();
            IdIndex.Finished fu = users.finish();
            IdIndex.Finished fi = items.finish();
            int[] ru = fu.remap();
            int[] ri = fi.remap();
            for (int k = 0; k < n; k++) {
                r[k] = ru[r[k]];
                c[k] = ri[c[k]];
            }
            int m = fu.table().size();
            int p = fi.table().size();
            int kept = n;
            if (options.duplicates() == Duplicates.ERROR) {
                int[] rep = Repeats.first(m, p, r, c, n);
                if (rep.length == 2) {
                    throw new FileFormatException(name, lineOf(rep[1]), 0, "user '" + fu.table().id(r[rep[1]])
                            + "' rates item '" + fi.table().id(c[rep[1]]) + "' again (first on line "
                            + lineOf(rep[0]) + ")", "keep one rating per (user, item) pair, or give --duplicates "
                            + "last or --duplicates mean");
                }
            } else {
                kept = Repeats.merge(m, p, r, c, v, t, wide, n, options.duplicates() == Duplicates.MEAN);
                if (kept < n) {
                    r = Arrays.copyOf(r, kept);
                    c = Arrays.copyOf(c, kept);
                    v = Arrays.copyOf(v, kept);
                    t = t == null ? null : Arrays.copyOf(t, kept);
                    wide = wide == null ? null : Arrays.copyOf(wide, kept);
                }
            }
            Entries entries = Entries.adopt(m, p, r, c, v);
            ParseStatistics stats = new ParseStatistics(src.line(), src.bytes(), input.fileBytes(), input.gzip(), n,
                    kept, (System.nanoTime() - t0) / 1e9);
            return new Ratings(name, layout, fu.table(), fi.table(), entries, t, wide, stats);
        }
    }

    /** Bytes for a message: UTF-8 with control characters escaped, at most 40 characters. */
    static String show(byte[] b, int from, int to) {
        String s = new String(b, from, Math.min(to - from, 160), StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 40; i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.length() >= 40 || to - from > 160 ? sb.append("...").toString() : sb.toString();
    }
}
