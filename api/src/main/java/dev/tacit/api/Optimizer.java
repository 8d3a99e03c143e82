package dev.tacit.api;

import dev.tacit.algebra.Matrix;
import java.util.List;

/**
 * An optimizer: immutable configuration; all memory between steps lives in the {@link State} it returns.
 *
 * <p>A step receives the current parameters, the loss and gradients already evaluated there, the objective (so
 * methods such as L-BFGS can evaluate other points) and the learning rate chosen by the schedule for this step.
 * Element-wise methods ignore the objective.
 */
public interface Optimizer {

    /** @return the configured base learning rate, which schedules scale */
    double learningRate();

    /**
     * @param params the initial parameters
     * @return the state before the first step
     */
    State start(List<Matrix> params);

    /**
     * Takes one step.
     *
     * @param input the point, its evaluation, the objective and this step's learning rate
     * @param state the state returned by the previous step (or {@link #start})
     * @return the new parameters and state
     */
    Step step(Input input, State state);

    /**
     * What a step is given.
     *
     * @param params       current parameters
     * @param evaluation   loss and gradients at {@code params}
     * @param objective    the loss as a function of the parameters
     * @param learningRate this step's learning rate
     */
    record Input(List<Matrix> params, Evaluation evaluation, Objective objective, double learningRate) {
        /** Copies the parameter list and checks the gradients match it. */
        public Input {
            params = List.copyOf(params);
            if (evaluation.gradients().size() != params.size()) {
                throw new IllegalArgumentException(evaluation.gradients().size() + " gradients for " + params.size()
                        + " parameters");
            }
            for (int k = 0; k < params.size(); k++) {
                if (!params.get(k).sameShape(evaluation.gradients().get(k))) {
                    throw new IllegalArgumentException("gradient " + k + " is " + evaluation.gradients().get(k).shape()
                            + ", parameter is " + params.get(k).shape());
                }
            }
        }

        /**
         * @param k parameter index
         * @return the gradient of parameter k
         */
        public Matrix gradient(int k) {
            return evaluation.gradients().get(k);
        }
    }

    /**
     * What a step returns.
     *
     * @param params the new parameters
     * @param state  the new state
     */
    record Step(List<Matrix> params, State state) {
        /** Copies the parameter list. */
        public Step {
            params = List.copyOf(params);
        }
    }
}
