package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.ReferenceSvd;
import dev.tacit.algebra.testkit.Tolerance;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GramSvdTest {

    static Stream<Long> seeds() {
        return RandomMatrices.seeds(12);
    }

    private static void assertOrthonormalColumns(Matrix q, String what) {
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.identity(q.cols()), q.transposeMultiply(q), what + "ᵀ" + what);
    }

    /** σ_i = 1e2·(lo/1e2)^(i/(k−1)): a geometric spectrum from 1e2 down to lo. */
    private static double[] geometric(int k, double lo) {
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = 1e2 * Math.pow(lo / 1e2, k == 1 ? 0 : (double) i / (k - 1));
        }
        return s;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void decompositionReconstructsWithOrthonormalFactors(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int m = 1 + rng.nextInt(60);
        int n = 1 + rng.nextInt(60);
        Matrix w = RandomMatrices.gaussian(m, n, rng);
        Svd svd = GramSvd.decompose(w).svd();
        Tolerance.LINEAR_ALGEBRA.assertClose(w, svd.reconstruct(), "U Σ Vᵀ of " + m + "x" + n);
        assertOrthonormalColumns(svd.u(), "U");
        assertOrthonormalColumns(svd.v(), "V");
        Tolerance.LINEAR_ALGEBRA.assertClose(w, svd.u().scaleColumns(svd.singularValues()).multiplyTranspose(svd.v()),
                "explicit U Σ Vᵀ of " + m + "x" + n);
        double[] reference = Spectra.referenceSvd(w).singularValues();
        for (int i = 0; i < reference.length; i++) {
            Tolerance.LINEAR_ALGEBRA.assertClose(reference[i], svd.singularValue(i), "σ_" + i + " against Hipparchus");
        }
    }

    static Stream<Arguments> constantMatrices() {
        // Rank one with every remaining singular value zero: the reduction meets columns of rounding noise so small
        // that an unscaled reflector overflowed (a constant 100x100 matrix failed to converge before).
        return Stream.of(Arguments.of(100, 100, 1.0), Arguments.of(200, 120, 3.5), Arguments.of(90, 260, -2.0),
                Arguments.of(100, 100, 1e-150), Arguments.of(300, 300, 0.25));
    }

    @ParameterizedTest
    @MethodSource("constantMatrices")
    void constantMatrixHasOneSingularValue(int m, int n, double c) {
        Matrix w = Matrix.generate(m, n, (i, j) -> c);
        Svd svd = GramSvd.decompose(w).svd();
        double expected = Math.abs(c) * Math.sqrt((double) m * n);
        assertEquals(expected, svd.singularValue(0), 1e-12 * expected, "σ_0 of a constant " + m + "x" + n);
        for (int i = 1; i < Math.min(m, n); i++) {
            assertTrue(svd.singularValue(i) <= 1e-12 * expected, "σ_" + i + " = " + svd.singularValue(i));
        }
        assertEquals(0, w.minus(svd.reconstruct()).frobeniusNorm() / w.frobeniusNorm(), 1e-12, "U Σ Vᵀ");
    }

    static Stream<Arguments> illConditioned() {
        // Shapes tall, wide and square; smallest singular value from 1e-1 (one level) to 1e-8 (several levels).
        return Stream.of(Arguments.of(60, 40, 1e-1), Arguments.of(40, 60, 1e-3), Arguments.of(50, 50, 1e-6),
                Arguments.of(80, 30, 1e-8), Arguments.of(30, 90, 1e-8), Arguments.of(64, 64, 1e-8));
    }

    @ParameterizedTest
    @MethodSource("illConditioned")
    void refinementLevelsKeepTheFactorsOrthonormalAndAccurate(int m, int n, double smallest) {
        SplittableRandom rng = new SplittableRandom(m * 131L + n);
        int k = Math.min(m, n);
        double[] sigma = geometric(k, smallest);
        Matrix w = RandomMatrices.withSingularValues(m, n, sigma, rng);
        GramSvd.Result r = GramSvd.decompose(w);
        assertTrue(smallest > 0.01 || r.levels() > 1, "an ill-conditioned matrix needs refinement levels");
        Svd svd = r.svd();
        assertOrthonormalColumns(svd.u(), "U");
        assertOrthonormalColumns(svd.v(), "V");
        Tolerance.LINEAR_ALGEBRA.assertClose(w, svd.reconstruct(), "U Σ Vᵀ");
        for (int i = 0; i < k; i++) {
            // Absolute accuracy of a backward stable method: a few eps·σ_max.
            assertTrue(Math.abs(svd.singularValue(i) - sigma[i]) <= 1e-13 * sigma[0] + 1e-10 * sigma[i],
                    "σ_" + i + " = " + svd.singularValue(i) + " vs " + sigma[i]);
        }
        ReferenceSvd reference = ReferenceSvd.of(w);
        double bound = Tolerance.polarFactorBound(w.frobeniusNorm(), sigma[k - 1], k, GramSvd.THETA);
        double error = svd.polarFactor().minus(reference.polarFactor()).frobeniusNorm();
        assertTrue(error <= bound, "‖Q − Q_ref‖_F = " + error + " above the stated " + bound);
    }

    @Test
    void wellConditionedMatricesStopAtTheGramMatrixAndComposeThroughW() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int[] shape : new int[][] {{70, 40}, {40, 70}}) {
            Matrix w = RandomMatrices.withSingularValues(shape[0], shape[1], geometric(40, 3), rng);
            GramSvd.Result r = GramSvd.decompose(w);
            assertEquals(1, r.levels(), "κ = 33 is resolved by the Gram matrix alone");
            Svd svd = r.svd();
            // The implicit factor, formed on request, and the one-product composition agree with explicit factors.
            Svd explicit = new Svd(svd.u(), svd.singularValues(), svd.v());
            assertOrthonormalColumns(svd.u(), "U");
            assertOrthonormalColumns(svd.v(), "V");
            double[] f = new double[40];
            for (int i = 0; i < f.length; i++) {
                f[i] = Math.sin(i) * 2;
            }
            Tolerance.LINEAR_ALGEBRA.assertClose(explicit.compose(f), svd.compose(f), "compose with signed weights");
            Tolerance.LINEAR_ALGEBRA.assertClose(explicit.polarFactor(), svd.polarFactor(), "polar factor");
            Tolerance.LINEAR_ALGEBRA.assertClose(Spectra.referenceSvd(w).polarFactor(), svd.polarFactor(),
                    "polar factor against Hipparchus");
            Tolerance.LINEAR_ALGEBRA.assertClose(w, svd.reconstruct(), "reconstruction through W");
        }
    }

    @Test
    void trainedShapeSpectrumFewLargeManyTiny() {
        // The shape of a trained W: five large singular values, ninety-five tiny ones reshuffled by every step.
        SplittableRandom rng = new SplittableRandom(12);
        double[] sigma = new double[100];
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = i < 5 ? 56 - 5 * i : 3e-3 * Math.pow(5e-3, (i - 5) / 94.0);
        }
        Matrix w = RandomMatrices.withSingularValues(100, 100, sigma, rng);
        GramSvd.Result r = GramSvd.decompose(w);
        assertTrue(r.levels() >= 2, "the tiny block needs its own level");
        double bound = Tolerance.polarFactorBound(w.frobeniusNorm(), sigma[99], 100, GramSvd.THETA);
        double error = r.svd().polarFactor().minus(ReferenceSvd.of(w).polarFactor()).frobeniusNorm();
        assertTrue(error <= bound, "‖Q − Q_ref‖_F = " + error + " above the stated " + bound);
        assertOrthonormalColumns(r.svd().u(), "U");
    }

    /** A trained-shape spectrum: five large singular values, then a band of tiny ones below a gap. */
    private static double[] trainedSpectrum(int k) {
        double[] sigma = new double[k];
        for (int i = 0; i < k; i++) {
            sigma[i] = i < 5 ? 56 - 5 * i : 3e-3 * Math.pow(5e-3, (i - 5) / (double) (k - 6));
        }
        return sigma;
    }

    @Test
    void warmStartFromThePreviousStepKeepsTheStatedAccuracy() {
        SplittableRandom rng = new SplittableRandom(44);
        for (int[] shape : new int[][] {{100, 100}, {120, 90}, {80, 130}}) {
            int k = Math.min(shape[0], shape[1]);
            double[] sigma = trainedSpectrum(k);
            Matrix w0 = RandomMatrices.withSingularValues(shape[0], shape[1], sigma, rng);
            // The next step: a perturbation of the size an Adam step makes (about 1e-4 per entry).
            Matrix w1 = w0.plus(RandomMatrices.gaussian(shape[0], shape[1], rng).scale(1e-4));
            GramSvd.Result first = GramSvd.decompose(w0);
            assertEquals(5, first.basis().cols(), "the five large directions are offered as a warm start");
            GramSvd.Result warm = GramSvd.decompose(w1, first.basis());
            assertTrue(warm.warm(), "level 0 starts from the basis");
            assertEquals(5, warm.basis().cols(), "and hands it on");
            Svd svd = warm.svd();
            assertOrthonormalColumns(svd.u(), "U");
            assertOrthonormalColumns(svd.v(), "V");
            Tolerance.LINEAR_ALGEBRA.assertClose(w1, svd.reconstruct(), "U Σ Vᵀ");
            ReferenceSvd reference = ReferenceSvd.of(w1);
            double[] refSigma = reference.singularValues();
            double bound = Tolerance.polarFactorBound(w1.frobeniusNorm(), refSigma[k - 1], k, GramSvd.THETA);
            double error = svd.polarFactor().minus(reference.polarFactor()).frobeniusNorm();
            assertTrue(error <= bound, "warm ‖Q − Q_ref‖_F = " + error + " above the stated " + bound);
            Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.of(1, k, refSigma), Matrix.of(1, k, svd.singularValues()),
                    "σ (absolute accuracy)");
        }
    }

    @Test
    void aBasisThatDoesNotFitFallsBackToAColdStart() {
        SplittableRandom rng = new SplittableRandom(45);
        // No gap anywhere: the orthogonal iteration cannot reach the residual from an unrelated basis.
        Matrix w = RandomMatrices.withSingularValues(60, 60, geometric(60, 1e-6), rng);
        Matrix unrelated = RandomMatrices.orthonormalColumns(60, 10, rng);
        GramSvd.Result r = GramSvd.decompose(w, unrelated);
        assertTrue(!r.warm(), "falls back to a cold level 0");
        double bound = Tolerance.polarFactorBound(w.frobeniusNorm(), 1e-6, 60, GramSvd.THETA);
        double error = r.svd().polarFactor().minus(ReferenceSvd.of(w).polarFactor()).frobeniusNorm();
        assertTrue(error <= bound, "‖Q − Q_ref‖_F = " + error + " above the stated " + bound);
        // Wrong shapes are ignored rather than failing.
        assertTrue(!GramSvd.decompose(w, Matrix.zeros(59, 3)).warm());
        assertTrue(!GramSvd.decompose(w, Matrix.zeros(60, 0)).warm());
    }

    @Test
    void extremeScalesNeitherOverflowNorUnderflow() {
        SplittableRandom rng = new SplittableRandom(17);
        for (double smallest : new double[] {1, 1e-6}) {
            Matrix w = RandomMatrices.withSingularValues(9, 7, geometric(7, smallest), rng);
            Svd base = GramSvd.decompose(w).svd();
            for (double scale : new double[] {1e200, 1e-200}) {
                Svd scaled = GramSvd.decompose(w.scale(scale)).svd();
                // Singular values carry absolute accuracy (eps·σ_max): compare them as one vector.
                Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.of(1, 7, base.singularValues()),
                        Matrix.of(1, 7, scaled.singularValues()).scale(1 / scale), "σ at " + scale);
                // Two backward stable computations of an ill-conditioned polar factor differ at the stated bound.
                double error = base.polarFactor().minus(scaled.polarFactor()).frobeniusNorm();
                double bound = Tolerance.polarFactorBound(w.frobeniusNorm(), base.singularValue(6), 7, GramSvd.THETA);
                assertTrue(error <= bound, "polar factor at " + scale + ": " + error + " above " + bound);
            }
        }
    }

    @Test
    void rankDeficientAndZeroMatrices() {
        SplittableRandom rng = new SplittableRandom(3);
        Matrix w = RandomMatrices.lowRank(12, 9, 2, rng);
        Svd svd = GramSvd.decompose(w).svd();
        Tolerance.LINEAR_ALGEBRA.assertClose(w, svd.reconstruct(), "rank-2 reconstruction");
        assertTrue(svd.singularValue(2) < 1e-12 * svd.singularValue(0));
        assertOrthonormalColumns(svd.v(), "V");
        Svd zero = GramSvd.decompose(Matrix.zeros(4, 3)).svd();
        assertEquals(0.0, zero.nuclearNorm());
        assertEquals(Matrix.zeros(4, 3), zero.polarFactor());
        Svd empty = GramSvd.decompose(Matrix.zeros(3, 0)).svd();
        assertEquals(0, empty.size());
        assertThrows(IllegalArgumentException.class, () -> GramSvd.decompose(Matrix.of(1, 2, 1, Double.NaN)));
        // NaN before a larger entry, infinities of either sign: the one pass that finds the scale must see them all.
        assertThrows(IllegalArgumentException.class, () -> GramSvd.decompose(Matrix.of(1, 3, Double.NaN, 5, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> GramSvd.decompose(Matrix.of(2, 2, 1, 2, Double.NEGATIVE_INFINITY, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> GramSvd.decompose(Matrix.of(2, 1, Double.POSITIVE_INFINITY, Double.NaN)));
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        // Large enough for every parallel path: blocked reduction, divide and conquer, multi-threaded products.
        SplittableRandom rng = new SplittableRandom(5);
        double[] sigma = new double[260];
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = i < 10 ? 10 + i : 1e-5 * (1 + rng.nextDouble());
        }
        Matrix w = RandomMatrices.withSingularValues(300, 520, geometric(260, 1e-1), rng);
        Matrix ill = RandomMatrices.withSingularValues(520, 300, sigma, rng);
        // And the default problem's size, on the QR route with its two parallel phases, cold and warm-started.
        Matrix trained = RandomMatrices.withSingularValues(100, 100, trainedSpectrum(100), rng);
        Matrix next = trained.plus(RandomMatrices.gaussian(100, 100, rng).scale(1e-4));
        Matrix q1 = GramSvd.decompose(w, null, Parallelism.serial()).svd().polarFactor();
        Svd s1 = GramSvd.decompose(ill, null, Parallelism.serial()).svd();
        GramSvd.Result t1 = GramSvd.decompose(trained, null, Parallelism.serial());
        Matrix warm1 = GramSvd.decompose(next, t1.basis(), Parallelism.serial()).svd().polarFactor();
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            for (Parallelism p : new Parallelism[] {Parallelism.commonPool(), Parallelism.using(executor, 4)}) {
                Svd s2 = GramSvd.decompose(ill, null, p).svd();
                assertEquals(q1, GramSvd.decompose(w, null, p).svd().polarFactor(), "polar factor, bit for bit, " + p);
                assertEquals(s1.u(), s2.u(), "U of the refined decomposition, bit for bit, " + p);
                assertEquals(s1.v(), s2.v(), "V of the refined decomposition, bit for bit, " + p);
                GramSvd.Result t2 = GramSvd.decompose(trained, null, p);
                assertEquals(t1.svd().polarFactor(), t2.svd().polarFactor(), "100x100 trained shape, " + p);
                assertEquals(t1.basis(), t2.basis(), "its warm start, " + p);
                assertEquals(warm1, GramSvd.decompose(next, t2.basis(), p).svd().polarFactor(), "warm-started, " + p);
            }
            // The scoped setting reaches the products and decompositions made without an explicit one.
            Matrix q3 = Parallelism.using(executor, 2).call(() -> GramSvd.decompose(w).svd().polarFactor());
            assertEquals(q1, q3, "polar factor under Parallelism.call, bit for bit");
        } finally {
            executor.shutdownNow();
        }
    }
}
