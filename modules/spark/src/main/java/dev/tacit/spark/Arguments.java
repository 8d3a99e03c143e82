package dev.tacit.spark;

import dev.tacit.api.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed command line of one {@code tacit-spark} command: positional words, flags and {@code --name value} (or
 * {@code --name=value}) options, checked against the names the command declares. A small parser rather than picocli,
 * which the project keeps to the {@code tacit} application, so that the jar given to {@code spark-submit} carries
 * nothing but Tacit.
 */
final class Arguments {

    private final String command;
    private final List<String> positional;
    private final Map<String, List<String>> values;

    private Arguments(String command, List<String> positional, Map<String, List<String>> values) {
        this.command = command;
        this.positional = List.copyOf(positional);
        this.values = values;
    }

    /**
     * @param command     the command's name, for messages ({@code tacit-spark experiment})
     * @param args        the words after the command's name
     * @param flags       options that take no value
     * @param options     options that take a value (repeatable: every value is kept, in order)
     * @param unsupported options of the single-machine command that have no meaning here, with why
     * @return the parsed arguments
     * @throws UsageException naming the first unknown, unsupported or incomplete option
     */
    static Arguments parse(String command, List<String> args, Set<String> flags, Set<String> options,
                           Map<String, String> unsupported) {
        List<String> positional = new ArrayList<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || a.equals("--")) {
                positional.add(a);
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            if (unsupported.containsKey(name)) {
                throw new UsageException(name + " is not available in " + command + ": " + unsupported.get(name));
            }
            if (flags.contains(name)) {
                if (eq >= 0) {
                    throw new UsageException(name + " takes no value, got '" + a + "'");
                }
                values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (options.contains(name)) {
                String value;
                if (eq >= 0) {
                    value = a.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(name + " needs a value");
                }
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option '" + name + "'; see " + command + " --help");
            }
        }
        return new Arguments(command, positional, values);
    }

    /** @return the words that are not options, in order */
    List<String> positional() {
        return positional;
    }

    /**
     * @param name a flag
     * @return whether it was given
     */
    boolean flag(String name) {
        return values.containsKey(name);
    }

    /**
     * @param name an option
     * @return its value; the last one if it was given more than once
     */
    Optional<String> value(String name) {
        List<String> v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    /**
     * @param name a repeatable option
     * @return every value given, in order
     */
    List<String> all(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    /**
     * @param name     an option
     * @param fallback its value when absent
     * @param min      the smallest accepted value
     * @return its value as an integer
     * @throws UsageException if it is not an integer of at least min
     */
    int integer(String name, int fallback, int min) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.get().strip());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be an integer, got '" + v.get() + "'");
        }
        if (n < min) {
            throw new UsageException(name + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    /**
     * @param name     an option
     * @param fallback its value when absent
     * @param min      the smallest accepted value (exclusive when {@code open})
     * @param open     whether min itself is refused
     * @return its value as a finite number
     * @throws UsageException if it is not a finite number in range
     */
    double real(String name, double fallback, double min, boolean open) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return fallback;
        }
        double x;
        try {
            x = Double.parseDouble(v.get().strip());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, got '" + v.get() + "'");
        }
        if (!Double.isFinite(x) || x < min || (open && x == min)) {
            throw new UsageException(name + " must be " + (open ? "greater than " : "at least ") + min + ", got "
                    + v.get());
        }
        return x;
    }

    /** @return the command's name, for messages */
    String command() {
        return command;
    }
}
