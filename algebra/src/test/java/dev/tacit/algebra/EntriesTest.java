package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.testkit.FiniteDifference;
import dev.tacit.algebra.testkit.Tolerance;
import org.junit.jupiter.api.Test;

class ObservationsTest {

    private final Entries obs = Entries.of(2, 3, new int[] {0, 1, 1}, new int[] {2, 0, 1},
            new double[] {1.5, -2, 4});

    @Test
    void scoresAndGathersAtTheObservedPositions() {
        Matrix w = Matrix.of(2, 3, 9, 9, 1.0, -1, 3, 9);
        assertArrayEquals(new double[] {1.0, -1, 3}, obs.gather(w));
        // residuals −0.5, 1, −1: mean of squares 2.25/3
        Tolerance.ROUNDING.assertClose(0.75, obs.meanSquaredError(w), "MSE");
        Tolerance.ROUNDING.assertClose(Math.sqrt(0.75), obs.rmse(w), "RMSE");
        assertEquals(Matrix.of(2, 3, 0, 0, 1.5, -2, 4, 0), obs.toDense());
    }

    @Test
    void scatterIsTheDenseSparseMatrixPlusAScaledOne() {
        Matrix w = Matrix.of(2, 3, 0.3, -0.7, 1.1, 2.0, 0.5, -1.5);
        double[] residuals = new double[obs.size()];
        obs.residuals(w, residuals);
        Matrix sparse = obs.scatter(residuals, 0, null);
        for (int k = 0; k < obs.size(); k++) {
            assertEquals(w.get(obs.row(k), obs.col(k)) - obs.value(k), sparse.get(obs.row(k), obs.col(k)));
        }
        assertEquals(sparse.axpy(0.25, w), obs.scatter(residuals, 0.25, w), "bit for bit the two-pass result");
    }

    @Test
    void rejectsBadEntriesNamingThem() {
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> Entries.of(2, 2, new int[] {0, 2}, new int[] {0, 0}, new double[] {1, 1}));
        assertTrue(out.getMessage().contains("entry 1"), out.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> Entries.of(2, 2, new int[] {1, 1}, new int[] {0, 0}, new double[] {1, 2}));
        assertTrue(dup.getMessage().contains("(1, 0)"), dup.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Entries.of(2, 2, new int[] {0}, new int[] {0}, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> obs.rmse(Matrix.zeros(3, 3)));
    }

    @Test
    void adoptChecksLikeOfAndNamesTheSmallestRepeatedPosition() {
        int[] r = {2, 0, 1, 2, 1, 0};
        int[] c = {1, 3, 0, 0, 0, 3};
        double[] v = {1, 2, 3, 4, 5, 6};
        for (boolean adopt : new boolean[] {false, true}) {
            IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> {
                Entries unused = adopt ? Entries.adopt(3, 4, r.clone(), c.clone(), v.clone()) : Entries.of(3, 4, r, c, v);
            });
            assertEquals("position (0, 3) is observed more than once", dup.getMessage());
        }
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Entries.adopt(2, 2, new int[] {0, 0}, new int[] {0, 2}, new double[] {1, 1}));
        assertEquals("entry 1 at (0, 2) lies outside the 2x2 matrix", range.getMessage());
    }

    @Test
    void adoptKeepsTheArraysAndTheirOrder() {
        int[] r = {1, 0, 1};
        int[] c = {0, 1, 1};
        double[] v = {7, 8, 9};
        Entries e = Entries.adopt(2, 2, r, c, v);
        assertEquals(3, e.size());
        for (int k = 0; k < 3; k++) {
            assertEquals(r[k], e.row(k));
            assertEquals(c[k], e.col(k));
            assertEquals(v[k], e.value(k));
        }
        assertArrayEquals(v, e.values());
        assertTrue(e.values() != v, "values() still hands out a copy");
    }
}
