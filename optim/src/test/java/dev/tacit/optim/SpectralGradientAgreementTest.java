package dev.tacit.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.GramSvd;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.ReferenceSvd;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.Penalty;
import dev.tacit.optim.catalog.Catalog;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spectral penalties' fast gradients (Gram route, {@link GramSvd}) against the same formulas evaluated from a
 * straightforward SVD (cold one-sided Jacobi, {@link ReferenceSvd}), on random and ill-conditioned matrices.
 *
 * <p>Stated tolerance: the polar factor within Q_bound = 4·eps·‖W‖_F/σ_k + 2·k·θ in the Frobenius norm
 * ({@link Tolerance#polarFactorBound}), so ∇‖W‖_* = U Vᵀ within Q_bound and the ratio's gradient
 * U Vᵀ/‖W‖_F − ‖W‖_*·W/‖W‖_F³ within Q_bound/‖W‖_F + 8·k·eps·σ_1/‖W‖_F² (the second term for the nuclear norm's
 * absolute error k·eps·σ_1 in the second summand). Values within the linear-algebra tier.
 */
class SpectralGradientAgreementTest {

    static Penalty penalty(String name) {
        return Catalog.builtIn().penalty(name).orElseThrow().create(Map.of()).get();
    }

    static Stream<Arguments> matrices() {
        return Stream.of(
                Arguments.of("gaussian 40x25", 40, 25, 0.0),
                Arguments.of("gaussian 30x70", 30, 70, 0.0),
                Arguments.of("sigma 1e2..1e-8, 60x60", 60, 60, 1e-8),
                Arguments.of("sigma 1e2..1e-8, 90x50", 90, 50, 1e-8),
                Arguments.of("sigma 1e2..1e-8, 45x100", 45, 100, 1e-8),
                Arguments.of("sigma 1e2..1e-4, 100x100", 100, 100, 1e-4),
                Arguments.of("trained shape 100x100", 100, 100, -1.0),
                Arguments.of("graded columns 70x50", 70, 50, -2.0));
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("matrices")
    void fastGradientsAgreeWithAStraightforwardSvd(String name, int m, int n, double smallest) {
        SplittableRandom rng = new SplittableRandom(name.hashCode());
        Matrix w = RandomMatrices.family(m, n, smallest, rng);
        int k = Math.min(m, n);
        ReferenceSvd reference = ReferenceSvd.of(w);
        double[] sigma = reference.singularValues();
        double nuclear = 0;
        for (double s : sigma) {
            nuclear += s;
        }
        double fro = w.frobeniusNorm();
        Matrix q = reference.polarFactor();
        double qBound = Tolerance.polarFactorBound(fro, sigma[k - 1], k, GramSvd.THETA);

        Penalty.Value nuc = penalty("nuclear").evaluate(w, penalty("nuclear").start());
        double nucError = nuc.gradient().minus(q).frobeniusNorm();
        assertTrue(nucError <= qBound, name + ": ∇‖W‖_* off by " + nucError + ", stated bound " + qBound);
        Tolerance.LINEAR_ALGEBRA.assertClose(nuclear, nuc.value(), name + ": ‖W‖_*");

        Matrix ratioReference = q.combine(1 / fro, -nuclear / (fro * fro * fro), w);
        Penalty.Value ratio = penalty("ratio").evaluate(w, penalty("ratio").start());
        double ratioBound = qBound / fro + 8 * k * Tolerance.EPS * sigma[0] / (fro * fro);
        double ratioError = ratio.gradient().minus(ratioReference).frobeniusNorm();
        assertTrue(ratioError <= ratioBound, name + ": ∇R off by " + ratioError + ", stated bound " + ratioBound);
        Tolerance.LINEAR_ALGEBRA.assertClose(nuclear / fro, ratio.value(), name + ": R(W)");
    }
}
