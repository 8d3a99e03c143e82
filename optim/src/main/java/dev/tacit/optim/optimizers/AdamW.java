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
 * AdamW (Loshchilov and Hutter, ICLR 2019) exactly as PyTorch's {@code torch.optim.AdamW} (amsgrad off), per element
 * at step t (from 1):
 * <pre>
 *   θ ← θ·(1 − lr·weight_decay)             (decoupled decay, before the Adam step)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   θ ← θ − (lr / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + eps)
 * </pre>
 * lr is this step's learning rate, so a schedule scales the decay too, as in PyTorch. Defaults: PyTorch's, lr 1e-3,
 * β1 0.9, β2 0.999, eps 1e-8, weight_decay 1e-2 (docs/method.md §4: θ ← θ(1 − lr·0.01)). State: "m" and "v", one matrix
 * per parameter, both starting at zero.
 *
 * @param learningRate the base learning rate
 * @param beta1        decay of the first moment, in [0, 1)
 * @param beta2        decay of the second moment, in [0, 1)
 * @param eps          added to the denominator
 * @param weightDecay  decoupled decay coefficient
 */
public record AdamW(double learningRate, double beta1, double beta2, double eps, double weightDecay)
        implements Optimizer {

    /** Validates the settings. */
    public AdamW {
        AdamFamily.check(learningRate, beta1, beta2, eps, weightDecay);
    }

    @Override
    public State start(List<Matrix> params) {
        return Elementwise.zeroBuffers(params, Adam.MOMENTS);
    }

    @Override
    public Step step(Input input, State state) {
        long t = state.step() + 1;
        double lr = input.learningRate();
        double decay = 1 - lr * weightDecay;
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double sqrtBias2 = Math.sqrt(1 - Math.pow(beta2, t));
        return Elementwise.update(input, state, t, Adam.MOMENTS, (p, g, m, v, np, nm, nv) ->
                pass(p, g, m, v, np, nm, nv, beta1, beta2, eps, decay, stepSize, sqrtBias2));
    }

    /** The update of one parameter as one loop over arrays, which C2 vectorises ({@link Elementwise.Pass}). */
    private static void pass(Matrix p, Matrix g, Matrix m, Matrix v, double[] np, double[] nm, double[] nv,
                             double beta1, double beta2, double eps, double decay,
                             double stepSize, double sqrtBias2) {
        for (int i = 0; i < np.length; i++) {
            double gi = g.at(i);
            double mi = beta1 * m.at(i) + (1 - beta1) * gi;
            double vi = beta2 * v.at(i) + (1 - beta2) * gi * gi;
            nm[i] = mi;
            nv[i] = vi;
            np[i] = p.at(i) * decay - stepSize * mi / (Math.sqrt(vi) / sqrtBias2 + eps);
        }
    }

    /** Registers {@code adamw}. */
    public static final class Provider implements OptimizerProvider {

        /** The settings, their defaults and the values they accept: the one statement of what is valid. */
        static final List<Hyperparameter> PARAMETERS = List.of(
                Hyperparameter.real("lr", 1e-3, 0, Double.MAX_VALUE, "learning rate"),
                Hyperparameter.real("beta1", 0.9, Bound.closed(0), Bound.open(1), "decay of the first-moment estimate"),
                Hyperparameter.real("beta2", 0.999, Bound.closed(0), Bound.open(1), "decay of the second-moment estimate"),
                Hyperparameter.real("eps", 1e-8, 0, 1, "added to the denominator for stability"),
                Hyperparameter.real("weight_decay", 1e-2, 0, Double.MAX_VALUE,
                        "decoupled decay, θ ← θ·(1 − lr·weight_decay) every step"));
        @Override
        public String name() {
            return "adamw";
        }

        @Override
        public String description() {
            return "AdamW (Loshchilov & Hutter 2019): Adam with decoupled weight decay (PyTorch AdamW)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return PARAMETERS;
        }

        @Override
        public Optimizer create(Settings settings) {
            return new AdamW(settings.get("lr"), settings.get("beta1"), settings.get("beta2"), settings.get("eps"),
                    settings.get("weight_decay"));
        }
    }
}
