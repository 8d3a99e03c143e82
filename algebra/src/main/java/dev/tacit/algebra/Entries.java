package dev.tacit.algebra;

import java.util.Arrays;

/**
 * Observed entries (i, j, value) of an m×n matrix, immutable, in compact primitive arrays.
 *
 * <p>Each position appears at most once. The order of entries is kept as given; it carries no meaning.
 */
public final class Entries {

    private final int rows;
    private final int cols;
    private final int[] rowIndex;
    private final int[] colIndex;
    private final double[] values;

    private Entries(int rows, int cols, int[] rowIndex, int[] colIndex, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.rowIndex = rowIndex;
        this.colIndex = colIndex;
        this.values = values;
    }

    /**
     * @param rows     rows of the matrix, at least 1
     * @param cols     columns of the matrix, at least 1
     * @param rowIndex row of each entry, in [0, rows); not retained
     * @param colIndex column of each entry, in [0, cols); not retained
     * @param values   value of each entry, finite; not retained
     * @return the observations
     * @throws IllegalArgumentException naming the first bad entry: out of range, not finite, or a repeated position
     */
    public static Entries of(int rows, int cols, int[] rowIndex, int[] colIndex, double[] values) {
        // Copied before they are checked, so that what is checked is what is kept.
        return adopt(rows, cols, rowIndex.clone(), colIndex.clone(), values.clone());
    }

    /**
     * The same observations as {@link #of}, with the same checks and messages, but without copying: the arrays become
     * the storage of the result. For loaders of millions of entries, where a copy would double the memory; the
     * caller must not keep, modify or pass on the arrays afterwards (if it does, the result is no longer immutable).
     *
     * @param rows     rows of the matrix, at least 1
     * @param cols     columns of the matrix, at least 1
     * @param rowIndex row of each entry, in [0, rows); retained, not copied
     * @param colIndex column of each entry, in [0, cols); retained, not copied
     * @param values   value of each entry, finite; retained, not copied
     * @return the observations, backed by the given arrays
     * @throws IllegalArgumentException naming the first bad entry: out of range, not finite, or a repeated position
     */
    public static Entries adopt(int rows, int cols, int[] rowIndex, int[] colIndex, double[] values) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("matrix shape must be at least 1x1, got " + rows + "x" + cols);
        }
        int n = values.length;
        if (rowIndex.length != n || colIndex.length != n) {
            throw new IllegalArgumentException("index and value arrays differ in length: " + rowIndex.length + ", "
                    + colIndex.length + ", " + n);
        }
        for (int k = 0; k < n; k++) {
            int i = rowIndex[k];
            int j = colIndex[k];
            if (i < 0 || i >= rows || j < 0 || j >= cols) {
                throw new IllegalArgumentException("entry " + k + " at (" + i + ", " + j + ") lies outside the "
                        + rows + "x" + cols + " matrix");
            }
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException("entry " + k + " at (" + i + ", " + j + ") has value " + values[k]);
            }
        }
        requireDistinct(rows, cols, rowIndex, colIndex);
        return new Entries(rows, cols, rowIndex, colIndex, values);
    }

    /**
     * Refuses a repeated position, naming the smallest one in (row, column) order. Linear in entries + rows + columns:
     * entries are bucketed by row (one int per entry and per row, temporary), then each row's columns are marked in
     * one array of columns. Sorting a long key per entry, as this once did, needs twice the memory and n log n time,
     * which shows at tens of millions of ratings.
     */
    private static void requireDistinct(int rows, int cols, int[] rowIndex, int[] colIndex) {
        int n = rowIndex.length;
        if (n < 2) {
            return;
        }
        int[] start = new int[rows + 1];
        for (int i : rowIndex) {
            start[i + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = Arrays.copyOf(start, rows);
        int[] byRow = new int[n];
        for (int k = 0; k < n; k++) {
            byRow[fill[rowIndex[k]]++] = colIndex[k];
        }
        int[] seenInRow = new int[cols]; // row + 1 of the last row that had the column; 0 = none yet
        for (int i = 0; i < rows; i++) {
            int repeated = -1;
            for (int p = start[i]; p < start[i + 1]; p++) {
                int j = byRow[p];
                if (seenInRow[j] == i + 1) {
                    repeated = repeated < 0 ? j : Math.min(repeated, j);
                }
                seenInRow[j] = i + 1;
            }
            if (repeated >= 0) {
                throw new IllegalArgumentException("position (" + i + ", " + repeated
                        + ") is observed more than once");
            }
        }
    }

    /** @return rows of the matrix */
    public int rows() {
        return rows;
    }

    /** @return columns of the matrix */
    public int cols() {
        return cols;
    }

    /** @return number of observed entries */
    public int size() {
        return values.length;
    }

    /**
     * @param k entry index
     * @return its row
     */
    public int row(int k) {
        return rowIndex[k];
    }

    /**
     * @param k entry index
     * @return its column
     */
    public int col(int k) {
        return colIndex[k];
    }

    /**
     * @param k entry index
     * @return its value
     */
    public double value(int k) {
        return values[k];
    }

    /** @return a copy of the values in entry order */
    public double[] values() {
        return values.clone();
    }

    /**
     * @param w an m×n matrix
     * @return W at the observed positions, in entry order
     */
    public double[] gather(Matrix w) {
        requireShape(w);
        double[] out = new double[values.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = w.at(rowIndex[k] * cols + colIndex[k]);
        }
        return out;
    }

    /**
     * @param w an m×n matrix of predictions
     * @return mean over the entries of (W_ij − value)², 0 when there are none
     */
    public double meanSquaredError(Matrix w) {
        requireShape(w);
        if (values.length == 0) {
            return 0;
        }
        double s = 0;
        for (int k = 0; k < values.length; k++) {
            double d = w.at(rowIndex[k] * cols + colIndex[k]) - values[k];
            s += d * d;
        }
        return s / values.length;
    }

    /**
     * @param w an m×n matrix of predictions
     * @return the root mean squared error over the entries
     */
    public double rmse(Matrix w) {
        return Math.sqrt(meanSquaredError(w));
    }

    /**
     * @param w an m×n matrix
     * @param out receives W_ij − value of every entry, in entry order; at least {@link #size()} long
     */
    public void residuals(Matrix w, double[] out) {
        requireShape(w);
        double[] a = Matrix.storage(w);
        for (int k = 0; k < values.length; k++) {
            out[k] = a[rowIndex[k] * cols + colIndex[k]] - values[k];
        }
    }

    /**
     * The dense matrix with a value of each entry at its position and zeros elsewhere, plus α·X: every element is
     * (its entry's value, or 0) + α·X_ij, in one pass and one allocation, the arithmetic of forming the sparse matrix
     * densely and then adding α·X.
     *
     * @param perEntry a value per entry, in entry order
     * @param alpha    the weight of X
     * @param x        an m×n matrix, or null for none (then the result is the scattered values alone)
     * @return the m×n sum
     */
    public Matrix scatter(double[] perEntry, double alpha, Matrix x) {
        if (perEntry.length < values.length) {
            throw new IllegalArgumentException(perEntry.length + " values for " + values.length + " entries");
        }
        double[] out = new double[rows * cols];
        if (x != null) {
            requireShape(x);
            double[] xs = Matrix.storage(x);
            for (int i = 0; i < out.length; i++) {
                out[i] = 0.0 + alpha * xs[i];
            }
            for (int k = 0; k < values.length; k++) {
                int pos = rowIndex[k] * cols + colIndex[k];
                out[pos] = perEntry[k] + alpha * xs[pos];
            }
        } else {
            for (int k = 0; k < values.length; k++) {
                out[rowIndex[k] * cols + colIndex[k]] = perEntry[k];
            }
        }
        return new Matrix(rows, cols, out);
    }

    /** @return an m×n matrix with the observed values at their positions and zeros elsewhere */
    public Matrix toDense() {
        Matrix.Builder b = Matrix.builder(rows, cols);
        for (int k = 0; k < values.length; k++) {
            b.set(rowIndex[k] * cols + colIndex[k], values[k]);
        }
        return b.build();
    }

    private void requireShape(Matrix w) {
        if (w.rows() != rows || w.cols() != cols) {
            throw new IllegalArgumentException("observations of a " + rows + "x" + cols + " matrix cannot score a "
                    + w.shape() + " matrix");
        }
    }

    @Override
    public String toString() {
        return "Entries[" + values.length + " of " + rows + "x" + cols + "]";
    }
}
