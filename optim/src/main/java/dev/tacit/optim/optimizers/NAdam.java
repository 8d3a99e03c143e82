package dev.tacit.optim.optimizers;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Optimizer;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.ArrayList;
import java.util.List;

/**
 * NAdam (Dozat, ICLR 2016 workshop, "Incorporating Nesterov Momentum into Adam") exactly as PyTorch's
 * {@code torch.optim.NAdam} (coupled weight decay), per element at step t (from 1), with ψ = momentum_decay:
 * <pre>
 *   g ← g + weight_decay·θ
 *   μ_t     = β1·(1 − ½·0.96^(t·ψ)),   μ_{t+1} = β1·(1 − ½·0.96^((t+1)·ψ))
 *   Π_t     = μ_1⋯μ_t                  (the state's "mu_product", 1 before the first step)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   d = sqrt(v / (1 − β2^t)) + eps
 *   θ ← θ − lr·(1 − μ_t)/(1 − Π_t) · g/d
 *   θ ← θ − lr·μ_{t+1}/(1 − Π_t·μ_{t+1}) · m/d
 * </pre>
 * The two updates are applied in this order, as PyTorch's two in-place additions. Defaults: PyTorch's, lr 2e-3,
 * β1 0.9, β2 0.999, eps 1e-8, weight_decay 0, momentum_decay 4e-3 (docs/method.md §4). State: "m" and "v", one matrix per
 * parameter starting at zero, and the scalar "mu_product".
 *
 * @param learningRate  the base learning rate
 * @param beta1         decay of the first moment, in [0, 1)
 * @param beta2         decay of the second moment, in [0, 1)
 * @param eps           added to the denominator
 * @param weightDecay   L2 coefficient added to the gradient
 * @param momentumDecay ψ, how fast the momentum schedule μ_t approaches β1
 */
public record NAdam(double learningRate, double beta1, double beta2, double eps, double weightDecay,
                    double momentumDecay) implements Optimizer {

    /** Validates the settings. */
    public NAdam {
        AdamFamily.check(learningRate, beta1, beta2, eps, weightDecay);
        Checks.declared(Provider.PARAMETERS, "momentum_decay", momentumDecay);
    }

    @Override
    public State start(List<Matrix> params) {
        return Elementwise.zeroBuffers(params, Adam.MOMENTS).withScalar("mu_product", 1.0);
    }

    @Override
    public Step step(Input input, State state) {
        long t = state.step() + 1;
        double lr = input.learningRate();
        double bias2 = 1 - Math.pow(beta2, t);
        double mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
        double muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
        double muProduct = state.scalar("mu_product") * mu;
        double gradientStep = lr * (1 - mu) / (1 - muProduct);
        double momentumStep = lr * muNext / (1 - muProduct * muNext);
        Step step = Elementwise.update(input, state, t, Adam.MOMENTS, (p, g, m, v, np, nm, nv) ->
                pass(p, g, m, v, np, nm, nv, beta1, beta2, eps, weightDecay, bias2, gradientStep, momentumStep));
        return new Step(step.params(), step.state().withScalar("mu_product", muProduct));
    }

    /** The update of one parameter as one loop over arrays, which C2 vectorises ({@link Elementwise.Pass}). */
    private static void pass(Matrix p, Matrix g, Matrix m, Matrix v, double[] np, double[] nm, double[] nv,
                             double beta1, double beta2, double eps, double weightDecay,
                             double bias2, double gradientStep, double momentumStep) {
        for (int i = 0; i < np.length; i++) {
            double theta = p.at(i);
            double gi = g.at(i) + weightDecay * theta;
            double mi = beta1 * m.at(i) + (1 - beta1) * gi;
            double vi = beta2 * v.at(i) + (1 - beta2) * gi * gi;
            double d = Math.sqrt(vi / bias2) + eps;
            nm[i] = mi;
            nv[i] = vi;
            // Two subtractions in this order, as PyTorch applies the gradient's and the momentum's terms in turn.
            double afterGradient = theta - gradientStep * gi / d;
            np[i] = afterGradient - momentumStep * mi / d;
        }
    }

    /** Registers {@code nadam}. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "nadam";
        }

        @Override
        public String description() {
            return "NAdam (Dozat 2016): Adam with Nesterov momentum (PyTorch NAdam)";
        }

        /** The settings, their defaults and the values they accept: the one statement of what is valid. */
        static final List<Hyperparameter> PARAMETERS = withMomentumDecay(AdamFamily.parameters(2e-3, 0));

        private static List<Hyperparameter> withMomentumDecay(List<Hyperparameter> shared) {
            List<Hyperparameter> all = new ArrayList<>(shared);
            all.add(Hyperparameter.real("momentum_decay", 4e-3, 0, Double.MAX_VALUE,
                    "ψ: μ_t = β1·(1 − ½·0.96^(t·ψ))"));
            return List.copyOf(all);
        }

        @Override
        public List<Hyperparameter> parameters() {
            return PARAMETERS;
        }

        @Override
        public Optimizer create(Settings settings) {
            return new NAdam(settings.get("lr"), settings.get("beta1"), settings.get("beta2"), settings.get("eps"),
                    settings.get("weight_decay"), settings.get("momentum_decay"));
        }
    }
}
