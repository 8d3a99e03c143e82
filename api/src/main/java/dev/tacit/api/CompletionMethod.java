package dev.tacit.api;

import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One way of completing a matrix: a trained linear network, minimum nuclear norm, SoftImpute, OptSpace, or a plugin.
 * Experiments, the command line and the metrics only talk to this interface and to the event stream, so every method
 * can be put side by side with every other.
 *
 * <p>An implementation is immutable configuration: all the memory of a run lives inside {@link #complete}. It fits
 * {@link CompletionProblem#train()} only; it may use {@link CompletionProblem#validation()} to select among candidates
 * (a λ on a path, an epoch); it scores itself on {@link CompletionProblem#test()} for reports but never lets the test
 * entries steer it.
 *
 * <p>Every loop of a method has a cap, and the result says whether it stopped because it converged or because it hit
 * a cap. A method whose work runs elsewhere (a cluster, a saved model) implements the same contract: it still returns
 * the completed matrix and publishes the same events.
 */
public interface CompletionMethod {

    /**
     * Completes the problem's matrix.
     *
     * @param problem the observed, validation and test entries
     * @param random  the source of any randomness the method needs (an initialisation), seeded by the caller;
     *                deterministic methods ignore it
     * @param events  receives, in order and on the caller's thread, one {@link TrainingEvent.RunStarted}, then
     *                {@link TrainingEvent.Evaluated} (and optionally {@link TrainingEvent.StepStatistics}) as the run
     *                goes, then exactly one {@link TrainingEvent.RunFinished} or {@link TrainingEvent.RunFailed}
     * @return the completed matrix, its metrics, how the run ended and how long it took
     * @throws InvalidValueException if a setting does not fit this problem (for example a rank larger than the matrix)
     */
    CompletionResult complete(CompletionProblem problem, SplittableRandom random, Consumer<TrainingEvent> events);

    /**
     * Completes the problem's matrix, ending early with what the method has when asked to (a signal, say). A method
     * that can stop between its iterations overrides this and {@link #stopsOnRequest()}: asked, it ends after the
     * current iteration and returns its current completion, scored as usual, with {@link StopReason#INTERRUPTED} as
     * its convergence status (and in its {@link TrainingEvent.RunFinished}). The default ignores the request and runs
     * to the end.
     *
     * @param problem       the observed, validation and test entries
     * @param random        as for {@link #complete(CompletionProblem, SplittableRandom, Consumer)}
     * @param events        as for {@link #complete(CompletionProblem, SplittableRandom, Consumer)}
     * @param stopRequested whether the caller asks the run to stop, asked between iterations
     * @return the completed matrix, its metrics, how the run ended and how long it took
     * @throws InvalidValueException if a setting does not fit this problem
     */
    default CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                      Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
        return complete(problem, random, events);
    }

    /**
     * @return whether {@link #complete(CompletionProblem, SplittableRandom, Consumer, BooleanSupplier)} honours a stop
     *         request with a partial result; false by default, so a caller can fall back to abandoning the run
     */
    default boolean stopsOnRequest() {
        return false;
    }
}
