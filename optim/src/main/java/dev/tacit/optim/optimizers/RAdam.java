package dev.tacit.optim.optimizers;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Optimizer;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.List;

/**
 * RAdam (Liu et al., ICLR 2020, "On the Variance of the Adaptive Learning Rate and Beyond") exactly as PyTorch's
 * {@code torch.optim.RAdam} (coupled weight decay), per element at step t (from 1):
 * <pre>
 *   g ← g + weight_decay·θ
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   m̂ = m / (1 − β1^t)
 *   ρ_∞ = 2/(1 − β2) − 1,   ρ_t = ρ_∞ − 2·t·β2^t/(1 − β2^t)
 *   if ρ_t &gt; 5:  l = sqrt(1 − β2^t)/(sqrt(v) + eps)
 *                r = sqrt((ρ_t − 4)(ρ_t − 2)ρ_∞ / ((ρ_∞ − 4)(ρ_∞ − 2)ρ_t))
 *                θ ← θ − lr·m̂·r·l
 *   else:        θ ← θ − lr·m̂          (the first steps: momentum SGD while v is unreliable; 5 steps at β2 0.999)
 * </pre>
 * Defaults: PyTorch's, lr 1e-3, β1 0.9, β2 0.999, eps 1e-8, weight_decay 0. State: "m" and "v", one matrix per
 * parameter, both starting at zero.
 *
 * @param learningRate the base learning rate
 * @param beta1        decay of the first moment, in [0, 1)
 * @param beta2        decay of the second moment, in [0, 1)
 * @param eps          added to the denominator
 * @param weightDecay  L2 coefficient added to the gradient
 */
public record RAdam(double learningRate, double beta1, double beta2, double eps, double weightDecay)
        implements Optimizer {

    /** Validates the settings. */
    public RAdam {
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
        double bias1 = 1 - Math.pow(beta1, t);
        double bias2 = 1 - Math.pow(beta2, t);
        double rhoInf = 2 / (1 - beta2) - 1;
        double rho = rhoInf - 2 * t * Math.pow(beta2, t) / bias2;
        boolean rectified = rho > 5;
        double rect = rectified
                ? Math.sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho)) : 1;
        double sqrtBias2 = Math.sqrt(bias2);
        return Elementwise.update(input, state, t, Adam.MOMENTS, (p, g, m, v, np, nm, nv) ->
                pass(p, g, m, v, np, nm, nv, beta1, beta2, eps, weightDecay, bias1, lr, sqrtBias2, rectified, rect));
    }

    /**
     * The update of one parameter as one loop over arrays, which C2 vectorises ({@link Elementwise.Pass}). Before the
     * variance is tractable (ρ_t ≤ 5, the first few steps) the step follows the bias-corrected first moment alone,
     * while v is kept up to date for the steps after; the switch depends on the step only, so the JIT takes it out of
     * the loop.
     */
    private static void pass(Matrix p, Matrix g, Matrix m, Matrix v, double[] np, double[] nm, double[] nv,
                             double beta1, double beta2, double eps, double weightDecay, double bias1, double lr,
                             double sqrtBias2, boolean rectified, double rect) {
        for (int i = 0; i < np.length; i++) {
            double theta = p.at(i);
            double gi = g.at(i) + weightDecay * theta;
            double mi = beta1 * m.at(i) + (1 - beta1) * gi;
            double vi = beta2 * v.at(i) + (1 - beta2) * gi * gi;
            nm[i] = mi;
            nv[i] = vi;
            double corrected = mi / bias1;
            np[i] = theta - (rectified ? corrected * lr * (sqrtBias2 / (Math.sqrt(vi) + eps)) * rect : corrected * lr);
        }
    }

    /** Registers {@code radam}. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "radam";
        }

        @Override
        public String description() {
            return "RAdam (Liu et al. 2020): Adam with a rectified adaptive learning rate (PyTorch RAdam)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return AdamFamily.parameters(1e-3, 0);
        }

        @Override
        public Optimizer create(Settings settings) {
            return new RAdam(settings.get("lr"), settings.get("beta1"), settings.get("beta2"), settings.get("eps"),
                    settings.get("weight_decay"));
        }
    }
}
