package dev.tacit.api;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The closed family of events a run publishes, in this order: one {@link RunStarted}; then {@link StepStatistics} and
 * {@link Evaluated} as the run goes; finally exactly one of {@link RunFinished} or {@link RunFailed}.
 *
 * <p>Every event carries the iteration it describes and the seconds since the run started.
 */
public sealed interface TrainingEvent {

    /** @return the iteration this event describes (0 before the first step) */
    long iteration();

    /** @return seconds since the run started */
    double seconds();

    /**
     * The run has started.
     *
     * @param iteration     the first iteration to run minus one (0 for a fresh run)
     * @param seconds       0
     * @param iterations    the iteration at which the run will stop unless it fails
     * @param configuration every setting of the run, as text
     */
    record RunStarted(long iteration, double seconds, long iterations, SortedMap<String, String> configuration)
            implements TrainingEvent {
        /** Copies the configuration. */
        public RunStarted {
            configuration = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(configuration));
        }
    }

    /**
     * Cheap statistics of the steps since the previous such event.
     *
     * @param iteration      the last step covered
     * @param seconds        seconds since the start
     * @param steps          steps covered
     * @param stepSeconds    mean wall time of one step over them
     * @param loss           training loss at the last step covered
     * @param penalty        λ·R at the last step covered
     * @param gradientNorm   Frobenius norm of all gradients at the last step covered
     * @param learningRate   learning rate of the last step covered
     */
    record StepStatistics(long iteration, double seconds, long steps, double stepSeconds, double loss, double penalty,
                          double gradientNorm, double learningRate) implements TrainingEvent {
    }

    /**
     * A periodic evaluation of the current model.
     *
     * @param iteration iteration evaluated
     * @param seconds   seconds since the start
     * @param metrics   the metrics at that iteration
     */
    record Evaluated(long iteration, double seconds, Metrics metrics) implements TrainingEvent {
    }

    /**
     * The run ended normally.
     *
     * @param iteration the last iteration run
     * @param seconds   total seconds
     * @param metrics   the final metrics
     * @param reason    why it stopped
     */
    record RunFinished(long iteration, double seconds, Metrics metrics, StopReason reason) implements TrainingEvent {
    }

    /**
     * The run stopped on an error.
     *
     * @param iteration the iteration at which it stopped
     * @param seconds   seconds since the start
     * @param message   what went wrong
     * @param remedy    what the user can do about it
     */
    record RunFailed(long iteration, double seconds, String message, String remedy) implements TrainingEvent {
    }
}
