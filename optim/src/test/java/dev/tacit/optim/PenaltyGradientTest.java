package dev.tacit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Spectra;
import dev.tacit.algebra.testkit.FiniteDifference;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.Penalty;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in penalty's analytic gradient against central finite differences, away from singular points. */
class PenaltyGradientTest {

    private static final double STEP = 1e-6;

    static Penalty penalty(String name) {
        return Catalog.builtIn().penalty(name).orElseThrow().create(Map.of()).get();
    }

    /** Every built-in penalty, so a new one cannot skip the check. */
    static Stream<Arguments> cases() {
        return Catalog.builtIn().penalties().stream().map(e -> e.provider().name()).flatMap(name ->
                RandomMatrices.seeds(6).map(seed -> Arguments.of(name, seed)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void analyticGradientMatchesFiniteDifferences(String name, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        // Gaussian matrices are full rank with distinct singular values almost surely: every penalty is smooth there.
        Matrix w = RandomMatrices.gaussian(3 + rng.nextInt(6), 3 + rng.nextInt(6), rng);
        Penalty p = penalty(name);
        Penalty.Value value = p.evaluate(w, p.start());
        Matrix numeric = FiniteDifference.gradient(p::value, w, STEP);
        Tolerance.FINITE_DIFFERENCE.assertClose(numeric, value.gradient(), name + " gradient at seed " + seed);
        Tolerance.ROUNDING.assertClose(p.value(w), value.value(), name + " value is deterministic");
    }

    @Test
    void valuesFollowTheirDefinitions() {
        SplittableRandom rng = new SplittableRandom(1);
        Matrix w = RandomMatrices.gaussian(7, 5, rng);
        double nuclear = Spectra.nuclearNorm(w);
        Tolerance.LINEAR_ALGEBRA.assertClose(nuclear / w.frobeniusNorm(), penalty("ratio").value(w), "ratio");
        Tolerance.LINEAR_ALGEBRA.assertClose(nuclear, penalty("nuclear").value(w), "nuclear");
        Tolerance.ROUNDING.assertClose(w.sumOfSquares(), penalty("frobenius").value(w), "squared Frobenius");
        assertEquals(0.0, penalty("none").value(w));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void ratioIsScaleInvariantAndBoundedBySqrtRank(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rank = 1 + rng.nextInt(5);
        Matrix w = RandomMatrices.lowRank(12, 9, rank, rng);
        Penalty ratio = penalty("ratio");
        double r = ratio.value(w);
        assertTrue(r >= 1 - 1e-12 && r <= Math.sqrt(rank) + 1e-12, "ratio " + r + " for rank " + rank);
        Tolerance.LINEAR_ALGEBRA.assertClose(r, ratio.value(w.scale(37.5)), "scale invariance");
        // Scale invariance makes the gradient orthogonal to W itself: <∇R, W> = 0.
        Matrix g = ratio.evaluate(w, ratio.start()).gradient();
        Tolerance.LINEAR_ALGEBRA.assertClose(0, g.dot(w) / (g.frobeniusNorm() * w.frobeniusNorm()), "<∇R, W>");
    }

    static Stream<Long> seeds() {
        return RandomMatrices.seeds(10);
    }

    @Test
    void ratioAtZeroIsZeroWithZeroGradient() {
        Penalty ratio = penalty("ratio");
        Penalty.Value v = ratio.evaluate(Matrix.zeros(3, 4), ratio.start());
        assertEquals(0.0, v.value());
        assertEquals(Matrix.zeros(3, 4), v.gradient());
    }
}
