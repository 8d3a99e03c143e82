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
 * Plain full-batch gradient descent, PyTorch's {@code torch.optim.SGD} without momentum, dampening or weight decay:
 * θ ← θ − lr·g. Default lr 0.01 (docs/method.md §4).
 *
 * @param learningRate the base learning rate
 */
public record GradientDescent(double learningRate) implements Optimizer {

    /** Checks the learning rate against its declaration. */
    public GradientDescent {
        Checks.declared(Provider.PARAMETERS, "lr", learningRate);
    }

    @Override
    public State start(List<Matrix> params) {
        return State.EMPTY;
    }

    @Override
    public Step step(Input input, State state) {
        List<Matrix> next = new ArrayList<>(input.params().size());
        for (int k = 0; k < input.params().size(); k++) {
            next.add(input.params().get(k).axpy(-input.learningRate(), input.gradient(k)));
        }
        return new Step(next, state.withStep(state.step() + 1));
    }

    /** Registers {@code gd}. */
    public static final class Provider implements OptimizerProvider {

        /** The settings, their defaults and the values they accept: the one statement of what is valid. */
        static final List<Hyperparameter> PARAMETERS = List.of(Hyperparameter.real("lr", 0.01, 0, Double.MAX_VALUE, "learning rate"));
        @Override
        public String name() {
            return "gd";
        }

        @Override
        public String description() {
            return "gradient descent, θ ← θ − lr·g (PyTorch SGD without momentum)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return PARAMETERS;
        }

        @Override
        public Optimizer create(Settings settings) {
            return new GradientDescent(settings.get("lr"));
        }
    }
}
