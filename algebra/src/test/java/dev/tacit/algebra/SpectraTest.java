package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpectraTest {

    static Stream<Long> seeds() {
        return RandomMatrices.seeds(20);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void nuclearOverFrobeniusLiesBetweenOneAndSqrtRank(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rank = 1 + rng.nextInt(6);
        Matrix w = RandomMatrices.lowRank(10 + rng.nextInt(10), 10 + rng.nextInt(10), rank, rng);
        double ratio = Spectra.nuclearNorm(w) / w.frobeniusNorm();
        assertTrue(ratio >= 1 - 1e-12 && ratio <= Math.sqrt(rank) + 1e-12, "ratio " + ratio + " for rank " + rank);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void normsAgreeWithTheirDefinitions(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix w = RandomMatrices.gaussian(7, 11, rng);
        Svd svd = Spectra.svd(w);
        Tolerance.LINEAR_ALGEBRA.assertClose(w.frobeniusNorm(), svd.frobeniusNorm(), "‖W‖_F from σ");
        // ‖W‖_* = <W, U Vᵀ> and U Vᵀ has spectral norm 1 on the range of W.
        Tolerance.LINEAR_ALGEBRA.assertClose(Spectra.nuclearNorm(w), w.dot(Spectra.polarFactor(w)), "‖W‖_*");
        Tolerance.LINEAR_ALGEBRA.assertClose(1.0, Spectra.spectralNorm(Spectra.polarFactor(w)), "‖U Vᵀ‖_2");
        double maxStretch = 0;
        for (int t = 0; t < 5; t++) {
            Matrix x = RandomMatrices.gaussian(11, 1, rng);
            maxStretch = Math.max(maxStretch, w.multiply(x).frobeniusNorm() / x.frobeniusNorm());
        }
        assertTrue(maxStretch <= Spectra.spectralNorm(w) * (1 + 1e-12), "‖Wx‖/‖x‖ ≤ σ_max");
    }

    @Test
    void effectiveRankOfKnownSpectra() {
        // One non-zero value: p = 1, erank = exp(−ln(1 + 1e-10)) = 1/(1 + 1e-10).
        Tolerance.ROUNDING.assertClose(1 / (1 + 1e-10), Spectra.effectiveRank(new double[] {3, 0, 0}), "rank one");
        // Uniform spectrum of size 5: p = 0.2 each, erank = exp(−ln(0.2 + 1e-10)).
        Tolerance.ROUNDING.assertClose(1 / (0.2 + 1e-10), Spectra.effectiveRank(Matrix.identity(5)), "identity");
        assertEquals(0.0, Spectra.effectiveRank(Matrix.zeros(3, 3)));
        double e = Spectra.effectiveRank(new double[] {2, 1});
        double p = 2.0 / 3;
        Tolerance.ROUNDING.assertClose(Math.exp(-(p * Math.log(p + 1e-10) + (1 - p) * Math.log(1 - p + 1e-10))), e,
                "two values");
    }
}
