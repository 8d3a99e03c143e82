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
}
