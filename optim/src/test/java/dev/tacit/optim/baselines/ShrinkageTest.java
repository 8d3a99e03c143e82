package dev.tacit.optim.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Spectra;
import dev.tacit.algebra.Svd;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Singular value thresholding through the Gram matrix agrees with the definition through the (Jacobi) SVD. */
class ShrinkageTest {

    static Stream<Arguments> shapes() {
        return RandomMatrices.seeds(4).flatMap(seed -> Stream.of(
                Arguments.of(30, 30, seed), Arguments.of(40, 25, seed), Arguments.of(25, 40, seed),
                Arguments.of(1, 12, seed)));
    }

    @ParameterizedTest(name = "{0}x{1} seed {2}")
    @MethodSource("shapes")
    void agreesWithTheDefinition(int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        // A clear low-rank part plus small noise, like an iterate of the nuclear-norm methods.
        Matrix a = RandomMatrices.lowRank(rows, cols, Math.min(3, Math.min(rows, cols)), rng)
                .plus(RandomMatrices.gaussian(rows, cols, rng).scale(0.05));
        Svd svd = Spectra.svd(a);
        for (double fraction : new double[] {0, 0.01, 0.2, 0.9, 1.5}) {
            double tau = fraction * svd.spectralNorm();
            double[] shrunk = svd.singularValues();
            int rank = 0;
            double nuclear = 0;
            for (int i = 0; i < shrunk.length; i++) {
                shrunk[i] = Math.max(0, shrunk[i] - tau);
                rank += shrunk[i] > 0 ? 1 : 0;
                nuclear += shrunk[i];
            }
            Shrinkage s = Shrinkage.of(a, tau);
            String what = rows + "x" + cols + " at tau = " + fraction + "·σ_1";
            Tolerance.LINEAR_ALGEBRA.assertClose(svd.compose(shrunk), s.matrix(), what);
            Tolerance.LINEAR_ALGEBRA.assertClose(nuclear, s.nuclearNorm(), what + ", nuclear norm");
            Tolerance.LINEAR_ALGEBRA.assertClose(svd.spectralNorm(), s.largest(), what + ", σ_1");
            if (fraction > 0) {
                assertEquals(rank, s.rank(), what + ", rank");
            }
        }
    }

    @ParameterizedTest(name = "entries of size {0}")
    @MethodSource("magnitudes")
    void worksAtAnyScale(double magnitude) {
        Matrix a = RandomMatrices.gaussian(20, 15, new SplittableRandom(3));
        Shrinkage unit = Shrinkage.of(a, 0.5);
        Shrinkage scaled = Shrinkage.of(a.scale(magnitude), 0.5 * magnitude);
        Tolerance.LINEAR_ALGEBRA.assertClose(unit.matrix().scale(magnitude), scaled.matrix(), "S_τ(cA) = c S_τ/c(A)");
        assertEquals(unit.rank(), scaled.rank());
    }

    static Stream<Double> magnitudes() {
        return Stream.of(1e-200, 1e-30, 1e30, 1e200);
    }
}
