package dev.tacit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Spectra;
import dev.tacit.algebra.testkit.FiniteDifference;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.Penalty;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.testkit.BuiltIns;
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
        Penalty p = BuiltIns.penalty(name);
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
        Tolerance.LINEAR_ALGEBRA.assertClose(nuclear / w.frobeniusNorm(), BuiltIns.penalty("ratio").value(w), "ratio");
        Tolerance.LINEAR_ALGEBRA.assertClose(nuclear, BuiltIns.penalty("nuclear").value(w), "nuclear");
        Tolerance.ROUNDING.assertClose(w.sumOfSquares(), BuiltIns.penalty("frobenius").value(w), "squared Frobenius");
        assertEquals(0.0, BuiltIns.penalty("none").value(w));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void ratioIsScaleInvariantAndBoundedBySqrtRank(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rank = 1 + rng.nextInt(5);
        Matrix w = RandomMatrices.lowRank(12, 9, rank, rng);
        Penalty ratio = BuiltIns.penalty("ratio");
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
    void spectralPenaltiesCarryAWarmStartThatChangesNothingButTheWork() {
        SplittableRandom rng = new SplittableRandom(77);
        double[] sigma = new double[60];
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = i < 4 ? 30 - 5 * i : 1e-3 * Math.pow(1e-2, (i - 4) / 55.0);
        }
        Matrix w0 = RandomMatrices.withSingularValues(60, 60, sigma, rng);
        Matrix w1 = w0.plus(RandomMatrices.gaussian(60, 60, rng).scale(1e-5));
        for (String name : new String[] {"ratio", "nuclear"}) {
            Penalty p = BuiltIns.penalty(name);
            Penalty.Value first = p.evaluate(w0, p.start());
            assertTrue(first.state().has("basis"), name + " keeps its warm-start basis in the state");
            Penalty.Value warm = p.evaluate(w1, first.state());
            Penalty.Value cold = p.evaluate(w1, p.start());
            // Same state, same bits: a resumed run repeats the uninterrupted one exactly.
            assertEquals(warm.gradient(), p.evaluate(w1, first.state()).gradient(), name + " is deterministic");
            Tolerance.LINEAR_ALGEBRA.assertClose(cold.value(), warm.value(), name + " value, warm against cold");
            double bound = Tolerance.polarFactorBound(w1.frobeniusNorm(), 1e-5, 60, dev.tacit.algebra.GramSvd.THETA);
            double scale = name.equals("ratio") ? w1.frobeniusNorm() : 1;
            double diff = warm.gradient().minus(cold.gradient()).frobeniusNorm() * scale;
            assertTrue(diff <= 2 * bound, name + " gradient, warm against cold: " + diff);
        }
    }

    @Test
    void ratioAtZeroIsZeroWithZeroGradient() {
        Penalty ratio = BuiltIns.penalty("ratio");
        Penalty.Value v = ratio.evaluate(Matrix.zeros(3, 4), ratio.start());
        assertEquals(0.0, v.value());
        assertEquals(Matrix.zeros(3, 4), v.gradient());
    }
}
