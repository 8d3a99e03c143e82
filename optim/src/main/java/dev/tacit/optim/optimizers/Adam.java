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
 * Adam (Kingma and Ba, ICLR 2015) exactly as PyTorch's {@code torch.optim.Adam} (amsgrad off, maximize off), per
 * element at step t (from 1):
 * <pre>
 *   g ← g + weight_decay·θ
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   θ ← θ − (lr / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + eps)
 * </pre>
 * Defaults: lr 1e-3 (PyTorch's; docs/method.md's synthetic calibration uses the same), β1 0.9, β2 0.999, eps 1e-8,
 * weight_decay 0. State: "m" and "v", one matrix per parameter, both starting at zero.
 *
 * @param learningRate the base learning rate
 * @param beta1        decay of the first moment
 * @param beta2        decay of the second moment
 * @param eps          added to the denominator
 * @param weightDecay  L2 coefficient added to the gradient (coupled, unlike AdamW)
 */
public record Adam(double learningRate, double beta1, double beta2, double eps, double weightDecay)
        implements Optimizer {

    /** Checks every setting against its declaration. */
    public Adam {
        AdamFamily.check(learningRate, beta1, beta2, eps, weightDecay);
    }

    /** The state's buffers of Adam and the variants that keep the same two moments: first "m", second "v". */
    static final List<String> MOMENTS = List.of("m", "v");

    @Override
    public State start(List<Matrix> params) {
        return Elementwise.zeroBuffers(params, MOMENTS);
    }

    @Override
    public Step step(Input input, State state) {
        long t = state.step() + 1;
        double bias1 = 1 - Math.pow(beta1, t);
        double sqrtBias2 = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = input.learningRate() / bias1;
        return Elementwise.update(input, state, t, MOMENTS, (p, g, m, v, np, nm, nv) ->
                pass(p, g, m, v, np, nm, nv, beta1, beta2, eps, weightDecay, stepSize, sqrtBias2));
    }

    /** The update of one parameter as one loop over arrays, which C2 vectorises ({@link Elementwise.Pass}). */
    private static void pass(Matrix p, Matrix g, Matrix m, Matrix v, double[] np, double[] nm, double[] nv,
                             double beta1, double beta2, double eps, double weightDecay,
                             double stepSize, double sqrtBias2) {
        for (int i = 0; i < np.length; i++) {
            double theta = p.at(i);
            double gi = g.at(i) + weightDecay * theta;
            double mi = beta1 * m.at(i) + (1 - beta1) * gi;
            double vi = beta2 * v.at(i) + (1 - beta2) * gi * gi;
            nm[i] = mi;
            nv[i] = vi;
            np[i] = theta - stepSize * mi / (Math.sqrt(vi) / sqrtBias2 + eps);
        }
    }

    /** Registers {@code adam}. */
    public static final class Provider implements OptimizerProvider {

        /** The settings, their defaults and the values they accept: the one statement of what is valid. */
        static final List<Hyperparameter> PARAMETERS = List.of(
                Hyperparameter.real("lr", 1e-3, 0, Double.MAX_VALUE, "learning rate"),
                Hyperparameter.real("beta1", 0.9, Bound.closed(0), Bound.open(1), "decay of the first-moment estimate"),
                Hyperparameter.real("beta2", 0.999, Bound.closed(0), Bound.open(1), "decay of the second-moment estimate"),
                Hyperparameter.real("eps", 1e-8, 0, 1, "added to the denominator for stability"),
                Hyperparameter.real("weight_decay", 0, 0, Double.MAX_VALUE, "L2 coefficient added to the gradient"));
        @Override
        public String name() {
            return "adam";
        }

        @Override
        public String description() {
            return "Adam (Kingma & Ba 2015), PyTorch's update with bias correction";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return PARAMETERS;
        }

        @Override
        public Optimizer create(Settings settings) {
            return new Adam(settings.get("lr"), settings.get("beta1"), settings.get("beta2"), settings.get("eps"),
                    settings.get("weight_decay"));
        }
    }
}
