package dev.tacit.optim.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.CompletionProblem;
import org.junit.jupiter.api.Test;

class BiScalingTest {

    /** Rows and columns with their own offsets and spreads. */
    private static EntryIndex skewed() {
        CompletionProblem p = LowRankProblems.problem(30, 25, 2, 400, 11);
        Entries o = p.train();
        double[] v = new double[o.size()];
        int[] r = new int[o.size()];
        int[] c = new int[o.size()];
        for (int k = 0; k < o.size(); k++) {
            r[k] = o.row(k);
            c[k] = o.col(k);
            v[k] = (1 + 0.2 * r[k]) * (2 + Math.sin(c[k])) * o.value(k) + 3 * r[k] - 5 * Math.cos(c[k]);
        }
        return EntryIndex.of(Entries.of(o.rows(), o.cols(), r, c, v));
    }

    @Test
    void scaledRowsAndColumnsHaveMeanZeroAndVarianceOne() {
        EntryIndex e = skewed();
        BiScaling s = BiScaling.fit(e, 1e-3, 100);
        assertTrue(s.converged && s.iterations < 100, "stops by its tolerance: " + s.iterations);
        double[] rowSum = new double[e.rows];
        double[] rowSq = new double[e.rows];
        double[] colSum = new double[e.cols];
        double[] colSq = new double[e.cols];
        for (int k = 0; k < e.size; k++) {
            double x = s.scale(e.row[k], e.col[k], e.value[k]);
            rowSum[e.row[k]] += x;
            rowSq[e.row[k]] += x * x;
            colSum[e.col[k]] += x;
            colSq[e.col[k]] += x * x;
        }
        int[] rows = e.rowCounts();
        int[] cols = e.colCounts();
        // The reference stops when a round improves the moment residual by less than 0.1 %, not at exact moments.
        for (int i = 0; i < e.rows; i++) {
            assertEquals(0, rowSum[i] / rows[i], 0.05, "mean of row " + i);
            assertEquals(1, rowSq[i] / rows[i], 0.1, "mean square of row " + i);
        }
        for (int j = 0; j < e.cols; j++) {
            assertEquals(0, colSum[j] / cols[j], 0.05, "mean of column " + j);
            assertEquals(1, colSq[j] / cols[j], 0.1, "mean square of column " + j);
        }
    }

    @Test
    void unscaleUndoesScale() {
        EntryIndex e = skewed();
        BiScaling s = BiScaling.fit(e, 1e-3, 100);
        for (int k = 0; k < e.size; k++) {
            double x = e.value[k];
            Tolerance.ROUNDING.assertClose(x, s.unscale(e.row[k], e.col[k], s.scale(e.row[k], e.col[k], x)),
                    "entry " + k);
        }
    }

    @Test
    void respectsItsCap() {
        BiScaling s = BiScaling.fit(skewed(), 0, 3);
        assertEquals(3, s.iterations);
        assertTrue(!s.converged);
    }
}
