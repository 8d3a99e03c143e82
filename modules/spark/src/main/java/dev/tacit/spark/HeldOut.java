package dev.tacit.spark;

/**
 * RMSE and MAE of predictions on held-out ratings, each prediction clipped to the training ratings' range first, as
 * Tacit scores its own models ({@code tacit fit}, {@code tacit evaluate}).
 *
 * @param rmse root mean squared error (NaN with no ratings)
 * @param mae  mean absolute error (NaN with no ratings)
 * @param n    ratings scored
 */
record HeldOut(double rmse, double mae, int n) {

    /**
     * @param predicted predictions
     * @param actual    the ratings, in the same order
     * @param min       the smallest rating a prediction is clipped to
     * @param max       the largest
     * @return the scores
     */
    static HeldOut of(double[] predicted, double[] actual, double min, double max) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + actual.length + " ratings");
        }
        double squares = 0;
        double absolutes = 0;
        for (int k = 0; k < actual.length; k++) {
            double e = Math.min(max, Math.max(min, predicted[k])) - actual[k];
            squares += e * e;
            absolutes += Math.abs(e);
        }
        int n = actual.length;
        return new HeldOut(n == 0 ? Double.NaN : Math.sqrt(squares / n), n == 0 ? Double.NaN : absolutes / n, n);
    }
}
