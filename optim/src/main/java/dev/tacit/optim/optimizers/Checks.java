package dev.tacit.optim.optimizers;

import dev.tacit.api.Hyperparameter;
import dev.tacit.api.InvalidValueException;
import java.util.List;

/**
 * The range checks of the optimizers' compact constructors: every value against the provider's declaration of the
 * setting ({@link Hyperparameter}), so a directly constructed optimizer accepts exactly what the command line does.
 */
final class Checks {

    private Checks() {
    }

    /**
     * @param declared the provider's declarations
     * @param name     the setting as users write it
     * @param value    its value
     * @throws InvalidValueException if the declaration does not accept the value
     */
    static void declared(List<Hyperparameter> declared, String name, double value) {
        Hyperparameter h = declared.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no declaration of '" + name + "'"));
        if (h.problemWith(value).isPresent()) {
            throw new InvalidValueException(name, Hyperparameter.format(value), h.range());
        }
    }
}
