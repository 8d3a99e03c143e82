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
 * @param validationRmse    root mean squared error over the validation entries (which steer early stopping and
 *                          model selection), NaN when there are none; a metric that is not computed is NaN as well
 */
public record Metrics(double loss, double penalty, double trainRmse, double testRmse, double relativeError,
                      double effectiveRank, double nuclearNorm, List<Double> topSingularValues,
                      double validationRmse) {

    /** Copies the list. */
    public Metrics {
        topSingularValues = List.copyOf(topSingularValues);
    }

    /**
     * Metrics of a problem without validation entries.
     *
     * @param loss              the training loss
     * @param penalty           λ·R(W)
     * @param trainRmse         RMSE over the training entries
     * @param testRmse          RMSE over the test entries
     * @param relativeError     relative Frobenius error, or NaN
     * @param effectiveRank     effective rank of W
     * @param nuclearNorm       ‖W‖_*
     * @param topSingularValues the largest singular values, descending
     */
    public Metrics(double loss, double penalty, double trainRmse, double testRmse, double relativeError,
                   double effectiveRank, double nuclearNorm, List<Double> topSingularValues) {
        this(loss, penalty, trainRmse, testRmse, relativeError, effectiveRank, nuclearNorm, topSingularValues,
                Double.NaN);
    }

    /** @return whether the validation RMSE is known */
    public boolean hasValidationRmse() {
        return !Double.isNaN(validationRmse);
    }

    /** @return whether the relative error is known */
    public boolean hasRelativeError() {
        return !Double.isNaN(relativeError);
    }
}
