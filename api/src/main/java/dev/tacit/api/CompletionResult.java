package dev.tacit.api;

import dev.tacit.algebra.Matrix;

/**
 * What a {@link CompletionMethod} produced.
 *
 * @param completed   the completed m×n matrix, the method's prediction for every entry
 * @param metrics     the metrics of {@code completed} on the problem (docs/method.md §5); {@link Metrics#loss()} is the
 *                    method's own objective at the end and {@link Metrics#penalty()} its regularisation part, NaN
 *                    where the method has none
 * @param convergence how the run ended: iterations, whether it converged or hit a cap, the tolerance reached
 * @param seconds     wall time of the run, including the final metrics
 */
public record CompletionResult(Matrix completed, Metrics metrics, Convergence convergence, double seconds) {

    /** Rejects a negative or NaN wall time. */
    public CompletionResult {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("seconds must be >= 0, got " + seconds);
        }
    }
}
