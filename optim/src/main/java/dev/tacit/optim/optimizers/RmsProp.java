package dev.tacit.optim.optimizers;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Hyperparameter.Bound;
import dev.tacit.api.Optimizer;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop (Hinton, Coursera lecture 6e, 2012; centred form: Graves 2013) exactly as PyTorch's
 * {@code torch.optim.RMSprop}, per element at step t (from 1):
 * <pre>
 *   g ← g + weight_decay·θ
 *   v ← α·v + (1 − α)·g²
 *   if centered:  ḡ ← α·ḡ + (1 − α)·g;   d = sqrt(v − ḡ²) + eps
 *   else:         d = sqrt(v) + eps
 *   if momentum &gt; 0:  b ← momentum·b + g/d;   θ ← θ − lr·b
 *   else:              θ ← θ − lr·g/d
 * </pre>
 * Defaults: PyTorch's, lr 1e-2, α 0.99, eps 1e-8, weight_decay 0, momentum 0, not centred (docs/method.md §4; the
 * synthetic calibration of docs/method.md §6 uses lr 1e-3). State: "v", and "b" when momentum &gt; 0 and "g_avg" when
 * centred, one matrix per parameter starting at zero.
 *
 * @param learningRate the base learning rate
 * @param alpha        smoothing constant α, in [0, 1)
 * @param eps          added to the denominator
 * @param weightDecay  L2 coefficient added to the gradient
 * @param momentum     momentum factor, in [0, 1)
 * @param centered     whether to normalise by an estimate of the gradient's variance rather than its second moment
 */
public record RmsProp(double learningRate, double alpha, double eps, double weightDecay, double momentum,
                      boolean centered) implements Optimizer {

    /** Validates the settings. */
    public RmsProp {
        Checks.declared(Provider.PARAMETERS, "lr", learningRate);
        Checks.declared(Provider.PARAMETERS, "alpha", alpha);
        Checks.declared(Provider.PARAMETERS, "eps", eps);
        Checks.declared(Provider.PARAMETERS, "weight_decay", weightDecay);
        Checks.declared(Provider.PARAMETERS, "momentum", momentum);
    }

    @Override
    public State start(List<Matrix> params) {
        return Elementwise.zeroBuffers(params, buffers());
    }

    /** @return "v", then "b" with momentum, then "g_avg" when centered */
    private List<String> buffers() {
        List<String> names = new ArrayList<>(List.of("v"));
        if (momentum > 0) {
            names.add("b");
        }
        if (centered) {
            names.add("g_avg");
        }
        return names;
    }

    @Override
    public Step step(Input input, State state) {
        double lr = input.learningRate();
        boolean withMomentum = momentum > 0;
        int average = withMomentum ? 2 : 1;
        return Elementwise.update(input, state, state.step() + 1, buffers(), (theta, g, in, out) -> {
            double gi = g + weightDecay * theta;
            double vi = alpha * in[0] + (1 - alpha) * gi * gi;
            out[0] = vi;
            double d;
            if (centered) {
                double ai = alpha * in[average] + (1 - alpha) * gi;
                out[average] = ai;
                d = Math.sqrt(vi - ai * ai) + eps;
            } else {
                d = Math.sqrt(vi) + eps;
            }
            if (withMomentum) {
                double bi = momentum * in[1] + gi / d;
                out[1] = bi;
                return theta - lr * bi;
            }
            return theta - lr * gi / d;
        });
    }

    /** Registers {@code rmsprop}. */
    public static final class Provider implements OptimizerProvider {

        /** The settings, their defaults and the values they accept: the one statement of what is valid. */
        static final List<Hyperparameter> PARAMETERS = List.of(
                Hyperparameter.real("lr", 1e-2, 0, Double.MAX_VALUE, "learning rate"),
                Hyperparameter.real("alpha", 0.99, Bound.closed(0), Bound.open(1), "smoothing constant of the squared gradient"),
                Hyperparameter.real("eps", 1e-8, 0, 1, "added to the denominator for stability"),
                Hyperparameter.real("weight_decay", 0, 0, Double.MAX_VALUE, "L2 coefficient added to the gradient"),
                Hyperparameter.real("momentum", 0, Bound.closed(0), Bound.open(1), "momentum factor (0: none)"),
                Hyperparameter.flag("centered", false, "normalise by the estimated variance of g"));
        @Override
        public String name() {
            return "rmsprop";
        }

        @Override
        public String description() {
            return "RMSprop (Hinton 2012): steps scaled by a running RMS of the gradient (PyTorch RMSprop)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return PARAMETERS;
        }

        @Override
        public Optimizer create(Settings settings) {
            return new RmsProp(settings.get("lr"), settings.get("alpha"), settings.get("eps"),
                    settings.get("weight_decay"), settings.get("momentum"), settings.flag("centered"));
        }
    }
}
