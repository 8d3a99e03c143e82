package dev.tacit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Spectra;
import dev.tacit.algebra.Svd;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.Penalty;
import dev.tacit.optim.catalog.Catalog;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Schatten quasi-norms and their ratios: definitions, smoothing, bounds. Gradients: PenaltyGradientTest. */
class SchattenPenaltyTest {

    private static Penalty penalty(String name, String eps) {
        return Catalog.builtIn().penalty(name).orElseThrow().create(Map.of("eps", eps)).get();
    }

    private static double schatten(double[] sigma, double p, double eps) {
        double sum = 0;
        for (double s : sigma) {
            sum += Math.pow(s * s + eps * eps, p / 2);
        }
        return Math.pow(sum, 1 / p);
    }

    static Stream<Arguments> quasiNorms() {
        return Stream.of(Arguments.of("schatten-half", 0.5), Arguments.of("schatten-third", 1.0 / 3),
                Arguments.of("schatten-two-thirds", 2.0 / 3));
    }

    static Stream<Arguments> ratios() {
        return Stream.of(Arguments.of("schatten-half-over-two-thirds", 0.5, 2.0 / 3),
                Arguments.of("schatten-third-over-two-thirds", 1.0 / 3, 2.0 / 3),
                Arguments.of("schatten-third-over-half", 1.0 / 3, 0.5));
    }

    @Test
    void theStudysSixAreRegistered() {
        Set<String> names = Catalog.builtIn().penalties().stream().map(e -> e.provider().name())
                .collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("schatten-half", "schatten-third", "schatten-two-thirds",
                "schatten-half-over-two-thirds", "schatten-third-over-two-thirds", "schatten-third-over-half")),
                names.toString());
    }

    @ParameterizedTest
    @MethodSource("quasiNorms")
    void valueIsTheQuasiNormOfTheSingularValues(String name, double p) {
        Matrix w = RandomMatrices.gaussian(7, 5, new SplittableRandom(3));
        double[] sigma = Spectra.singularValues(w);
        Tolerance.LINEAR_ALGEBRA.assertClose(schatten(sigma, p, 0), penalty(name, "0").value(w), name + " exact");
        Tolerance.LINEAR_ALGEBRA.assertClose(schatten(sigma, p, 1e-6), penalty(name, "1e-6").value(w),
                name + " smoothed");
        // Homogeneous of degree 1 when exact.
        Tolerance.LINEAR_ALGEBRA.assertClose(3 * penalty(name, "0").value(w), penalty(name, "0").value(w.scale(3)),
                name + " is homogeneous");
    }

    @ParameterizedTest
    @MethodSource("ratios")
    void ratioIsScaleInvariantAndWithinItsBounds(String name, double p, double q) {
        Penalty exact = penalty(name, "0");
        for (long seed : RandomMatrices.seeds(5).toList()) {
            SplittableRandom rng = new SplittableRandom(seed);
            Matrix w = RandomMatrices.gaussian(9, 8, rng);
            double r = exact.value(w);
            double[] sigma = Spectra.singularValues(w);
            Tolerance.LINEAR_ALGEBRA.assertClose(schatten(sigma, p, 0) / schatten(sigma, q, 0), r, name);
            // S_p ≥ S_q for p < q, and S_p ≤ k^(1/p − 1/q)·S_q over k non-zero singular values (Hölder).
            assertTrue(r >= 1 && r <= Math.pow(8, 1 / p - 1 / q), name + " = " + r);
            Tolerance.LINEAR_ALGEBRA.assertClose(r, exact.value(w.scale(0.01)), name + " is scale invariant");
        }
        // Both bounds are attained: rank 1 gives 1, and r equal singular values give r^(1/p − 1/q). Diagonal matrices
        // have exactly zero singular values; a computed low-rank product would have rounding-level ones, which a
        // quasi-norm with p < 1 magnifies (σ^(1/3) of 1e-16 is 5e-6).
        Tolerance.LINEAR_ALGEBRA.assertClose(1, exact.value(Matrix.diagonal(6, 5, 3)), name + " at rank 1");
        Tolerance.LINEAR_ALGEBRA.assertClose(Math.pow(3, 1 / p - 1 / q), exact.value(Matrix.diagonal(6, 5, 2, 2, 2)),
                name + " at three equal singular values");
    }

    @ParameterizedTest
    @MethodSource("quasiNorms")
    void smoothingKeepsTheGradientFiniteAtARankDeficientMatrix(String name, double p) {
        // Rank 2 in 6×5: three singular values are zero (to rounding), where σ^(p−1) would be infinite. The smoothed
        // gradient is finite and equals U diag(S^(1−p)·σ(σ² + ε²)^(p/2 − 1)) Vᵀ, which is ~0 on the null directions.
        Matrix w = RandomMatrices.lowRank(6, 5, 2, new SplittableRandom(11));
        Penalty.Value v = penalty(name, "1e-6").evaluate(w, dev.tacit.api.State.EMPTY);
        assertTrue(v.gradient().isFinite(), name);
        Svd svd = Spectra.svd(w);
        double[] sigma = svd.singularValues();
        double s = schatten(sigma, p, 1e-6);
        double[] weights = new double[sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            weights[i] = Math.pow(s, 1 - p) * sigma[i] * Math.pow(sigma[i] * sigma[i] + 1e-12, p / 2 - 1);
        }
        Tolerance.LINEAR_ALGEBRA.assertClose(svd.compose(weights), v.gradient(), name + " gradient");
    }

    @Test
    void zeroMatrix() {
        for (String name : Set.of("schatten-half", "schatten-third-over-half")) {
            Penalty.Value exact = penalty(name, "0").evaluate(Matrix.zeros(3, 4), dev.tacit.api.State.EMPTY);
            assertEquals(0.0, exact.value(), name + ": 0 by convention when exact");
            assertEquals(Matrix.zeros(3, 4), exact.gradient(), name);
            Penalty.Value smoothed = penalty(name, "1e-6").evaluate(Matrix.zeros(3, 4), dev.tacit.api.State.EMPTY);
            assertEquals(Matrix.zeros(3, 4), smoothed.gradient(), name + ": every σ = 0 has derivative 0");
        }
        // Smoothed, S_1/2(0) = (3·ε^(1/2))² = 9ε: the smoothing's floor.
        Tolerance.ROUNDING.assertClose(9e-6, penalty("schatten-half", "1e-6").value(Matrix.zeros(3, 4)), "floor");
    }

    @Test
    void badEpsIsReported() {
        var r = Catalog.builtIn().penalty("schatten-half").orElseThrow().create(Map.of("eps", "-1"));
        assertTrue(r.isInvalid());
        assertTrue(r.getError().head().contains("eps must be in [0, 1]"), r.getError().toString());
    }
}
