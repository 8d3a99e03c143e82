package dev.tacit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Spectra;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.InvalidValueException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SyntheticTest {

    static Stream<Long> seeds() {
        return RandomMatrices.seeds(8);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void truthHasTheRequestedRankAndScale(long seed) {
        Synthetic s = new Synthetic(40, 30, 3, 200, seed);
        Matrix truth = s.truth();
        // ‖W*‖_F = sqrt(m·n): entries of RMS 1 (= n for a square matrix).
        Tolerance.LINEAR_ALGEBRA.assertClose(Math.sqrt(40 * 30), truth.frobeniusNorm(), "‖W*‖_F");
        double[] sigma = Spectra.singularValues(truth);
        assertTrue(sigma[2] > 1e-3 * sigma[0], "three non-negligible singular values");
        assertTrue(sigma[3] < 1e-12 * sigma[0], "rank 3: σ_4 = " + sigma[3]);
    }

    @Test
    void squareTruthHasFrobeniusNormN() {
        Tolerance.LINEAR_ALGEBRA.assertClose(100, new Synthetic(100, 100, 5, 2000, 0).truth().frobeniusNorm(), "n");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void trainAndTestPartitionEveryEntry(long seed) {
        CompletionProblem p = new Synthetic(20, 25, 2, 137, seed).problem();
        assertEquals(137, p.train().size());
        assertEquals(20 * 25 - 137, p.test().size());
        assertEquals(0, p.validation().size());
        Set<Integer> seen = new HashSet<>();
        Matrix truth = p.truth().orElseThrow();
        for (Entries o : new Entries[] {p.train(), p.test()}) {
            for (int k = 0; k < o.size(); k++) {
                assertTrue(seen.add(o.row(k) * 25 + o.col(k)), "position observed twice");
                assertEquals(truth.get(o.row(k), o.col(k)), o.value(k));
            }
        }
        assertEquals(500, seen.size());
    }

    @Test
    void sameSeedSameProblemAndNestedSamples() {
        CompletionProblem a = new Synthetic(30, 30, 4, 300, 42).problem();
        CompletionProblem b = new Synthetic(30, 30, 4, 300, 42).problem();
        assertEquals(a.truth(), b.truth());
        assertArrayEquals(a.train().values(), b.train().values());
        CompletionProblem larger = new Synthetic(30, 30, 4, 500, 42).problem();
        assertEquals(a.truth(), larger.truth(), "the sample size does not change the matrix");
        for (int k = 0; k < a.train().size(); k++) {
            assertEquals(a.train().row(k), larger.train().row(k), "samples of one seed are nested");
            assertEquals(a.train().col(k), larger.train().col(k));
        }
        assertNotEquals(a.truth(), new Synthetic(30, 30, 4, 300, 43).problem().truth());
    }

    @Test
    void defaultTruthHasEffectiveRankNearFive() {
        // docs/method.md §6: the erank of such a W* is about 4.95.
        double erank = Spectra.effectiveRank(new Synthetic(100, 100, 5, 2000, 0).truth());
        assertTrue(erank > 4.5 && erank < 5.0, "erank " + erank);
    }

    @Test
    void invalidSettingsNameTheSetting() {
        assertEquals("rank", assertThrows(InvalidValueException.class,
                () -> new Synthetic(10, 10, 11, 50, 0)).setting());
        assertEquals("observed", assertThrows(InvalidValueException.class,
                () -> new Synthetic(10, 10, 2, 100, 0)).setting());
        assertEquals("size", assertThrows(InvalidValueException.class,
                () -> new Synthetic(0, 10, 1, 5, 0)).setting());
    }

    @Test
    void seedStreamsAreIndependentAndStable() {
        long a = Seeds.stream(7, Seeds.Purpose.TRUTH).nextLong();
        assertEquals(a, Seeds.stream(7, Seeds.Purpose.TRUTH).nextLong());
        assertNotEquals(a, Seeds.stream(7, Seeds.Purpose.SAMPLE).nextLong());
        assertNotEquals(Seeds.stream(7, Seeds.Purpose.SAMPLE).nextLong(), Seeds.stream(7, Seeds.Purpose.INIT).nextLong());
    }
}
