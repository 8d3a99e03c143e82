package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JacobiSvdTest {

    static Stream<Long> seeds() {
        return RandomMatrices.seeds(12);
    }

    private static void assertOrthonormalColumns(Matrix q, String what) {
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.identity(q.cols()), q.transposeMultiply(q), what + "ᵀ" + what);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void decompositionReconstructsWithOrthonormalFactors(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int m = 1 + rng.nextInt(40);
        int n = 1 + rng.nextInt(40);
        Matrix w = RandomMatrices.gaussian(m, n, rng);
        Svd svd = JacobiSvd.decompose(w).svd();
        Tolerance.LINEAR_ALGEBRA.assertClose(w, svd.reconstruct(), "U Σ Vᵀ of " + m + "x" + n);
        assertOrthonormalColumns(svd.u(), "U");
        assertOrthonormalColumns(svd.v(), "V");
        double[] reference = Spectra.referenceSvd(w).singularValues();
        for (int i = 0; i < reference.length; i++) {
            Tolerance.LINEAR_ALGEBRA.assertClose(reference[i], svd.singularValue(i), "σ_" + i + " against Hipparchus");
        }
    }

    @Test
    void polarFactorIsOrthogonalAndAgreesWithTheReference() {
        SplittableRandom rng = new SplittableRandom(21);
        Matrix w = RandomMatrices.gaussian(60, 45, rng);
        Matrix p = JacobiSvd.decompose(w).svd().polarFactor();
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.identity(45), p.transposeMultiply(p), "PᵀP");
        Tolerance.LINEAR_ALGEBRA.assertClose(Spectra.referenceSvd(w).polarFactor(), p, "polar factor vs Hipparchus");
        // The symmetric factor H = Pᵀ W must be symmetric positive semi-definite.
        Matrix h = p.transposeMultiply(w);
        Tolerance.LINEAR_ALGEBRA.assertClose(h.transpose(), h, "H = PᵀW symmetric");
    }

    @Test
    void tinySingularValuesKeepTheirRelativeAccuracy() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] sigma = new double[20];
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = Math.pow(10, 2 - 10.0 * i / (sigma.length - 1)); // 1e2 down to 1e-8
        }
        // A graded matrix: scaling rows keeps the σ-range; Jacobi's relative accuracy holds for such matrices.
        Matrix w = RandomMatrices.withSingularValues(30, 20, sigma, rng);
        double[] computed = JacobiSvd.decompose(w).svd().singularValues();
        for (int i = 0; i < sigma.length; i++) {
            // Absolute error of order eps·σ_max, relative error on the tiny ones bounded by eps·κ of the factors.
            assertTrue(Math.abs(computed[i] - sigma[i]) <= 1e-13 * sigma[0] + 1e-6 * sigma[i],
                    "σ_" + i + " = " + computed[i] + " vs " + sigma[i]);
        }
    }

    @Test
    void extremeScalesNeitherOverflowNorUnderflow() {
        SplittableRandom rng = new SplittableRandom(17);
        Matrix w = RandomMatrices.gaussian(9, 7, rng);
        double[] sigma = JacobiSvd.decompose(w).svd().singularValues();
        for (double scale : new double[] {1e200, 1e-200}) {
            Svd scaled = JacobiSvd.decompose(w.scale(scale)).svd();
            for (int i = 0; i < sigma.length; i++) {
                Tolerance.LINEAR_ALGEBRA.assertClose(sigma[i] * scale, scaled.singularValue(i), "σ_" + i + " at " + scale);
            }
            Tolerance.LINEAR_ALGEBRA.assertClose(JacobiSvd.decompose(w).svd().polarFactor(), scaled.polarFactor(),
                    "polar factor at " + scale);
        }
    }

    @Test
    void rankDeficientAndZeroMatrices() {
        SplittableRandom rng = new SplittableRandom(3);
        Matrix w = RandomMatrices.lowRank(12, 9, 2, rng);
        Svd svd = JacobiSvd.decompose(w).svd();
        Tolerance.LINEAR_ALGEBRA.assertClose(w, svd.reconstruct(), "rank-2 reconstruction");
        assertTrue(svd.singularValue(2) < 1e-12 * svd.singularValue(0));
        Svd zero = JacobiSvd.decompose(Matrix.zeros(4, 3)).svd();
        assertEquals(0.0, zero.nuclearNorm());
        assertEquals(Matrix.zeros(4, 3), zero.polarFactor());
        assertThrows(IllegalArgumentException.class,
                () -> JacobiSvd.decompose(Matrix.of(1, 2, 1, Double.NaN)));
    }

}
