package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.study.model.SavedModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * What the commands that use a saved model share: loading it with the option's name in every message, and reading
 * lists of ids (users for {@code recommend}, (user, item) pairs for {@code predict}) from a file or standard input.
 */
final class ModelFiles {

    private static final Pattern COMMA = Pattern.compile(",");
    private static final Pattern TAB = Pattern.compile("\t");
    private static final Pattern COLONS = Pattern.compile("::");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private ModelFiles() {
    }

    /**
     * @param file the model file given with {@code --model}
     * @return the model, verified
     * @throws UsageException if the file is missing or not a file
     */
    static SavedModel load(Path file) throws IOException {
        FitCommand.requireFile("--model", file);
        return SavedModel.load(file);
    }

    /**
     * Reads the first {@code fields} fields of every line: comma, tab, {@code ::} or whitespace separated (the first
     * line decides), an optional header (a first line whose first field is {@code user}, {@code userId},
     * {@code user_id} or {@code uid}, any case), blank lines skipped.
     *
     * @param name   the input's name, for messages
     * @param in     the input
     * @param fields how many fields a line must have at least (1 for user lists, 2 for pairs)
     * @param row    receives each line's fields and its line number
     * @throws UsageException naming the input and the line of a line with too few fields
     */
    static void readIds(String name, InputStream in, int fields, BiConsumer<String[], Long> row) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Pattern split = null;
        long line = 0;
        for (String text; (text = r.readLine()) != null; ) {
            line++;
            String t = text.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (split == null) {
                split = t.contains("::") ? COLONS : t.contains("\t") ? TAB : t.contains(",") ? COMMA : SPACE;
                String first = split.split(t, -1)[0].strip().toLowerCase(Locale.ROOT);
                if (List.of("user", "userid", "user_id", "uid").contains(first)) {
                    continue;
                }
            }
            String[] parts = split.split(t, -1);
            if (parts.length < fields || parts[0].isBlank() || (fields > 1 && parts[1].isBlank())) {
                throw new UsageException(name + ", line " + line + ": expected " + (fields == 1 ? "a user id"
                        : "a user id and an item id") + ", got '" + abbreviate(t) + "'");
            }
            for (int k = 0; k < parts.length; k++) {
                parts[k] = parts[k].strip();
            }
            row.accept(parts, line);
        }
    }

    /**
     * @param name a file, or {@code -} for standard input
     * @return the user ids listed in it
     */
    static List<String> userList(String name) throws IOException {
        List<String> users = new ArrayList<>();
        if (name.equals("-")) {
            readIds("standard input", System.in, 1, (parts, line) -> users.add(parts[0]));
        } else {
            Path file = Path.of(name);
            FitCommand.requireFile("--users", file);
            try (InputStream in = Files.newInputStream(file)) {
                readIds(name, in, 1, (parts, line) -> users.add(parts[0]));
            }
        }
        return users;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
