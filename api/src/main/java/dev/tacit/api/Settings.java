package dev.tacit.api;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.Collections;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resolved values of a provider's hyperparameters: every documented key with its default or its override.
 *
 * @param values       value by key: a number, 1 or 0 for a flag, the index of a choice
 * @param declarations the declaration of each key, by key (empty when built from bare values)
 */
public record Settings(SortedMap<String, Double> values, SortedMap<String, Hyperparameter> declarations) {

    /** Copies the maps into unmodifiable sorted maps. */
    public Settings {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        declarations = Collections.unmodifiableSortedMap(new TreeMap<>(declarations));
    }

    /**
     * Settings from bare values, without declarations (for tests and direct construction).
     *
     * @param values value by key
     */
    public Settings(SortedMap<String, Double> values) {
        this(values, new TreeMap<>());
    }

    /**
     * @param name a documented key
     * @return its value
     */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new NoSuchElementException("no setting '" + name + "' (known: " + values.keySet() + ")");
        }
        return v;
    }

    /**
     * @param name a documented whole-number key
     * @return its value
     */
    public long integer(String name) {
        return (long) get(name);
    }

    /**
     * @param name a documented flag
     * @return whether it is on
     */
    public boolean flag(String name) {
        return get(name) != 0;
    }

    /**
     * @param name a documented choice
     * @return the name chosen
     * @throws NoSuchElementException if the key is not a declared choice
     */
    public String choice(String name) {
        Hyperparameter h = declarations.get(name);
        if (h == null || h.kind() != Hyperparameter.Kind.CHOICE) {
            throw new NoSuchElementException("no choice '" + name + "' (known: " + declarations.keySet() + ")");
        }
        return h.choices().get((int) get(name));
    }

    /**
     * @param specs documented hyperparameters
     * @return every key at its default
     */
    public static Settings defaults(java.util.List<Hyperparameter> specs) {
        TreeMap<String, Double> v = new TreeMap<>();
        specs.forEach(s -> v.put(s.name(), s.defaultValue()));
        return new Settings(v, declared(specs));
    }

    private static TreeMap<String, Hyperparameter> declared(java.util.List<Hyperparameter> specs) {
        TreeMap<String, Hyperparameter> byName = new TreeMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        return byName;
    }

    /**
     * Applies textual overrides to the defaults, collecting every problem (unknown key, not a number, out of range,
     * not one of the choices) rather than stopping at the first.
     *
     * @param specs     documented hyperparameters
     * @param overrides key to value as the user wrote them
     * @return the settings, or every problem found
     */
    public static Validation<Seq<String>, Settings> resolve(java.util.List<Hyperparameter> specs,
                                                            Map<String, String> overrides) {
        TreeMap<String, Hyperparameter> byName = declared(specs);
        TreeMap<String, Double> values = new TreeMap<>();
        specs.forEach(s -> values.put(s.name(), s.defaultValue()));
        List<String> problems = List.empty();
        for (Map.Entry<String, String> e : new TreeMap<>(overrides).entrySet()) {
            Hyperparameter spec = byName.get(e.getKey());
            if (spec == null) {
                problems = problems.append("unknown setting '" + e.getKey() + "'" + (byName.isEmpty()
                        ? " (this one takes no settings)" : " (known: " + String.join(", ", byName.keySet()) + ")"));
                continue;
            }
            var parsed = spec.parse(e.getValue());
            if (parsed.isLeft()) {
                problems = problems.append(parsed.getLeft());
            } else {
                values.put(spec.name(), parsed.get());
            }
        }
        return problems.isEmpty() ? Validation.valid(new Settings(values, byName)) : Validation.invalid(problems);
    }
}
