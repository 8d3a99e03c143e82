package dev.tacit.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One documented setting of an optimizer, penalty, schedule or completion method: its name, kind, default and what it
 * accepts. The declarations are the one statement of what a service accepts: {@link Settings#resolve} checks every
 * value against them, so every service validates its settings the same way, and {@code tacit list} prints them.
 *
 * @param name         the key users write, for example {@code beta2}
 * @param kind         what values it takes
 * @param defaultValue the value used unless overridden: a number, 0 or 1 for a flag, the index of a choice
 * @param lower        the smallest accepted value (for a number)
 * @param upper        the largest accepted value (for a number)
 * @param choices      the names a choice accepts, in order; empty for other kinds
 * @param description  what it does, one line
 */
public record Hyperparameter(String name, Kind kind, double defaultValue, Bound lower, Bound upper,
                             List<String> choices, String description) {

    /** What values a setting takes. */
    public enum Kind {
        /** A real number within its bounds. */
        REAL,
        /** A whole number within its bounds. */
        INTEGER,
        /** On or off, written {@code true}/{@code false} or {@code 1}/{@code 0}; its value is 1 or 0. */
        FLAG,
        /** One of a fixed list of names; its value is the index of the name. */
        CHOICE
    }

    /**
     * One end of the accepted range.
     *
     * @param value     the end, possibly infinite (no bound)
     * @param inclusive whether the end itself is accepted
     */
    public record Bound(double value, boolean inclusive) {

        /** No bound below. */
        public static final Bound NONE_BELOW = new Bound(Double.NEGATIVE_INFINITY, false);
        /** No bound above. */
        public static final Bound NONE_ABOVE = new Bound(Double.POSITIVE_INFINITY, false);

        /** Rejects NaN. */
        public Bound {
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("a bound cannot be NaN");
            }
        }

        /**
         * @param value the end
         * @return a bound that accepts its end
         */
        public static Bound closed(double value) {
            return new Bound(value, true);
        }

        /**
         * @param value the end
         * @return a bound that excludes its end
         */
        public static Bound open(double value) {
            return new Bound(value, false);
        }

        boolean admitsFromAbove(double v) {
            return inclusive ? v >= value : v > value;
        }

        boolean admitsFromBelow(double v) {
            return inclusive ? v <= value : v < value;
        }
    }

    /** Validates the name, the range, the choices and the default. */
    public Hyperparameter {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("hyperparameter name must match [a-z][a-z0-9_]*, got '" + name + "'");
        }
        choices = List.copyOf(choices);
        if (kind == Kind.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException(name + ": a choice needs at least one name");
        }
        if (kind != Kind.CHOICE && !choices.isEmpty()) {
            throw new IllegalArgumentException(name + ": only a choice has names");
        }
        if (!(lower.value() <= upper.value())) {
            throw new IllegalArgumentException(name + ": lower bound " + lower.value() + " exceeds upper bound "
                    + upper.value());
        }
        if (!admits(kind, defaultValue, lower, upper, choices)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is not accepted by its own "
                    + "declaration");
        }
    }

    /**
     * A real-valued setting accepting [lower, upper]; an infinite or {@link Double#MAX_VALUE} bound means none.
     *
     * @param name         key
     * @param defaultValue default
     * @param lower        smallest accepted value
     * @param upper        largest accepted value
     * @param description  one line
     * @return the setting
     */
    public static Hyperparameter real(String name, double defaultValue, double lower, double upper,
                                      String description) {
        return real(name, defaultValue, closedOrNone(lower, true), closedOrNone(upper, false), description);
    }

    /**
     * A real-valued setting with open or closed bounds, for example a decay rate in [0, 1).
     *
     * @param name         key
     * @param defaultValue default
     * @param lower        the lower end
     * @param upper        the upper end
     * @param description  one line
     * @return the setting
     */
    public static Hyperparameter real(String name, double defaultValue, Bound lower, Bound upper,
                                      String description) {
        return new Hyperparameter(name, Kind.REAL, defaultValue, lower, upper, List.of(), description);
    }

    /**
     * A whole-number setting accepting [lower, upper]; {@link Long#MAX_VALUE} or more above means no bound.
     *
     * @param name         key
     * @param defaultValue default
     * @param lower        smallest accepted value
     * @param upper        largest accepted value
     * @param description  one line
     * @return the setting
     */
    public static Hyperparameter integer(String name, long defaultValue, long lower, long upper, String description) {
        return new Hyperparameter(name, Kind.INTEGER, defaultValue, Bound.closed(lower),
                upper >= Long.MAX_VALUE / 2 ? Bound.NONE_ABOVE : Bound.closed(upper), List.of(), description);
    }

    /**
     * An on/off setting.
     *
     * @param name         key
     * @param defaultValue default
     * @param description  one line
     * @return the setting
     */
    public static Hyperparameter flag(String name, boolean defaultValue, String description) {
        return new Hyperparameter(name, Kind.FLAG, defaultValue ? 1 : 0, Bound.closed(0), Bound.closed(1), List.of(),
                description);
    }

    /**
     * A setting that takes one of a fixed list of names.
     *
     * @param name         key
     * @param defaultValue the default name, one of the choices
     * @param choices      the names accepted
     * @param description  one line
     * @return the setting
     */
    public static Hyperparameter choice(String name, String defaultValue, List<String> choices, String description) {
        int index = choices.indexOf(defaultValue);
        if (index < 0) {
            throw new IllegalArgumentException(name + ": default '" + defaultValue + "' is not one of " + choices);
        }
        return new Hyperparameter(name, Kind.CHOICE, index, Bound.closed(0), Bound.closed(choices.size() - 1),
                choices, description);
    }

    /** @return whether only whole numbers are accepted (an integer, a flag or a choice's index) */
    public boolean integral() {
        return kind != Kind.REAL;
    }

    /**
     * Reads a value as users write it.
     *
     * @param text what the user wrote
     * @return the value, or why it is not acceptable
     */
    public io.vavr.control.Either<String, Double> parse(String text) {
        String t = text.trim();
        if (kind == Kind.FLAG) {
            switch (t.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> {
                    return io.vavr.control.Either.right(1.0);
                }
                case "false", "no", "off", "0" -> {
                    return io.vavr.control.Either.right(0.0);
                }
                default -> {
                    return io.vavr.control.Either.left(name + " must be in [0, 1] (true or false), got '" + text
                            + "'");
                }
            }
        }
        if (kind == Kind.CHOICE) {
            int index = choices.indexOf(t.toLowerCase(Locale.ROOT));
            return index >= 0 ? io.vavr.control.Either.right((double) index)
                    : io.vavr.control.Either.left(name + " must be one of " + String.join(", ", choices) + ", got '"
                    + text + "'");
        }
        double value;
        try {
            value = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return io.vavr.control.Either.left(name + " must be a number, got '" + text + "'");
        }
        return problemWith(value).<io.vavr.control.Either<String, Double>>map(io.vavr.control.Either::left)
                .orElseGet(() -> io.vavr.control.Either.right(value));
    }

    /**
     * Why a value is not acceptable, if it is not.
     *
     * @param value a candidate
     * @return an explanation, or empty if the value is acceptable
     */
    public Optional<String> problemWith(double value) {
        if (Double.isNaN(value)) {
            return Optional.of(name + " must be a number, got NaN");
        }
        if (kind == Kind.CHOICE && !admits(kind, value, lower, upper, choices)) {
            return Optional.of(name + " must be one of " + String.join(", ", choices) + ", got " + format(value));
        }
        if (!lower.admitsFromAbove(value) || !upper.admitsFromBelow(value)) {
            return Optional.of(name + " must be " + range() + ", got " + format(value));
        }
        if (integral() && value != Math.rint(value)) {
            return Optional.of(name + " must be a whole number, got " + format(value));
        }
        return Optional.empty();
    }

    /**
     * @return the accepted values as users read them: {@code in [0, 1)}, {@code in [0, ∞)}, {@code one of a, b}
     */
    public String range() {
        if (kind == Kind.CHOICE) {
            return "one of " + String.join(", ", choices);
        }
        return "in " + (lower.inclusive() ? "[" : "(") + end(lower.value()) + ", " + end(upper.value())
                + (upper.inclusive() ? "]" : ")");
    }

    /**
     * @param value a value of this setting
     * @return it as users write it: a number, {@code true}/{@code false}, or a choice's name
     */
    public String display(double value) {
        return switch (kind) {
            case FLAG -> value != 0 ? "true" : "false";
            case CHOICE -> choices.get((int) value);
            default -> format(value);
        };
    }

    private static boolean admits(Kind kind, double v, Bound lower, Bound upper, List<String> choices) {
        boolean inRange = lower.admitsFromAbove(v) && upper.admitsFromBelow(v);
        return switch (kind) {
            case REAL -> inRange;
            case INTEGER, FLAG -> inRange && v == Math.rint(v);
            case CHOICE -> inRange && v == Math.rint(v) && v < choices.size();
        };
    }

    private static Bound closedOrNone(double v, boolean below) {
        if (below) {
            return v == Double.NEGATIVE_INFINITY || v == -Double.MAX_VALUE ? Bound.NONE_BELOW : Bound.closed(v);
        }
        return v == Double.POSITIVE_INFINITY || v == Double.MAX_VALUE ? Bound.NONE_ABOVE : Bound.closed(v);
    }

    private static String end(double v) {
        return v == Double.POSITIVE_INFINITY ? "∞" : v == Double.NEGATIVE_INFINITY ? "-∞" : format(v);
    }

    /**
     * @param v a value
     * @return the value as users write it (whole numbers without ".0")
     */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
