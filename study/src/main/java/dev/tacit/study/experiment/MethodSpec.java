package dev.tacit.study.experiment;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One method of an experiment as its file names it: either a linear network, written
 * {@code optimizer[:depth][+R|+penalty]} (for example {@code adam:1+R}, {@code gd:3}, {@code rmsprop+nuclear}), or a
 * completion method by name ({@code cp}, {@code softimpute}, {@code optspace}), followed by optional
 * {@code key=value} settings.
 *
 * @param label     the notation as written, used in tables and charts (with the settings when two methods share a
 *                  notation)
 * @param method    {@code lnn} for a linear network, else the completion method's name
 * @param optimizer the optimizer (linear networks only)
 * @param depth     the depth if the notation fixes it (linear networks only)
 * @param penalty   the penalty ({@code none} if the notation has no {@code +})
 * @param settings  extra settings, for example {@code lr=5} or {@code iterations=20000}
 */
public record MethodSpec(String label, String method, Optional<String> optimizer, Optional<Integer> depth,
                         String penalty, SortedMap<String, String> settings) {

    /** The method name of a linear network. */
    public static final String LNN = "lnn";

    /** Copies the settings. */
    public MethodSpec {
        settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
    }

    /**
     * @param newLabel the label to show in tables and charts
     * @return this method under that label
     */
    public MethodSpec withLabel(String newLabel) {
        return new MethodSpec(newLabel, method, optimizer, depth, penalty, settings);
    }

    /** @return whether this is a linear network trained by an optimizer */
    public boolean isNetwork() {
        return LNN.equals(method);
    }

    /**
     * Parses the notation.
     *
     * @param notation      for example {@code adam:1+R} or {@code softimpute}
     * @param settings      the key=value settings that followed it
     * @param baselineNames names of the completion methods that are not networks
     * @return the method
     * @throws IllegalArgumentException with what is wrong
     */
    public static MethodSpec parse(String notation, Map<String, String> settings, java.util.Set<String> baselineNames) {
        String n = notation.trim();
        String lower = n.toLowerCase(Locale.ROOT);
        if (baselineNames.contains(lower)) {
            return new MethodSpec(n, lower, Optional.empty(), Optional.empty(), "none", new TreeMap<>(settings));
        }
        String penalty = "none";
        String head = lower;
        int plus = lower.indexOf('+');
        if (plus >= 0) {
            String p = lower.substring(plus + 1);
            penalty = p.equals("r") ? "ratio" : p;
            head = lower.substring(0, plus);
            if (penalty.isEmpty()) {
                throw new IllegalArgumentException("'" + n + "': a penalty name must follow '+' (R for the ratio)");
            }
        }
        Optional<Integer> depth = Optional.empty();
        int colon = head.indexOf(':');
        String optimizer = head;
        if (colon >= 0) {
            optimizer = head.substring(0, colon);
            try {
                depth = Optional.of(Integer.parseInt(head.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + n + "': the depth after ':' must be a whole number");
            }
        }
        if (!optimizer.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("'" + n + "' is neither a completion method ("
                    + String.join(", ", new java.util.TreeSet<>(baselineNames)) + ") nor optimizer[:depth][+penalty]");
        }
        return new MethodSpec(n, LNN, Optional.of(optimizer), depth, penalty, new TreeMap<>(settings));
    }
}
