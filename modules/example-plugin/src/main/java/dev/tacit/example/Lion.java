package dev.tacit.example;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Optimizer;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.ArrayList;
import java.util.List;

/**
 * Lion, "EvoLved Sign Momentum" (Chen et al., "Symbolic Discovery of Optimization Algorithms", NeurIPS 2023,
 * algorithm 2), per element:
 * <pre>
 *   c ← β1·m + (1 − β1)·g                  (the update direction interpolates momentum and gradient)
 *   θ ← θ·(1 − lr·weight_decay) − lr·sign(c)
 *   m ← β2·m + (1 − β2)·g                  (the momentum is tracked with a different rate)
 * </pre>
 * sign(0) = 0. Every entry moves by exactly lr (plus decay), so Lion's learning rate is typically 3 to 10 times
 * smaller than AdamW's. Defaults: the paper's, lr 1e-4, β1 0.9, β2 0.99, weight_decay 0. State: "m", one matrix per
 * parameter, starting at zero.
 *
 * @param learningRate the base learning rate
 * @param beta1        interpolation of the update direction, in [0, 1]
 * @param beta2        decay of the momentum, in [0, 1]
 * @param weightDecay  decoupled decay coefficient
 */
public record Lion(double learningRate, double beta1, double beta2, double weightDecay) implements Optimizer {

    /** Validates the settings, naming the one that is wrong. */
    public Lion {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new InvalidValueException("lr", learningRate, "a finite number >= 0");
        }
        if (!(beta1 >= 0 && beta1 <= 1)) {
            throw new InvalidValueException("beta1", beta1, "in [0, 1]");
        }
        if (!(beta2 >= 0 && beta2 <= 1)) {
            throw new InvalidValueException("beta2", beta2, "in [0, 1]");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new InvalidValueException("weight_decay", weightDecay, "a finite number >= 0");
        }
    }

    @Override
    public State start(List<Matrix> params) {
        List<Matrix> zeros = params.stream().map(p -> Matrix.zeros(p.rows(), p.cols())).toList();
        return State.EMPTY.withTensors("m", zeros);
    }

    @Override
    public Step step(Input input, State state) {
        double lr = input.learningRate();
        double decay = 1 - lr * weightDecay;
        List<Matrix> ms = state.tensors("m");
        int count = input.params().size();
        List<Matrix> nextParams = new ArrayList<>(count);
        List<Matrix> nextM = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Matrix p = input.params().get(k);
            Matrix g = input.gradient(k);
            Matrix m = ms.get(k);
            // One fused pass: Matrix.Builder fills each new matrix once, without temporaries.
            Matrix.Builder pb = Matrix.builder(p.rows(), p.cols());
            Matrix.Builder mb = Matrix.builder(p.rows(), p.cols());
            for (int i = 0; i < p.size(); i++) {
                double gi = g.at(i);
                double mi = m.at(i);
                double c = beta1 * mi + (1 - beta1) * gi;
                pb.set(i, p.at(i) * decay - lr * Math.signum(c));
                mb.set(i, beta2 * mi + (1 - beta2) * gi);
            }
            nextParams.add(pb.build());
            nextM.add(mb.build());
        }
        return new Step(nextParams, state.withStep(state.step() + 1).withTensors("m", nextM));
    }

    /**
     * Registers {@code lion}. A provider needs a public no-argument constructor; it is created once when the plugin
     * loads and asked for its name, description and settings, so it must not do expensive work.
     */
    public static final class Provider implements OptimizerProvider {

        @Override
        public String name() {
            return "lion";
        }

        @Override
        public String description() {
            return "Lion (Chen et al. 2023): sign of an interpolated momentum, decoupled decay [example plugin]";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of(
                    Hyperparameter.real("lr", 1e-4, 0, Double.MAX_VALUE, "learning rate (the size of every step)"),
                    Hyperparameter.real("beta1", 0.9, 0, 1, "interpolation of the update direction"),
                    Hyperparameter.real("beta2", 0.99, 0, 1, "decay of the momentum"),
                    Hyperparameter.real("weight_decay", 0, 0, Double.MAX_VALUE,
                            "decoupled decay, θ ← θ·(1 − lr·weight_decay)"));
        }

        @Override
        public Optimizer create(Settings settings) {
            return new Lion(settings.get("lr"), settings.get("beta1"), settings.get("beta2"),
                    settings.get("weight_decay"));
        }
    }
}
