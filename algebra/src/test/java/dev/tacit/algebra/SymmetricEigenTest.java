package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SymmetricEigenTest {

    static Stream<Long> seeds() {
        return RandomMatrices.seeds(15);
    }

    private static Matrix randomSymmetric(int n, SplittableRandom rng) {
        Matrix g = RandomMatrices.gaussian(n, n, rng);
        return g.plus(g.transpose());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void decompositionReconstructsWithOrthonormalVectors(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(60);
        Matrix a = randomSymmetric(n, rng);
        SymmetricEigen.Result r = SymmetricEigen.decompose(a);
        Matrix z = r.vectors();
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.identity(n), z.transposeMultiply(z), "ZᵀZ");
        Matrix rebuilt = z.scaleColumns(r.values()).multiplyTranspose(z);
        Tolerance.LINEAR_ALGEBRA.assertClose(a, rebuilt, "Z Λ Zᵀ of " + n + "x" + n);
        double[] values = r.values();
        for (int i = 1; i < n; i++) {
            assertTrue(values[i] <= values[i - 1], "descending at " + i);
        }
        double[] reference = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(a.toRows())).getEigenvalues();
        for (int i = 0; i < n; i++) {
            Tolerance.LINEAR_ALGEBRA.assertClose(reference[i], values[i], "λ_" + i + " against Hipparchus");
        }
    }

    static Stream<Arguments> largeCases() {
        // Orders past the blocked reduction (192) and divide and conquer (160), and matrix families that stress them;
        // the reference is Hipparchus for random matrices and the prescribed spectrum otherwise.
        return Stream.of(Arguments.of(170, "random"), Arguments.of(200, "clustered"), Arguments.of(260, "graded"),
                Arguments.of(300, "rankDeficient"), Arguments.of(400, "random"));
    }

    @ParameterizedTest
    @MethodSource("largeCases")
    void blockedReductionAndDivideAndConquerAgreeWithTheReference(int n, String kind) {
        SplittableRandom rng = new SplittableRandom(n * 7L + kind.hashCode());
        Matrix a;
        double[] reference;
        if (kind.equals("random")) {
            a = randomSymmetric(n, rng);
            reference = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(a.toRows())).getEigenvalues();
        } else {
            Matrix q = RandomMatrices.orthonormalColumns(n, n, rng);
            double[] lambda = new double[n];
            for (int i = 0; i < n; i++) {
                lambda[i] = switch (kind) {
                    case "clustered" -> i % 2 == 0 ? 1 + 1e-13 * i : -1 - 1e-12 * i;
                    case "graded" -> Math.pow(10, -14.0 * i / n);
                    default -> i % 3 == 0 ? RandomMatrices.normal(rng) : 0;
                };
            }
            a = q.scaleColumns(lambda).multiplyTranspose(q);
            a = a.plus(a.transpose()).scale(0.5);
            // The prescribed spectrum (Hipparchus does not converge on some of these families).
            reference = lambda.clone();
            java.util.Arrays.sort(reference);
            for (int i = 0, j = n - 1; i < j; i++, j--) {
                double t = reference[i];
                reference[i] = reference[j];
                reference[j] = t;
            }
        }
        SymmetricEigen.Result r = SymmetricEigen.decompose(a);
        Matrix z = r.vectors();
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.identity(n), z.transposeMultiply(z), "ZᵀZ at " + n);
        Tolerance.LINEAR_ALGEBRA.assertClose(a, z.scaleColumns(r.values()).multiplyTranspose(z), "Z Λ Zᵀ at " + n);
        double[] values = r.values();
        for (int i = 0; i < n; i++) {
            Tolerance.LINEAR_ALGEBRA.assertClose(reference[i], values[i], kind + " λ_" + i + " against the reference");
        }
    }

    @Test
    void repeatedAndZeroEigenvalues() {
        SplittableRandom rng = new SplittableRandom(9);
        Matrix q = RandomMatrices.orthonormalColumns(12, 12, rng);
        double[] lambda = {5, 5, 5, 2, 2, 0, 0, 0, -1, -1, -3, -3};
        Matrix a = q.scaleColumns(lambda).multiplyTranspose(q);
        SymmetricEigen.Result r = SymmetricEigen.decompose(a);
        double[] values = r.values();
        for (int i = 0; i < lambda.length; i++) {
            Tolerance.LINEAR_ALGEBRA.assertClose(lambda[i], values[i], "λ_" + i);
        }
        Tolerance.LINEAR_ALGEBRA.assertClose(a, r.vectors().scaleColumns(values).multiplyTranspose(r.vectors()),
                "reconstruction");
        SymmetricEigen.Result zero = SymmetricEigen.decompose(Matrix.zeros(4, 4));
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.identity(4), zero.vectors().transposeMultiply(zero.vectors()),
                "eigenvectors of the zero matrix");
    }

    @Test
    void hugeEntriesDoNotOverflowTheShift() {
        // Entries near 1e178 (as in the Gram matrix of a diverging run): b² in a naive Wilkinson shift overflows.
        SplittableRandom rng = new SplittableRandom(4);
        Matrix q = RandomMatrices.orthonormalColumns(5, 5, rng);
        double[] lambda = {1e178, 3e177, 1e87, 1e86, 0};
        Matrix a = q.scaleColumns(lambda).multiplyTranspose(q);
        double[] values = SymmetricEigen.decompose(a).values();
        Tolerance.LINEAR_ALGEBRA.assertClose(1e178, values[0], "λ_max");
        Tolerance.LINEAR_ALGEBRA.assertClose(3e177, values[1], "λ_2");
        for (int i = 2; i < 5; i++) {
            assertTrue(Math.abs(values[i]) <= 1e-14 * 1e178, "λ_" + i + " = " + values[i] + " is below eps·‖A‖");
        }
    }

    @Test
    void alreadyDiagonalAndTridiagonal() {
        Matrix diag = Matrix.diagonal(3, 3, 1, 3, 2);
        Tolerance.ROUNDING.assertClose(3, SymmetricEigen.decompose(diag).values()[0], "largest of a diagonal");
        Matrix tri = Matrix.of(3, 3, 2, -1, 0, -1, 2, -1, 0, -1, 2);
        double[] v = SymmetricEigen.decompose(tri).values();
        Tolerance.LINEAR_ALGEBRA.assertClose(2 + Math.sqrt(2), v[0], "λ_max of the 1-D Laplacian");
        Tolerance.LINEAR_ALGEBRA.assertClose(2, v[1], "λ_mid of the 1-D Laplacian");
        Tolerance.LINEAR_ALGEBRA.assertClose(2 - Math.sqrt(2), v[2], "λ_min of the 1-D Laplacian");
    }
}
