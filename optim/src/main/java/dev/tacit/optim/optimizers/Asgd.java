package dev.tacit.optim.optimizers;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Optimizer;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.List;

/**
 * Averaged stochastic gradient descent (Polyak and Juditsky, SIAM J. Control Optim. 30, 1992) exactly as PyTorch's
 * {@code torch.optim.ASGD} in its single-tensor form, per element at step t (from 1), with η and μ from the state:
 * <pre>
 *   g ← g + weight_decay·θ
 *   θ ← θ·(1 − λ·η)
 *   θ ← θ − η·g
 *   a ← θ if μ = 1, else a + μ·(θ − a)          (the running average; the model keeps using θ)
 *   η ← lr / (1 + λ·lr·t)^α
 *   μ ← 1 / max(1, t − t0)
 * </pre>
 * η starts at lr and μ at 1. The lr of the η update is this step's learning rate, as PyTorch reads its group's lr.
 * (PyTorch's multi-tensor "foreach" form, its default on GPUs, computes η as lr/(1 + λ·lr·t^α) instead; the
 * single-tensor form above, its default on CPUs and the classical schedule of Bottou 2012, is followed here.)
 * Defaults: PyTorch's, lr 1e-2 (also docs/method.md's), lambd 1e-4, alpha 0.75, t0 1e6, weight_decay 0. State: "a", one
 * matrix per parameter starting at zero, and the scalars "eta" and "mu".
 *
 * @param learningRate the base learning rate
 * @param lambd        the decay term λ
 * @param alpha        the power α of the η update
 * @param t0           the step after which averaging starts
 * @param weightDecay  L2 coefficient added to the gradient
 */
public record Asgd(double learningRate, double lambd, double alpha, double t0, double weightDecay)
        implements Optimizer {

    /** Validates the settings. */
    public Asgd {
        Checks.declared(Provider.PARAMETERS, "lr", learningRate);
        Checks.declared(Provider.PARAMETERS, "lambd", lambd);
        Checks.declared(Provider.PARAMETERS, "alpha", alpha);
        Checks.declared(Provider.PARAMETERS, "t0", t0);
        Checks.declared(Provider.PARAMETERS, "weight_decay", weightDecay);
    }

    @Override
    public State start(List<Matrix> params) {
        return State.EMPTY.withTensors("a", Tensors.zerosLike(params)).withScalar("eta", learningRate)
                .withScalar("mu", 1.0);
    }

    @Override
    public Step step(Input input, State state) {
        long t = state.step() + 1;
        double eta = state.scalar("eta");
        double mu = state.scalar("mu");
        double shrink = 1 - lambd * eta;
        Step step = Elementwise.update(input, state, t, List.of("a"), (theta, g, in, out) -> {
            double next = theta * shrink - eta * (g + weightDecay * theta);
            out[0] = mu == 1 ? next : in[0] + (next - in[0]) * mu;
            return next;
        });
        double lr = input.learningRate();
        State next = step.state().withScalar("eta", lr / Math.pow(1 + lambd * lr * t, alpha))
                .withScalar("mu", 1 / Math.max(1, t - t0));
        return new Step(step.params(), next);
    }

    /** Registers {@code asgd}. */
    public static final class Provider implements OptimizerProvider {

        /** The settings, their defaults and the values they accept: the one statement of what is valid. */
        static final List<Hyperparameter> PARAMETERS = List.of(
                Hyperparameter.real("lr", 1e-2, 0, Double.MAX_VALUE, "learning rate"),
                Hyperparameter.real("lambd", 1e-4, 0, Double.MAX_VALUE, "decay term λ"),
                Hyperparameter.real("alpha", 0.75, 0, Double.MAX_VALUE, "power of the step-size decay"),
                Hyperparameter.real("t0", 1e6, 0, Double.MAX_VALUE, "step after which averaging starts"),
                Hyperparameter.real("weight_decay", 0, 0, Double.MAX_VALUE, "L2 coefficient added to the gradient"));
        @Override
        public String name() {
            return "asgd";
        }

        @Override
        public String description() {
            return "averaged SGD (Polyak & Juditsky 1992) with a decaying step (PyTorch ASGD)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return PARAMETERS;
        }

        @Override
        public Optimizer create(Settings settings) {
            return new Asgd(settings.get("lr"), settings.get("lambd"), settings.get("alpha"), settings.get("t0"),
                    settings.get("weight_decay"));
        }
    }
}
