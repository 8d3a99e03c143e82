package dev.tacit.api;

/**
 * Why a run stopped: the one vocabulary of the trainer, of every completion method's {@link Convergence}, of the
 * {@link TrainingEvent.RunFinished} event and of every report. A run that fails (diverges) ends with
 * {@link TrainingEvent.RunFailed} instead.
 */
public enum StopReason implements Named {
    /** The run took the number of iterations it was asked for; it has no convergence test. */
    PLANNED("iterations"),
    /** Early stopping: the validation RMSE stopped improving for the patience given. */
    EARLY_STOPPING("early stopping"),
    /** The run was asked to stop (for example by a signal) before its plan was done; what it had is kept. */
    INTERRUPTED("interrupted"),
    /** The stopping criterion fell below the tolerance. */
    CONVERGED("converged"),
    /** A cap on iterations was reached before the criterion met the tolerance (in any loop of the method). */
    ITERATION_CAP("iteration_cap"),
    /** The method could not make further progress (for example a line search found no decrease). */
    STALLED("stalled"),
    /**
     * A loss, a gradient or a parameter became NaN or infinite and the run stopped there; a failure, reported with
     * exit code 1 (and in the JSON of {@code --json}, so a script reading standard output learns why).
     */
    DIVERGED("diverged");

    private final String label;

    StopReason(String label) {
        this.label = label;
    }

    /** @return the name used in reports, event logs and JSON, for example {@code early stopping} */
    @Override
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
