package dev.tacit.optim.training;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Evaluation;
import dev.tacit.api.Objective;
import dev.tacit.api.State;
import java.util.List;

/**
 * The training loss of a model with its gradients. Its state carries memory between evaluations that does not change
 * the result, only its cost (for example the warm-start basis of a spectral penalty).
 */
public interface TrainingObjective {

    /** @return the state before the first evaluation */
    State start();

    /**
     * @param params the parameters
     * @param state  the state returned by the previous evaluation
     * @return loss, gradients and the new state
     */
    Outcome evaluate(List<Matrix> params, State state);

    /**
     * The objective as a pure function, for optimizers that probe other points; it reuses {@code state} without
     * advancing it.
     *
     * @param state the current state
     * @return the objective
     */
    default Objective asObjective(State state) {
        return params -> evaluate(params, state).evaluation();
    }

    /**
     * @param evaluation loss and gradients
     * @param state      the state for the next evaluation
     */
    record Outcome(Evaluation evaluation, State state) {
    }
}
