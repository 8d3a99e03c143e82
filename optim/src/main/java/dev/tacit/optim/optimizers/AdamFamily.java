package dev.tacit.optim.optimizers;

import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Hyperparameter.Bound;
import java.util.List;

/** The hyperparameters the Adam variants share, with the same names, ranges and wording as Adam's. */
final class AdamFamily {

    /** The shared settings with the defaults of Adam: only their accepted values matter to {@link #check}. */
    private static final List<Hyperparameter> BOUNDS = parameters(1e-3, 0);

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
                Hyperparameter.real("beta1", 0.9, Bound.closed(0), Bound.open(1), "decay of the first-moment estimate"),
                Hyperparameter.real("beta2", 0.999, Bound.closed(0), Bound.open(1), "decay of the second-moment estimate"),
                Hyperparameter.real("eps", 1e-8, 0, 1, "added to the denominator for stability"),
                Hyperparameter.real("weight_decay", weightDecay, 0, Double.MAX_VALUE,
                        "L2 coefficient added to the gradient"));
    }

    /**
     * Validates the settings every Adam variant shares.
     *
     * @param learningRate the learning rate
     * @param beta1        decay of the first moment
     * @param beta2        decay of the second moment
     * @param eps          added to the denominator
     * @param weightDecay  weight decay
     * @throws dev.tacit.api.InvalidValueException naming the first setting out of range
     */
    static void check(double learningRate, double beta1, double beta2, double eps, double weightDecay) {
        Checks.declared(BOUNDS, "lr", learningRate);
        Checks.declared(BOUNDS, "beta1", beta1);
        Checks.declared(BOUNDS, "beta2", beta2);
        Checks.declared(BOUNDS, "eps", eps);
        Checks.declared(BOUNDS, "weight_decay", weightDecay);
    }
}
