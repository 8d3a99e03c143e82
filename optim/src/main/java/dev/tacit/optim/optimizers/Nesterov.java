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
 * Gradient descent with Nesterov momentum exactly as PyTorch's {@code torch.optim.SGD(nesterov=True, dampening=0)},
 * per element at step t (from 1):
 * <pre>
 *   g ← g + weight_decay·θ
 *   b ← μ·b + g          (b starts at 0, so b = g at t = 1, as PyTorch's first-step copy)
 *   θ ← θ − lr·(g + μ·b)
 * </pre>
 * Sources: Sutskever, Martens, Dahl and Hinton, ICML 2013 (the formulation PyTorch documents); PyTorch's SGD.
 * Defaults: lr 0.01 and momentum 0.5, the study's settings (docs/method.md §4; PyTorch has no default momentum and its SGD
 * default lr is 1e-3), weight_decay 0. State: "b", one momentum buffer per parameter.
 *
 * @param learningRate the base learning rate
 * @param momentum     μ, in [0, 1)
 * @param weightDecay  L2 coefficient added to the gradient
 */
public record Nesterov(double learningRate, double momentum, double weightDecay) implements Optimizer {

    /** The state's buffer: the momentum "b". */
    private static final List<String> BUFFERS = List.of("b");

    /** Validates the settings. */
    public Nesterov {
        Checks.declared(Provider.PARAMETERS, "lr", learningRate);
        Checks.declared(Provider.PARAMETERS, "momentum", momentum);
        Checks.declared(Provider.PARAMETERS, "weight_decay", weightDecay);
    }

    @Override
    public State start(List<Matrix> params) {
        return Elementwise.zeroBuffers(params, BUFFERS);
    }

    @Override
    public Step step(Input input, State state) {
        double lr = input.learningRate();
        return Elementwise.update(input, state, state.step() + 1, BUFFERS, (theta, g, in, out) -> {
            double gi = g + weightDecay * theta;
            double bi = momentum * in[0] + gi;
            out[0] = bi;
            return theta - lr * (gi + momentum * bi);
        });
    }

    /** Registers {@code nesterov}. */
    public static final class Provider implements OptimizerProvider {

        /** The settings, their defaults and the values they accept: the one statement of what is valid. */
        static final List<Hyperparameter> PARAMETERS = List.of(
                Hyperparameter.real("lr", 0.01, 0, Double.MAX_VALUE, "learning rate"),
                Hyperparameter.real("momentum", 0.5, Bound.closed(0), Bound.open(1), "momentum factor μ"),
                Hyperparameter.real("weight_decay", 0, 0, Double.MAX_VALUE, "L2 coefficient added to the gradient"));
        @Override
        public String name() {
            return "nesterov";
        }

        @Override
        public String description() {
            return "gradient descent with Nesterov momentum (Sutskever et al. 2013; PyTorch SGD, nesterov=True)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return PARAMETERS;
        }

        @Override
        public Optimizer create(Settings settings) {
            return new Nesterov(settings.get("lr"), settings.get("momentum"), settings.get("weight_decay"));
        }
    }
}
