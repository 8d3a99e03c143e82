package dev.tacit.optim.baselines;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;

/**
 * The observed entries in the primitive arrays the sparse steps iterate over: per entry its row, column, row-major
 * position and value, and the entries grouped by row (compressed sparse row order).
 */
final class EntryIndex {

    final int rows;
    final int cols;
    final int size;
    final int[] row;
    final int[] col;
    final int[] position;
    final double[] value;
    /** EntryIndex of row i are {@code byRow[rowStart[i]] .. byRow[rowStart[i + 1] - 1]}. */
    final int[] rowStart;
    final int[] byRow;

    private EntryIndex(Entries o) {
        rows = o.rows();
        cols = o.cols();
        size = o.size();
        row = new int[size];
        col = new int[size];
        position = new int[size];
        value = o.values();
        int[] counts = new int[rows];
        for (int k = 0; k < size; k++) {
            row[k] = o.row(k);
            col[k] = o.col(k);
            position[k] = row[k] * cols + col[k];
            counts[row[k]]++;
        }
        rowStart = new int[rows + 1];
        for (int i = 0; i < rows; i++) {
            rowStart[i + 1] = rowStart[i] + counts[i];
        }
        byRow = new int[size];
        int[] next = rowStart.clone();
        for (int k = 0; k < size; k++) {
            byRow[next[row[k]]++] = k;
        }
    }

    /**
     * @param o observations
     * @return their entries
     */
    static EntryIndex of(Entries o) {
        return new EntryIndex(o);
    }

    /** @return observations per row */
    int[] rowCounts() {
        int[] c = new int[rows];
        for (int k = 0; k < size; k++) {
            c[row[k]]++;
        }
        return c;
    }

    /** @return observations per column */
    int[] colCounts() {
        int[] c = new int[cols];
        for (int k = 0; k < size; k++) {
            c[col[k]]++;
        }
        return c;
    }

    /** @return whether each row-major position is observed */
    boolean[] mask() {
        boolean[] observed = new boolean[rows * cols];
        for (int p : position) {
            observed[p] = true;
        }
        return observed;
    }

    /**
     * @param values one value per entry
     * @return the m×n matrix with these values at the observed positions and zeros elsewhere
     */
    Matrix scatter(double[] values) {
        Matrix.Builder b = Matrix.builder(rows, cols);
        for (int k = 0; k < size; k++) {
            b.set(position[k], values[k]);
        }
        return b.build();
    }

    /** @return Σ value² over the entries */
    double sumOfSquares() {
        double s = 0;
        for (double v : value) {
            s += v * v;
        }
        return s;
    }
}
