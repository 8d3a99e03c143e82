package dev.tacit.api;

import java.util.List;

/**
 * How well a completed matrix does, at one moment of a run.
 *
 * @param loss              the training loss, data term plus λ·R
 * @param penalty           λ·R(W), the weighted penalty part of the loss
 * @param trainRmse         root mean squared error over the observed (training) entries
 * @param testRmse          root mean squared error over the held-out entries
 * @param relativeError     ‖W − W*‖_F / ‖W*‖_F when the whole truth is known, else NaN
 * @param effectiveRank     effective rank of W (Roy and Vetterli)
 * @param nuclearNorm       ‖W‖_*
 * @param topSingularValues the largest singular values of W, descending
 */
public record Metrics(double loss, double penalty, double trainRmse, double testRmse, double relativeError,
                      double effectiveRank, double nuclearNorm, List<Double> topSingularValues) {

    /** Copies the list. */
    public Metrics {
        topSingularValues = List.copyOf(topSingularValues);
    }

    /** @return whether the relative error is known */
    public boolean hasRelativeError() {
        return !Double.isNaN(relativeError);
    }
}
