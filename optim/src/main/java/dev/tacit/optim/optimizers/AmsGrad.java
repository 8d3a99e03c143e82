package dev.tacit.optim.optimizers;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Optimizer;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.List;

/**
 * AMSGrad (Reddi, Kale and Kumar, ICLR 2018) exactly as PyTorch's {@code torch.optim.Adam(amsgrad=True)}, per element
 * at step t (from 1):
 * <pre>
 *   g ← g + weight_decay·θ
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   v_max ← max(v_max, v)
 *   θ ← θ − (lr / (1 − β1^t)) · m / (sqrt(v_max) / sqrt(1 − β2^t) + eps)
 * </pre>
 * The running maximum is taken of the raw v, before bias correction, as PyTorch does. Defaults: PyTorch's, lr 1e-3,
 * β1 0.9, β2 0.999, eps 1e-8, weight_decay 0 (lr as Adam's calibration, docs/method.md §4). State: "m", "v" and "v_max",
 * one matrix per parameter, all starting at zero.
 *
 * @param learningRate the base learning rate
 * @param beta1        decay of the first moment, in [0, 1)
 * @param beta2        decay of the second moment, in [0, 1)
 * @param eps          added to the denominator
 * @param weightDecay  L2 coefficient added to the gradient
 */
public record AmsGrad(double learningRate, double beta1, double beta2, double eps, double weightDecay)
        implements Optimizer {

    /** The state's buffers: the moments "m" and "v", and the running maximum "v_max" of v. */
    private static final List<String> BUFFERS = List.of("m", "v", "v_max");

    /** Validates the settings. */
    public AmsGrad {
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
        double sqrtBias2 = Math.sqrt(1 - Math.pow(beta2, t));
        return Elementwise.update(input, state, t, BUFFERS, (theta, g, in, out) -> {
            double gi = g + weightDecay * theta;
            double mi = beta1 * in[0] + (1 - beta1) * gi;
            double vi = beta2 * in[1] + (1 - beta2) * gi * gi;
            double xi = Math.max(in[2], vi);
            out[0] = mi;
            out[1] = vi;
            out[2] = xi;
            return theta - stepSize * mi / (Math.sqrt(xi) / sqrtBias2 + eps);
        });
    }

    /** Registers {@code amsgrad}. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "amsgrad";
        }

        @Override
        public String description() {
            return "AMSGrad (Reddi et al. 2018): Adam with the running maximum of v (PyTorch Adam, amsgrad=True)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return AdamFamily.parameters(1e-3, 0);
        }

        @Override
        public Optimizer create(Settings settings) {
            return new AmsGrad(settings.get("lr"), settings.get("beta1"), settings.get("beta2"), settings.get("eps"),
                    settings.get("weight_decay"));
        }
    }
}
