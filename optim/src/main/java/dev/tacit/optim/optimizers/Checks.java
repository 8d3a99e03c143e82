package dev.tacit.optim.optimizers;

import dev.tacit.api.Hyperparameter;
import dev.tacit.api.InvalidValueException;

/** Range checks for the compact constructors of the optimizer records, named as users write the settings. */
final class Checks {

    private Checks() {
    }

    /**
     * @param name  the setting as users write it
     * @param value its value
     * @param lower smallest accepted value (inclusive)
     * @param upper largest accepted value (inclusive)
     * @throws InvalidValueException if the value is NaN or outside [lower, upper]
     */
    static void range(String name, double value, double lower, double upper) {
        if (!(value >= lower && value <= upper)) {
            throw new InvalidValueException(name, Hyperparameter.format(value),
                    "in [" + Hyperparameter.format(lower) + ", " + Hyperparameter.format(upper) + "]");
        }
    }

    /**
     * @param name  the setting as users write it
     * @param value its value
     * @throws InvalidValueException if the value is negative, NaN or infinite
     */
    static void nonNegative(String name, double value) {
        range(name, value, 0, Double.MAX_VALUE);
    }

    /**
     * @param name  the setting as users write it
     * @param value its value
     * @throws InvalidValueException unless 0 ≤ value &lt; 1
     */
    static void fraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidValueException(name, Hyperparameter.format(value), "in [0, 1)");
        }
    }
}
