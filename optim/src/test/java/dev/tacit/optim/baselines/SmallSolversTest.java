package dev.tacit.optim.baselines;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The small dense solver behind OptSpace's r×r fit. */
class SmallSolversTest {

    @Test
    void solvesAPositiveDefiniteSystem() {
        Matrix b = RandomMatrices.gaussian(8, 6, new SplittableRandom(1));
        Matrix a = b.transposeMultiply(b);
        double[] x = {1, -2, 3, 0.5, -0.25, 4};
        double[] rhs = a.multiply(Matrix.of(6, 1, x)).toArray();
        double[] solved = SymmetricSolve.solve(a.toRows(), rhs);
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.of(6, 1, x), Matrix.of(6, 1, solved), "x");
    }

    @Test
    void aSingularSystemGetsTheMinimumNormLeastSquaresSolution() {
        // A = v vᵀ has rank one; for b = A x the minimum-norm solution is the projection of x on v.
        double[] v = {1, 2, 2};
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                a[i][j] = v[i] * v[j];
            }
        }
        double[] x = {3, -1, 0.5};
        double vx = 3 - 2 + 1;
        double[] rhs = {v[0] * vx, v[1] * vx, v[2] * vx};
        double[] solved = SymmetricSolve.solve(a, rhs);
        double[] expected = {vx / 9 * v[0], vx / 9 * v[1], vx / 9 * v[2]};
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.of(3, 1, expected), Matrix.of(3, 1, solved), "x");
    }
}
