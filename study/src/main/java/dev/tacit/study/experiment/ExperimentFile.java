package dev.tacit.study.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads the experiment file format: one {@code key = value} per line, {@code #} starts a comment, lists are comma
 * separated and {@code a..b} is an inclusive range of whole numbers. {@code method} may repeat; every other key may
 * appear once (a later line or a command-line override replaces an earlier one).
 *
 * <pre>
 * name     = figure4
 * size     = 100
 * rank     = 5
 * observed = 1000, 1500, 2000, 3000, 5000
 * seeds    = 0..4
 * x        = observed
 * iterations = 30000
 * method   = adam:1+R
 * method   = gd:3 lr=5 iterations=20000
 * method   = softimpute
 * </pre>
 */
public final class ExperimentFile {

    /** Keys that shape the grid. */
    private static final Set<String> GRID_KEYS = Set.of("name", "size", "rank", "observed", "depth", "lambda", "seeds",
            "x", "method");
    /** Keys that become the default settings of every network run. */
    public static final Set<String> DEFAULT_KEYS = Set.of("iterations", "lr", "init_scale", "eval_every");

    /**
     * The name of the experiment as run (file plus overrides) in every experiment directory: written by each sweep,
     * read back by the report.
     */
    public static final String STORED_NAME = "experiment.exp";

    private ExperimentFile() {
    }

    /** A problem in an experiment file or override, with where it is. */
    public static final class ParseException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ParseException(String where, String message) {
            super(where + ": " + message);
        }
    }

    /**
     * @param source        where the text comes from, for messages (a file name or a preset)
     * @param text          the file's content
     * @param overrides     {@code key=value} lines applied after the file, in order
     * @param baselineNames names of the completion methods that are not networks
     * @return the experiment
     * @throws ParseException naming the source and line of the first problem
     */
    public static ExperimentSpec parse(String source, String text, List<String> overrides, Set<String> baselineNames) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        List<String[]> methods = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            read(lines[i], source + " line " + (i + 1), values, where, methods, false);
        }
        boolean methodsOverridden = false;
        for (String o : overrides) {
            boolean isMethod = o.trim().startsWith("method");
            if (isMethod && !methodsOverridden) {
                methods.clear();
                methodsOverridden = true;
            }
            read(o, "--set " + o, values, where, methods, true);
        }
        String name = values.getOrDefault("name", "experiment");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new ParseException(where.getOrDefault("name", source), "name may only use letters, digits, '.', '_'"
                    + " and '-' (it names a directory), got '" + name + "'");
        }
        if (methods.isEmpty()) {
            throw new ParseException(source, "no method: add a line such as 'method = adam:1+R'");
        }
        List<MethodSpec> parsedMethods = new ArrayList<>();
        for (String[] m : methods) {
            parsedMethods.add(method(m[0], m[1], baselineNames));
        }
        parsedMethods = distinctLabels(parsedMethods);
        TreeMap<String, String> defaults = new TreeMap<>();
        values.forEach((k, v) -> {
            if (DEFAULT_KEYS.contains(k)) {
                defaults.put(k, v);
            }
        });
        try {
            return new ExperimentSpec(name, parsedMethods,
                    ints(values.getOrDefault("size", "100"), where.getOrDefault("size", source)),
                    ints(values.getOrDefault("rank", "5"), where.getOrDefault("rank", source)),
                    ints(values.getOrDefault("observed", "2000"), where.getOrDefault("observed", source)),
                    ints(values.getOrDefault("depth", "1"), where.getOrDefault("depth", source)),
                    doubles(values.getOrDefault("lambda", "1e-3"), where.getOrDefault("lambda", source)),
                    ints(values.getOrDefault("seeds", "0"), where.getOrDefault("seeds", source)).stream()
                            .map(Integer::longValue).toList(),
                    values.getOrDefault("x", "observed"), defaults);
        } catch (IllegalArgumentException e) {
            if (e instanceof ParseException) {
                throw e;
            }
            throw new ParseException(where.getOrDefault("x", source), e.getMessage());
        }
    }

    /**
     * The experiment file as the overrides leave it, to print or to store beside the results: every line an override
     * replaces is kept as a comment, and the overrides follow as lines of their own, so the text names each key once
     * and parses to the same experiment.
     *
     * @param text      the file's text
     * @param overrides {@code key=value} overrides, as given to {@link #parse}
     * @return the resolved text, ending with a line break
     */
    public static String resolve(String text, List<String> overrides) {
        Set<String> replaced = new java.util.HashSet<>();
        overrides.forEach(o -> replaced.add(o.contains("=") ? o.substring(0, o.indexOf('=')).strip() : o.strip()));
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String code = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            int eq = code.indexOf('=');
            boolean overridden = eq > 0 && replaced.contains(code.substring(0, eq).strip());
            out.append(overridden ? "# replaced by --set: " + line : line).append('\n');
        }
        String body = out.toString().replaceAll("\n+$", "\n");
        StringBuilder resolved = new StringBuilder(body.equals("\n") ? "" : body);
        overrides.forEach(o -> resolved.append(o.strip().replaceFirst("=", " = ")).append('\n'));
        return resolved.toString();
    }

    private static void read(String rawLine, String where, Map<String, String> values, Map<String, String> whereOf,
                             List<String[]> methods, boolean override) {
        String line = rawLine;
        int hash = line.indexOf('#');
        if (hash >= 0) {
            line = line.substring(0, hash);
        }
        line = line.strip();
        if (line.isEmpty()) {
            return;
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
            throw new ParseException(where, "expected 'key = value', got '" + rawLine.strip() + "'");
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (!GRID_KEYS.contains(key) && !DEFAULT_KEYS.contains(key)) {
            throw new ParseException(where, "unknown key '" + key + "'; known: "
                    + String.join(", ", new java.util.TreeSet<>(union())));
        }
        if (value.isEmpty()) {
            throw new ParseException(where, "'" + key + "' has no value");
        }
        if (key.equals("method")) {
            methods.add(new String[] {value, where});
        } else {
            if (!override && values.containsKey(key)) {
                // Silently keeping the last line would run another grid than the file seems to describe.
                throw new ParseException(where, "'" + key + "' is already set at " + whereOf.get(key) + "; keep one "
                        + "line (the values of a grid go on one line, separated by commas; --set replaces a line)");
            }
            values.put(key, value);
            whereOf.put(key, where);
        }
    }

    private static Set<String> union() {
        java.util.HashSet<String> all = new java.util.HashSet<>(GRID_KEYS);
        all.addAll(DEFAULT_KEYS);
        return all;
    }

    /**
     * Two methods written with the same notation (Adam+R at two learning rates, say) would merge into one series of
     * the tables and charts; their settings, appended to the label, tell them apart.
     */
    private static List<MethodSpec> distinctLabels(List<MethodSpec> methods) {
        Map<String, Integer> uses = new HashMap<>();
        methods.forEach(m -> uses.merge(m.label().toLowerCase(Locale.ROOT), 1, Integer::sum));
        List<MethodSpec> out = new ArrayList<>(methods.size());
        for (MethodSpec m : methods) {
            boolean shared = uses.get(m.label().toLowerCase(Locale.ROOT)) > 1 && !m.settings().isEmpty();
            out.add(shared ? m.withLabel(m.label() + " " + m.settings().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))) : m);
        }
        return out;
    }

    private static MethodSpec method(String value, String where, Set<String> baselineNames) {
        String[] parts = value.split("\\s+");
        Map<String, String> settings = new TreeMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0 || eq == parts[i].length() - 1) {
                throw new ParseException(where, "method setting '" + parts[i] + "' is not key=value");
            }
            settings.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        try {
            return MethodSpec.parse(parts[0], settings, baselineNames);
        } catch (IllegalArgumentException e) {
            throw new ParseException(where, e.getMessage());
        }
    }

    static List<Integer> ints(String value, String where) {
        List<Integer> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.strip();
            try {
                int range = p.indexOf("..");
                if (range > 0) {
                    int a = Integer.parseInt(p.substring(0, range).strip());
                    int b = Integer.parseInt(p.substring(range + 2).strip());
                    if (b < a || b - a > 10_000) {
                        throw new ParseException(where, "range '" + p + "' must go upwards by at most 10000");
                    }
                    for (int v = a; v <= b; v++) {
                        out.add(v);
                    }
                } else {
                    out.add(Integer.parseInt(p));
                }
            } catch (NumberFormatException e) {
                throw new ParseException(where, "'" + p + "' is not a whole number or a range a..b");
            }
        }
        return out;
    }

    private static List<Double> doubles(String value, String where) {
        List<Double> out = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                double d = Double.parseDouble(part.strip());
                if (!(d >= 0) || Double.isInfinite(d)) {
                    throw new ParseException(where, "lambda must be a finite number >= 0, got '" + part.strip() + "'");
                }
                out.add(d);
            } catch (NumberFormatException e) {
                throw new ParseException(where, "'" + part.strip() + "' is not a number");
            }
        }
        return out;
    }
}
