package dev.tacit.optim.optimizers;

import dev.tacit.api.Hyperparameter;
import java.util.List;

/** The hyperparameters the Adam variants share, with the same names, ranges and wording as Adam's. */
final class AdamFamily {

    private AdamFamily() {
    }

    /**
     * @param lr          the default learning rate
     * @param weightDecay the default weight decay
     * @return lr, beta1 (0.9), beta2 (0.999), eps (1e-8), weight_decay
     */
    static List<Hyperparameter> parameters(double lr, double weightDecay) {
        return List.of(
                Hyperparameter.real("lr", lr, 0, Double.MAX_VALUE, "learning rate"),
                Hyperparameter.real("beta1", 0.9, 0, 0.999999, "decay of the first-moment estimate"),
                Hyperparameter.real("beta2", 0.999, 0, 0.999999999, "decay of the second-moment estimate"),
                Hyperparameter.real("eps", 1e-8, 0, 1, "added to the denominator for stability"),
                Hyperparameter.real("weight_decay", weightDecay, 0, Double.MAX_VALUE,
                        "L2 coefficient added to the gradient"));
    }

    /**
     * Validates the settings every Adam variant shares.
     *
     * @param learningRate the learning rate, ≥ 0
     * @param beta1        decay of the first moment, in [0, 1)
     * @param beta2        decay of the second moment, in [0, 1)
     * @param eps          added to the denominator, ≥ 0
     * @param weightDecay  weight decay, ≥ 0
     * @throws dev.tacit.api.InvalidValueException naming the first setting out of range
     */
    static void check(double learningRate, double beta1, double beta2, double eps, double weightDecay) {
        Checks.nonNegative("lr", learningRate);
        Checks.fraction("beta1", beta1);
        Checks.fraction("beta2", beta2);
        Checks.nonNegative("eps", eps);
        Checks.nonNegative("weight_decay", weightDecay);
    }
}
