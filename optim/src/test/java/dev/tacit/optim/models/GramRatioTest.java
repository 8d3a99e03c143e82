package dev.tacit.optim.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.FiniteDifference;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.Penalty;
import dev.tacit.optim.testkit.BuiltIns;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ratio penalty from the Gram matrix against finite differences and against the dense penalty's SVD route. */
class GramRatioTest {

    static java.util.stream.LongStream seeds() {
        return java.util.stream.LongStream.range(0, 6);
    }

    /** A tall table with singular values spread over three orders of magnitude, as trained tables have. */
    private static Matrix table(SplittableRandom rng) {
        int n = 20 + rng.nextInt(40);
        int d = 2 + rng.nextInt(6);
        Matrix w = RandomMatrices.gaussian(n, d, rng);
        double[] spread = new double[d];
        for (int j = 0; j < d; j++) {
            spread[j] = Math.pow(10, -3.0 * j / Math.max(1, d - 1));
        }
        return w.scaleColumns(spread);
    }

    private static double value(Matrix w) {
        return GramRatio.of(w.gramOfColumns()).value();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void gradientMatchesFiniteDifferences(long seed) {
        Matrix w = table(new SplittableRandom(seed));
        GramRatio.Result r = GramRatio.of(w.gramOfColumns());
        Matrix numeric = FiniteDifference.gradient(GramRatioTest::value, w, 1e-6);
        Tolerance.FINITE_DIFFERENCE.assertClose(numeric, w.multiply(r.factor()), "∇R = W·M at seed " + seed);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void valueAndGradientAgreeWithTheDensePenalty(long seed) {
        Matrix w = table(new SplittableRandom(seed));
        GramRatio.Result r = GramRatio.of(w.gramOfColumns());
        Penalty dense = BuiltIns.penalty("ratio");
        Penalty.Value v = dense.evaluate(w, dense.start());
        Tolerance.LINEAR_ALGEBRA.assertClose(v.value(), r.value(), "R(W)");
        Tolerance.ROUNDING.assertClose(w.frobeniusNorm(), r.frobenius(), "‖W‖_F = sqrt(tr G)");
        Tolerance.LINEAR_ALGEBRA.assertClose(v.gradient(), w.multiply(r.factor()), "∇R");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aRankDeficientTableGetsTheMinimalNormSubgradient(long seed) {
        // W = A Bᵀ of rank 2 with d = 5. With B = Q R (Gram-Schmidt, by hand), W = C Qᵀ for the 30×2 matrix
        // C = A Rᵀ: W has C's singular values, and the minimal-norm subgradient of R at W is ∇R(C) Qᵀ, which the
        // dense penalty gives on the full-rank C. The Gram route must drop W's three null directions to match it.
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix a = RandomMatrices.gaussian(30, 2, rng);
        Matrix b = RandomMatrices.gaussian(5, 2, rng);
        double[] b1 = {b.get(0, 0), b.get(1, 0), b.get(2, 0), b.get(3, 0), b.get(4, 0)};
        double[] b2 = {b.get(0, 1), b.get(1, 1), b.get(2, 1), b.get(3, 1), b.get(4, 1)};
        double r11 = Math.sqrt(dot(b1, b1));
        double[] q1 = scale(b1, 1 / r11);
        double r12 = dot(q1, b2);
        double[] w2 = new double[5];
        for (int k = 0; k < 5; k++) {
            w2[k] = b2[k] - r12 * q1[k];
        }
        double r22 = Math.sqrt(dot(w2, w2));
        double[] q2 = scale(w2, 1 / r22);
        Matrix q = Matrix.generate(5, 2, (i, j) -> j == 0 ? q1[i] : q2[i]);
        Matrix c = a.multiplyTranspose(Matrix.of(2, 2, r11, r12, 0, r22));
        Matrix w = a.multiplyTranspose(b);

        Penalty dense = BuiltIns.penalty("ratio");
        Penalty.Value onC = dense.evaluate(c, dense.start());
        GramRatio.Result r = GramRatio.of(w.gramOfColumns());
        Tolerance.LINEAR_ALGEBRA.assertClose(onC.value(), r.value(), "R(W) = R(C)");
        Tolerance.LINEAR_ALGEBRA.assertClose(onC.gradient().multiplyTranspose(q), w.multiply(r.factor()),
                "∇R(W) = ∇R(C) Qᵀ");
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }

    private static double[] scale(double[] x, double f) {
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = x[k] * f;
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theZeroTableHasValueAndGradientZero(long seed) {
        int d = 1 + (int) seed;
        GramRatio.Result r = GramRatio.of(Matrix.zeros(d, d));
        assertEquals(0.0, r.value());
        assertEquals(Matrix.zeros(d, d), r.factor());
    }
}
