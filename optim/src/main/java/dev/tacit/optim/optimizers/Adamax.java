package dev.tacit.optim.optimizers;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Hyperparameter.Bound;
import dev.tacit.api.Optimizer;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.List;

/**
 * Adamax, the infinity-norm variant of Adam (Kingma and Ba, ICLR 2015, section 7.1), exactly as PyTorch's
 * {@code torch.optim.Adamax}, per element at step t (from 1):
 * <pre>
 *   g ← g + weight_decay·θ
 *   m ← β1·m + (1 − β1)·g
 *   u ← max(β2·u, |g| + eps)
 *   θ ← θ − (lr / (1 − β1^t)) · m / u
 * </pre>
 * eps is added to |g| inside the maximum, as PyTorch does, so u &gt; 0 from the first step. Defaults: PyTorch's,
 * lr 2e-3, β1 0.9, β2 0.999, eps 1e-8, weight_decay 0. State: "m" and "u", one matrix per parameter, both starting
 * at zero.
 *
 * @param learningRate the base learning rate
 * @param beta1        decay of the first moment, in [0, 1)
 * @param beta2        decay of the infinity norm, in [0, 1)
 * @param eps          added to |g|
 * @param weightDecay  L2 coefficient added to the gradient
 */
public record Adamax(double learningRate, double beta1, double beta2, double eps, double weightDecay)
        implements Optimizer {

    /** The state's buffers: first moment "m", infinity-norm estimate "u". */
    private static final List<String> BUFFERS = List.of("m", "u");

    /** Validates the settings. */
    public Adamax {
        AdamFamily.check(learningRate, beta1, beta2, eps, weightDecay);
    }

    @Override
    public State start(List<Matrix> params) {
        return Elementwise.zeroBuffers(params, BUFFERS);
    }

    @Override
    public Step step(Input input, State state) {
        long t = state.step() + 1;
        double stepSize = input.learningRate() / (1 - Math.pow(beta1, t));
        return Elementwise.update(input, state, t, BUFFERS, (theta, g, in, out) -> {
            double gi = g + weightDecay * theta;
            double mi = beta1 * in[0] + (1 - beta1) * gi;
            double ui = Math.max(beta2 * in[1], Math.abs(gi) + eps);
            out[0] = mi;
            out[1] = ui;
            return theta - stepSize * mi / ui;
        });
    }

    /** Registers {@code adamax}. */
    public static final class Provider implements OptimizerProvider {

        /** The settings, their defaults and the values they accept: the one statement of what is valid. */
        static final List<Hyperparameter> PARAMETERS = List.of(
                Hyperparameter.real("lr", 2e-3, 0, Double.MAX_VALUE, "learning rate"),
                Hyperparameter.real("beta1", 0.9, Bound.closed(0), Bound.open(1), "decay of the first-moment estimate"),
                Hyperparameter.real("beta2", 0.999, Bound.closed(0), Bound.open(1), "decay of the infinity-norm estimate"),
                Hyperparameter.real("eps", 1e-8, 0, 1, "added to |g| inside the maximum"),
                Hyperparameter.real("weight_decay", 0, 0, Double.MAX_VALUE, "L2 coefficient added to the gradient"));
        @Override
        public String name() {
            return "adamax";
        }

        @Override
        public String description() {
            return "Adamax (Kingma & Ba 2015): Adam with an infinity-norm second moment (PyTorch Adamax)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return PARAMETERS;
        }

        @Override
        public Optimizer create(Settings settings) {
            return new Adamax(settings.get("lr"), settings.get("beta1"), settings.get("beta2"), settings.get("eps"),
                    settings.get("weight_decay"));
        }
    }
}
