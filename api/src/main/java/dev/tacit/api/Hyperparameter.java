package dev.tacit.api;

/**
 * One documented setting of an optimizer or penalty.
 *
 * @param name         the key users write, for example {@code beta2}
 * @param defaultValue the value used unless overridden, within [lower, upper]
 * @param lower        smallest accepted value (inclusive)
 * @param upper        largest accepted value (inclusive)
 * @param integral     whether only whole numbers are accepted
 * @param description  what it does, one line
 */
public record Hyperparameter(String name, double defaultValue, double lower, double upper, boolean integral,
                             String description) {

    /** Validates the name, the range and the default. */
    public Hyperparameter {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("hyperparameter name must match [a-z][a-z0-9_]*, got '" + name + "'");
        }
        if (!(lower <= upper)) {
            throw new IllegalArgumentException(name + ": lower bound " + lower + " exceeds upper bound " + upper);
        }
        if (!(defaultValue >= lower && defaultValue <= upper)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside [" + lower + ", " + upper + "]");
        }
        if (integral && defaultValue != Math.rint(defaultValue)) {
            throw new IllegalArgumentException(name + ": integral default " + defaultValue + " is not a whole number");
        }
    }

    /**
     * A real-valued setting.
     *
     * @param name         key
     * @param defaultValue default
     * @param lower        smallest accepted value
     * @param upper        largest accepted value
     * @param description  one line
     * @return the setting
     */
    public static Hyperparameter real(String name, double defaultValue, double lower, double upper, String description) {
        return new Hyperparameter(name, defaultValue, lower, upper, false, description);
    }

    /**
     * A whole-number setting.
     *
     * @param name         key
     * @param defaultValue default
     * @param lower        smallest accepted value
     * @param upper        largest accepted value
     * @param description  one line
     * @return the setting
     */
    public static Hyperparameter integer(String name, long defaultValue, long lower, long upper, String description) {
        return new Hyperparameter(name, defaultValue, lower, upper, true, description);
    }

    /**
     * Why a value is not acceptable, if it is not.
     *
     * @param value a candidate
     * @return an explanation, or empty if the value is acceptable
     */
    public java.util.Optional<String> problemWith(double value) {
        if (Double.isNaN(value)) {
            return java.util.Optional.of(name + " must be a number, got NaN");
        }
        if (value < lower || value > upper) {
            return java.util.Optional.of(name + " must be in [" + format(lower) + ", " + format(upper) + "], got "
                    + format(value));
        }
        if (integral && value != Math.rint(value)) {
            return java.util.Optional.of(name + " must be a whole number, got " + format(value));
        }
        return java.util.Optional.empty();
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
