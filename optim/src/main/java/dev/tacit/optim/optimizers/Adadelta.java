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
 * Adadelta (Zeiler 2012, arXiv 1212.5701) exactly as PyTorch's {@code torch.optim.Adadelta}, per element at step t
 * (from 1):
 * <pre>
 *   g ← g + weight_decay·θ
 *   v ← ρ·v + (1 − ρ)·g²
 *   Δ = sqrt(u + eps) / sqrt(v + eps) · g
 *   u ← ρ·u + (1 − ρ)·Δ²
 *   θ ← θ − lr·Δ
 * </pre>
 * Defaults: PyTorch's, lr 1.0, ρ 0.9, eps 1e-6, weight_decay 0 (docs/method.md §4). State: "v" (squared gradients) and "u"
 * (squared updates), one matrix per parameter, both starting at zero.
 *
 * @param learningRate the base learning rate (a coefficient on Δ)
 * @param rho          decay ρ, in [0, 1)
 * @param eps          added inside both square roots
 * @param weightDecay  L2 coefficient added to the gradient
 */
public record Adadelta(double learningRate, double rho, double eps, double weightDecay) implements Optimizer {

    /** The state's buffers: squared-gradient average "v", squared-update average "u". */
    private static final List<String> BUFFERS = List.of("v", "u");

    /** Validates the settings. */
    public Adadelta {
        Checks.declared(Provider.PARAMETERS, "lr", learningRate);
        Checks.declared(Provider.PARAMETERS, "rho", rho);
        Checks.declared(Provider.PARAMETERS, "eps", eps);
        Checks.declared(Provider.PARAMETERS, "weight_decay", weightDecay);
    }

    @Override
    public State start(List<Matrix> params) {
        return Elementwise.zeroBuffers(params, BUFFERS);
    }

    @Override
    public Step step(Input input, State state) {
        double lr = input.learningRate();
        return Elementwise.update(input, state, state.step() + 1, BUFFERS, (p, g, v, u, np, nv, nu) ->
                pass(p, g, v, u, np, nv, nu, rho, eps, weightDecay, lr));
    }

    /** The update of one parameter as one loop over arrays, which C2 vectorises ({@link Elementwise.Pass}). */
    private static void pass(Matrix p, Matrix g, Matrix v, Matrix u, double[] np, double[] nv, double[] nu,
                             double rho, double eps, double weightDecay, double lr) {
        for (int i = 0; i < np.length; i++) {
            double theta = p.at(i);
            double gi = g.at(i) + weightDecay * theta;
            double ui = u.at(i);
            double vi = rho * v.at(i) + (1 - rho) * gi * gi;
            double delta = Math.sqrt(ui + eps) / Math.sqrt(vi + eps) * gi;
            nv[i] = vi;
            nu[i] = rho * ui + (1 - rho) * delta * delta;
            np[i] = theta - lr * delta;
        }
    }

    /** Registers {@code adadelta}. */
    public static final class Provider implements OptimizerProvider {

        /** The settings, their defaults and the values they accept: the one statement of what is valid. */
        static final List<Hyperparameter> PARAMETERS = List.of(
                Hyperparameter.real("lr", 1.0, 0, Double.MAX_VALUE, "coefficient on the update"),
                Hyperparameter.real("rho", 0.9, Bound.closed(0), Bound.open(1), "decay of the running averages"),
                Hyperparameter.real("eps", 1e-6, 0, 1, "added inside both square roots"),
                Hyperparameter.real("weight_decay", 0, 0, Double.MAX_VALUE, "L2 coefficient added to the gradient"));
        @Override
        public String name() {
            return "adadelta";
        }

        @Override
        public String description() {
            return "Adadelta (Zeiler 2012): unit-corrected steps from running RMS of updates and gradients (PyTorch)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return PARAMETERS;
        }

        @Override
        public Optimizer create(Settings settings) {
            return new Adadelta(settings.get("lr"), settings.get("rho"), settings.get("eps"),
                    settings.get("weight_decay"));
        }
    }
}
