package dev.tacit.optim.optimizers;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Optimizer;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.List;

/**
 * Adagrad (Duchi, Hazan and Singer, JMLR 2011) exactly as PyTorch's {@code torch.optim.Adagrad}, per element at step
 * t (from 1):
 * <pre>
 *   g ← g + weight_decay·θ
 *   lr_t = lr / (1 + (t − 1)·lr_decay)
 *   s ← s + g²
 *   θ ← θ − lr_t · g / (sqrt(s) + eps)
 * </pre>
 * Defaults: PyTorch's, lr 1e-2 (also docs/method.md's), lr_decay 0, weight_decay 0, initial_accumulator_value 0,
 * eps 1e-10. State: "s", the sum of squared gradients, one matrix per parameter starting at
 * initial_accumulator_value.
 *
 * @param learningRate        the base learning rate
 * @param learningRateDecay   lr_decay
 * @param weightDecay         L2 coefficient added to the gradient
 * @param initialAccumulator  the starting value of every entry of s
 * @param eps                 added to the denominator
 */
public record Adagrad(double learningRate, double learningRateDecay, double weightDecay, double initialAccumulator,
                      double eps) implements Optimizer {

    /** Validates the settings. */
    public Adagrad {
        Checks.declared(Provider.PARAMETERS, "lr", learningRate);
        Checks.declared(Provider.PARAMETERS, "lr_decay", learningRateDecay);
        Checks.declared(Provider.PARAMETERS, "weight_decay", weightDecay);
        Checks.declared(Provider.PARAMETERS, "initial_accumulator_value", initialAccumulator);
        Checks.declared(Provider.PARAMETERS, "eps", eps);
    }

    @Override
    public State start(List<Matrix> params) {
        return State.EMPTY.withTensors("s", Tensors.filledLike(params, initialAccumulator));
    }

    @Override
    public Step step(Input input, State state) {
        long t = state.step() + 1;
        double lr = input.learningRate() / (1 + (t - 1) * learningRateDecay);
        return Elementwise.update(input, state, t, List.of("s"), (theta, g, in, out) -> {
            double gi = g + weightDecay * theta;
            double si = in[0] + gi * gi;
            out[0] = si;
            return theta - lr * gi / (Math.sqrt(si) + eps);
        });
    }

    /** Registers {@code adagrad}. */
    public static final class Provider implements OptimizerProvider {

        /** The settings, their defaults and the values they accept: the one statement of what is valid. */
        static final List<Hyperparameter> PARAMETERS = List.of(
                Hyperparameter.real("lr", 1e-2, 0, Double.MAX_VALUE, "learning rate"),
                Hyperparameter.real("lr_decay", 0, 0, Double.MAX_VALUE, "lr_t = lr/(1 + (t − 1)·lr_decay)"),
                Hyperparameter.real("weight_decay", 0, 0, Double.MAX_VALUE, "L2 coefficient added to the gradient"),
                Hyperparameter.real("initial_accumulator_value", 0, 0, Double.MAX_VALUE,
                        "starting value of the sum of squared gradients"),
                Hyperparameter.real("eps", 1e-10, 0, 1, "added to the denominator for stability"));
        @Override
        public String name() {
            return "adagrad";
        }

        @Override
        public String description() {
            return "Adagrad (Duchi et al. 2011): steps scaled by the root of the summed squared gradients (PyTorch)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return PARAMETERS;
        }

        @Override
        public Optimizer create(Settings settings) {
            return new Adagrad(settings.get("lr"), settings.get("lr_decay"), settings.get("weight_decay"),
                    settings.get("initial_accumulator_value"), settings.get("eps"));
        }
    }
}
