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
 * @param values value by key
 */
public record Settings(SortedMap<String, Double> values) {

    /** Copies the values into an unmodifiable sorted map. */
    public Settings {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
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
     * @param specs documented hyperparameters
     * @return every key at its default
     */
    public static Settings defaults(java.util.List<Hyperparameter> specs) {
        TreeMap<String, Double> v = new TreeMap<>();
        specs.forEach(s -> v.put(s.name(), s.defaultValue()));
        return new Settings(v);
    }

    /**
     * Applies textual overrides to the defaults, collecting every problem (unknown key, not a number, out of range)
     * rather than stopping at the first.
     *
     * @param specs     documented hyperparameters
     * @param overrides key to value as the user wrote them
     * @return the settings, or every problem found
     */
    public static Validation<Seq<String>, Settings> resolve(java.util.List<Hyperparameter> specs,
                                                            Map<String, String> overrides) {
        TreeMap<String, Hyperparameter> byName = new TreeMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
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
            double value;
            try {
                value = Double.parseDouble(e.getValue().trim());
            } catch (NumberFormatException ex) {
                problems = problems.append(spec.name() + " must be a number, got '" + e.getValue() + "'");
                continue;
            }
            var problem = spec.problemWith(value);
            if (problem.isPresent()) {
                problems = problems.append(problem.get());
            } else {
                values.put(spec.name(), value);
            }
        }
        return problems.isEmpty() ? Validation.valid(new Settings(values)) : Validation.invalid(problems);
    }
}
