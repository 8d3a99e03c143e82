package dev.tacit.optim.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.GramSvd;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Svd;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.api.InvalidValueException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpectralStartTest {

    private static Matrix product(List<Matrix> factors) {
        Matrix w = factors.get(0);
        for (int k = 1; k < factors.size(); k++) {
            w = w.multiply(factors.get(k));
        }
        return w;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aFullyObservedMatrixOfTheStartsRankIsTheStartAtEveryDepth(int depth) {
        SplittableRandom rng = new SplittableRandom(11 + depth);
        Matrix m = RandomMatrices.lowRank(12, 9, 3, rng);
        // Each factor's random part is initScale^(1/N): 1e-36 keeps it at or below 1e-12 up to depth 3.
        LinearNetwork network = new LinearNetwork(12, 9, depth, 1e-36);
        List<Matrix> factors = new SpectralStart(3).initialParameters(network, ObservedEntries.of(m, rng, 1), rng);
        assertEquals(depth, factors.size());
        assertEquals("12x9", factors.get(0).shape());
        for (int k = 1; k < depth; k++) {
            assertEquals("9x9", factors.get(k).shape());
        }
        // Every entry observed: the scale fit is 1 and the rank-3 truncation is M itself, up to the random part.
        Matrix w = product(factors);
        assertTrue(w.isClose(m, 1e-9 * m.maxAbs(), 0), "start " + w + " against " + m);
    }

    @Test
    void theScaleIsTheLeastSquaresFitOnTheTrainingEntries() {
        SplittableRandom rng = new SplittableRandom(5);
        Matrix m = RandomMatrices.lowRank(30, 40, 4, rng);
        Entries train = ObservedEntries.of(m, rng, 0.3);
        List<Matrix> factors = new SpectralStart(4).initialParameters(new LinearNetwork(30, 40, 1, 1e-12), train,
                rng);
        double[] w = train.gather(factors.get(0));
        // At the least-squares scale α of W = α·E the derivative Σ_Ω e(αe − r) vanishes: Σ_Ω w(w − r) = 0.
        double derivative = 0;
        double size = 0;
        for (int k = 0; k < w.length; k++) {
            derivative += w[k] * (w[k] - train.value(k));
            size += w[k] * w[k];
        }
        assertTrue(size > 0, "the start is not zero");
        assertEquals(0, derivative / size, 1e-10);
        // ... and it beats the textbook 1/p scale, which over-shoots when entries are few.
        assertTrue(train.meanSquaredError(factors.get(0)) < train.meanSquaredError(unscaled(train, 4)));
    }

    /** The textbook estimate U_r diag(σ_r/p) V_rᵀ, for comparison. */
    private static Matrix unscaled(Entries train, int rank) {
        double p = (double) train.size() / (train.rows() * train.cols());
        Svd svd = GramSvd.decompose(train.toDense()).svd();
        double[] f = new double[svd.size()];
        for (int i = 0; i < rank; i++) {
            f[i] = svd.singularValue(i) / p;
        }
        return svd.compose(f);
    }

    @Test
    void theRandomStartIsAddedAndTheSameSeedGivesTheSameStart() {
        SplittableRandom data = new SplittableRandom(3);
        Matrix m = RandomMatrices.lowRank(8, 10, 2, data);
        Entries train = ObservedEntries.of(m, data, 0.6);
        LinearNetwork network = new LinearNetwork(8, 10, 2, 1e-2);
        List<Matrix> a = new SpectralStart(2).initialParameters(network, train, new SplittableRandom(9));
        List<Matrix> b = new SpectralStart(2).initialParameters(network, train, new SplittableRandom(9));
        List<Matrix> c = new SpectralStart(2).initialParameters(network, train, new SplittableRandom(10));
        assertEquals(a, b);
        assertTrue(!a.get(0).equals(c.get(0)) && !a.get(1).equals(c.get(1)), "the random part depends on the seed");
    }

    @Test
    void badRanksNameTheSetting() {
        InvalidValueException zero = assertThrows(InvalidValueException.class, () -> new SpectralStart(0));
        assertTrue(zero.getMessage().contains("init_rank"), zero.getMessage());
        Entries one = Entries.of(3, 4, new int[] {0}, new int[] {1}, new double[] {2.0});
        InvalidValueException big = assertThrows(InvalidValueException.class,
                () -> new SpectralStart(4).initialParameters(new LinearNetwork(3, 4, 1, 1e-3), one,
                        new SplittableRandom(1)));
        assertTrue(big.getMessage().contains("init_rank"), big.getMessage());
    }
}
