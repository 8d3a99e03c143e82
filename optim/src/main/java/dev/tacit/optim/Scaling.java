package dev.tacit.optim;

import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Observations;
import java.util.List;
import java.util.Locale;

/**
 * An affine scaling of ratings for training, y = (r − shift)/scale, fitted on the training ratings only and undone
 * before scoring (method.md §8): {@code none} (raw ratings), {@code center} (minus the mean), {@code zscore} (minus
 * the mean, over the standard deviation) or {@code minmax} (onto [0, 1]).
 *
 * @param kind  the kind, one of {@link #KINDS}
 * @param shift subtracted from a rating
 * @param scale divides the difference, positive
 */
public record Scaling(String kind, double shift, double scale) {

    /** The kinds of scaling, as users write them. */
    public static final List<String> KINDS = List.of("none", "center", "zscore", "minmax");

    /** Validates the kind and the numbers. */
    public Scaling {
        if (!KINDS.contains(kind)) {
            throw new InvalidValueException("scaling", kind, "one of " + String.join(", ", KINDS));
        }
        if (!Double.isFinite(shift) || !(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(kind + " scaling needs a finite shift and a positive scale, got "
                    + shift + " and " + scale);
        }
    }

    /** The identity: raw ratings. */
    public static final Scaling NONE = new Scaling("none", 0, 1);

    /**
     * @param kind  one of {@link #KINDS}
     * @param train the training ratings it is fitted on
     * @return the scaling
     */
    public static Scaling fit(String kind, Observations train) {
        String k = kind.toLowerCase(Locale.ROOT);
        if (!KINDS.contains(k)) {
            throw new InvalidValueException("scaling", kind, "one of " + String.join(", ", KINDS));
        }
        double[] v = train.values();
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            mean += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        mean /= Math.max(1, v.length);
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        double std = Math.sqrt(var / Math.max(1, v.length));
        return switch (k) {
            case "none" -> NONE;
            case "center" -> new Scaling(k, mean, 1);
            case "zscore" -> new Scaling(k, mean, std > 0 ? std : 1);
            default -> new Scaling(k, min, max > min ? max - min : 1);
        };
    }

    /**
     * @param ratings raw ratings
     * @return the same entries with scaled values
     */
    public Observations apply(Observations ratings) {
        int n = ratings.size();
        int[] r = new int[n];
        int[] c = new int[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            r[k] = ratings.row(k);
            c[k] = ratings.col(k);
            v[k] = (ratings.value(k) - shift) / scale;
        }
        return Observations.of(ratings.rows(), ratings.cols(), r, c, v);
    }

    /**
     * @param y a model output on the training scale
     * @return the rating it stands for
     */
    public double invert(double y) {
        return y * scale + shift;
    }
}
