package dev.tacit.api;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a run of a completion method ended: how many iterations it took, out of how many it was allowed, why it
 * stopped, and the value of its stopping criterion at the end.
 *
 * @param status        why it stopped
 * @param iterations    iterations of the main loop run (for a method with nested loops, the innermost iterations
 *                      summed)
 * @param maxIterations the cap on {@code iterations}
 * @param criterion     what the tolerance is compared with, in words, for example
 *                      {@code relative change of Z between iterations}; empty if there is no test
 * @param tolerance     the threshold the criterion had to fall below to count as converged; NaN if there is none
 * @param finalValue    the criterion's value at the end; NaN if there is none
 * @param diagnostics   further numbers the method reports about its end state, by snake-case name, sorted by name
 *                      (residuals, the rank used, how many inner loops hit their own caps)
 */
public record Convergence(StopReason status, long iterations, long maxIterations, String criterion, double tolerance,
                          double finalValue, Map<String, Double> diagnostics) {

    /** Validates the counts and copies the diagnostics. */
    public Convergence {
        if (iterations < 0 || maxIterations < 0) {
            throw new IllegalArgumentException("iteration counts must be >= 0, got " + iterations + " of "
                    + maxIterations);
        }
        diagnostics = Collections.unmodifiableSortedMap(new TreeMap<>(diagnostics));
    }

    /**
     * A run without a convergence test that ran its planned iterations.
     *
     * @param iterations the iterations run, also the plan
     * @return the convergence record
     */
    public static Convergence planned(long iterations) {
        return new Convergence(StopReason.PLANNED, iterations, iterations, "", Double.NaN, Double.NaN, Map.of());
    }

    /** @return whether the stopping criterion met its tolerance */
    public boolean converged() {
        return status == StopReason.CONVERGED;
    }
}
