package dev.tacit.algebra.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tacit.algebra.Matrix;

/**
 * Named tolerance tiers for every numerical assertion in the test suites: |actual − expected| ≤ absolute + relative ·
 * |expected|. Tests pick a tier by what the computation can promise, never a literal of their own.
 *
 * @param name     what the tier is for, printed on failure
 * @param absolute absolute part
 * @param relative relative part
 */
public record Tolerance(String name, double absolute, double relative) {

    /** A handful of floating-point operations: the same formula evaluated two ways. */
    public static final Tolerance ROUNDING = new Tolerance("rounding", 1e-14, 1e-13);
    /** Backward-stable dense linear algebra on matrices up to a few hundred in size (products, decompositions). */
    public static final Tolerance LINEAR_ALGEBRA = new Tolerance("linear algebra", 1e-11, 1e-10);
    /** Central finite differences with a step near the cube root of machine epsilon. */
    public static final Tolerance FINITE_DIFFERENCE = new Tolerance("finite difference", 1e-7, 1e-5);

    /** Machine epsilon, 2⁻⁵². */
    public static final double EPS = 0x1.0p-52;

    /**
     * The stated accuracy of a fast polar factor U Vᵀ against a reference one, in the Frobenius norm:
     * 4·eps·‖W‖_F/σ_k + 2·k·θ. The first term is what any two backward stable methods may differ by (the polar
     * factor's condition number is 2/(σ_k + σ_{k−1})); the second is the per-level orthogonality θ of the Gram route
     * (dev.tacit.algebra.GramSvd.THETA = 1e-12) accumulated over k columns. Measured worst case over random,
     * graded, clustered and ill-conditioned matrices (σ from 1e2 down to 1e-8): 0.88 of the sum without the factors
     * 4 and 2.
     *
     * @param frobeniusNorm ‖W‖_F
     * @param sigmaMin      σ_k, the smallest singular value (positive)
     * @param k             min(m, n)
     * @param theta         the per-level orthogonality of the fast path
     * @return the largest allowed ‖Q_fast − Q_reference‖_F
     */
    public static double polarFactorBound(double frobeniusNorm, double sigmaMin, int k, double theta) {
        return 4 * EPS * frobeniusNorm / sigmaMin + 2 * k * theta;
    }

    /**
     * @param actual   computed value
     * @param expected reference value
     * @return whether they agree in this tier
     */
    public boolean accepts(double actual, double expected) {
        return Math.abs(actual - expected) <= absolute + relative * Math.abs(expected);
    }

    /**
     * Asserts two numbers agree in this tier.
     *
     * @param expected reference value
     * @param actual   computed value
     * @param what     what is compared, for the failure message
     */
    public void assertClose(double expected, double actual, String what) {
        if (!accepts(actual, expected)) {
            fail(what + ": expected " + expected + " but got " + actual + " (|diff| " + Math.abs(actual - expected)
                    + ", tier " + name + ")");
        }
    }

    /**
     * Asserts two matrices agree entry by entry in this tier, relative to the larger entry magnitude of the expected
     * matrix (the scale at which rounding happens in dense kernels).
     *
     * @param expected reference matrix
     * @param actual   computed matrix
     * @param what     what is compared, for the failure message
     */
    public void assertClose(Matrix expected, Matrix actual, String what) {
        if (!expected.sameShape(actual)) {
            fail(what + ": shape " + actual.shape() + " instead of " + expected.shape());
        }
        double scale = expected.maxAbs();
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                double e = expected.get(i, j);
                double a = actual.get(i, j);
                if (!(Math.abs(a - e) <= absolute + relative * scale)) {
                    fail(what + ": entry (" + i + ", " + j + ") expected " + e + " but got " + a + " (scale " + scale
                            + ", tier " + name + ")");
                }
            }
        }
    }
}
