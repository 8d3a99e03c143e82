package dev.tacit.optim.models;

import dev.tacit.algebra.Entries;
import dev.tacit.api.Named;
import java.util.Arrays;
import java.util.Objects;

/**
 * A scaling of ratings for training, y = (r − shift − b_row − b_col)/scale, fitted on the training ratings only and
 * undone before scoring (docs/method.md §9): {@code none} (raw ratings), {@code center} (minus the mean), {@code zscore}
 * (minus the mean, over the standard deviation), {@code minmax} (onto [0, 1]) or {@code biases} (minus the baseline
 * predictor μ + b_u + b_i, so that the model learns what the baseline leaves).
 *
 * <p>The baseline of {@code biases} is the classic one of collaborative filtering (Koren, "Factorization meets the
 * neighborhood", KDD 2008): μ the mean training rating, and user and item biases that minimise
 * Σ_Ω (r − μ − b_u − b_i)² + {@value #BIAS_SHRINKAGE}·(Σ b_u² + Σ b_i²), found by exact alternating minimisation
 * (each half-step solves its biases in closed form, b_u = Σ_{i∈Ω_u}(r − μ − b_i)/(|Ω_u| + shrinkage)). The
 * shrinkage pulls the bias of a user or film with few ratings towards 0, as if it had
 * {@value #BIAS_SHRINKAGE} more ratings at the mean. Users or items with no training rating get bias 0.
 *
 * @param kind   the kind
 * @param shift  subtracted from a rating
 * @param scale  divides the difference, positive
 * @param biases the per-row and per-column offsets subtracted too ({@link Biases#NONE} for every kind but
 *               {@code biases})
 */
public record Scaling(Kind kind, double shift, double scale, Biases biases) {

    /** The kinds of scaling. */
    public enum Kind implements Named {
        /** Raw ratings. */
        NONE("none"),
        /** Minus the mean training rating. */
        CENTER("center"),
        /** Minus the mean, over the standard deviation. */
        ZSCORE("zscore"),
        /** Onto [0, 1] by the smallest and largest training rating. */
        MINMAX("minmax"),
        /** Minus the regularised baseline μ + b_user + b_item. */
        BIASES("biases");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The weight of the biases' penalty, in ratings' worth of pull towards 0. */
    public static final double BIAS_SHRINKAGE = 10;

    /** Alternating half-steps of the bias fit: far more than the few dozen it needs to settle to rounding. */
    static final int BIAS_SWEEPS = 200;

    /** Validates the numbers. */
    public Scaling {
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(shift) || !(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException(kind + " scaling needs a finite shift and a positive scale, got "
                    + shift + " and " + scale);
        }
    }

    /**
     * An affine scaling without per-row or per-column offsets.
     *
     * @param kind  the kind
     * @param shift subtracted from a rating
     * @param scale divides the difference
     */
    public Scaling(Kind kind, double shift, double scale) {
        this(kind, shift, scale, Biases.NONE);
    }

    /** The identity: raw ratings. */
    public static final Scaling NONE = new Scaling(Kind.NONE, 0, 1);

    /**
     * @param kind  the kind
     * @param train the training ratings it is fitted on
     * @return the scaling
     */
    public static Scaling fit(Kind kind, Entries train) {
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
        return switch (kind) {
            case NONE -> NONE;
            case CENTER -> new Scaling(kind, mean, 1);
            case ZSCORE -> new Scaling(kind, mean, std > 0 ? std : 1);
            case BIASES -> new Scaling(kind, mean, 1, Biases.fit(train, mean));
            case MINMAX -> new Scaling(kind, min, max > min ? max - min : 1);
        };
    }

    /**
     * @param ratings raw ratings
     * @return the same entries with scaled values
     */
    public Entries apply(Entries ratings) {
        int n = ratings.size();
        int[] r = new int[n];
        int[] c = new int[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            r[k] = ratings.row(k);
            c[k] = ratings.col(k);
            v[k] = (ratings.value(k) - shift - biases.of(r[k], c[k])) / scale;
        }
        return Entries.of(ratings.rows(), ratings.cols(), r, c, v);
    }

    /**
     * @param row the entry's row (user)
     * @param col the entry's column (item)
     * @param y   a model output for that entry, on the training scale
     * @return the rating it stands for
     */
    public double invert(int row, int col, double y) {
        return y * scale + shift + biases.of(row, col);
    }

    /**
     * Per-row and per-column offsets, b_row + b_col; immutable.
     */
    public static final class Biases {

        /** No offsets. */
        public static final Biases NONE = new Biases(new double[0], new double[0]);

        private final double[] rows;
        private final double[] cols;

        /**
         * @param rows the row offsets (empty for none); copied
         * @param cols the column offsets (empty for none); copied
         */
        public Biases(double[] rows, double[] cols) {
            this.rows = rows.clone();
            this.cols = cols.clone();
        }

        /**
         * The regularised least-squares biases of the training ratings around their mean (see {@link Scaling}).
         *
         * @param train the training ratings
         * @param mean  their mean
         * @return the fitted biases
         */
        static Biases fit(Entries train, double mean) {
            double[] rowBias = new double[train.rows()];
            double[] colBias = new double[train.cols()];
            for (int sweep = 0; sweep < BIAS_SWEEPS; sweep++) {
                solveHalf(train, mean, rowBias, colBias, true);
                solveHalf(train, mean, colBias, rowBias, false);
            }
            return new Biases(rowBias, colBias);
        }

        /**
         * One half-step of the alternating fit: the biases of one side in closed form, the other side held fixed.
         *
         * @param solved the biases solved for (rows if {@code byRow}, else columns); overwritten
         * @param fixed  the other side's biases
         */
        private static void solveHalf(Entries train, double mean, double[] solved, double[] fixed,
                                      boolean byRow) {
            double[] sum = new double[solved.length];
            double[] count = new double[solved.length];
            for (int k = 0; k < train.size(); k++) {
                int own = byRow ? train.row(k) : train.col(k);
                int other = byRow ? train.col(k) : train.row(k);
                sum[own] += train.value(k) - mean - fixed[other];
                count[own]++;
            }
            for (int i = 0; i < solved.length; i++) {
                solved[i] = sum[i] / (count[i] + BIAS_SHRINKAGE);
            }
        }

        /**
         * @param row a row
         * @param col a column
         * @return b_row + b_col (0 for none)
         */
        public double of(int row, int col) {
            return (rows.length == 0 ? 0 : rows[row]) + (cols.length == 0 ? 0 : cols[col]);
        }

        /** @return a copy of the row offsets */
        public double[] rows() {
            return rows.clone();
        }

        /** @return a copy of the column offsets */
        public double[] cols() {
            return cols.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Biases b && Arrays.equals(rows, b.rows) && Arrays.equals(cols, b.cols);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(rows) + Arrays.hashCode(cols);
        }

        @Override
        public String toString() {
            return rows.length == 0 && cols.length == 0 ? "Biases[none]"
                    : "Biases[" + rows.length + " rows, " + cols.length + " columns]";
        }
    }
}
