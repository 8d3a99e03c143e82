package dev.tacit.optim.training;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.State;
import java.util.List;

/**
 * Everything a run needs to continue from where it is: the iteration reached, the parameters and the memory of the
 * optimizer, of the objective and of the learning-rate schedule.
 *
 * @param iteration      iterations completed
 * @param params         the parameters after that many iterations
 * @param optimizerState the optimizer's state after that many steps
 * @param objectiveState the state the objective's last evaluation started from: evaluating there again reproduces it
 *                       (a warm-start basis; a mini-batch objective's epoch order and batch position)
 * @param scheduleState  the learning-rate schedule's state ({@link State#EMPTY} at the start)
 */
public record Progress(long iteration, List<Matrix> params, State optimizerState, State objectiveState,
                       State scheduleState) {

    /** Copies the parameter list. */
    public Progress {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, got " + iteration);
        }
        params = List.copyOf(params);
    }

    /**
     * Progress with a schedule at its start.
     *
     * @param iteration      iterations completed
     * @param params         the parameters after that many iterations
     * @param optimizerState the optimizer's state after that many steps
     * @param objectiveState the objective's state
     */
    public Progress(long iteration, List<Matrix> params, State optimizerState, State objectiveState) {
        this(iteration, params, optimizerState, objectiveState, State.EMPTY);
    }
}
