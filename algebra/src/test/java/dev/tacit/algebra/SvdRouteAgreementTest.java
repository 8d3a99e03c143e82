package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.ReferenceSvd;
import dev.tacit.algebra.testkit.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three built-in routes agree: on seeded random, ill-conditioned, graded and trained-shape matrices each route's
 * singular values are within the linear-algebra tier of the reference's (relative to σ_max, the absolute accuracy of a
 * backward stable method) and its polar factor within the stated bound 4·eps·‖W‖_F/σ_k + 2·k·θ
 * ({@link Tolerance#polarFactorBound}) of the reference's, so any two routes agree within twice that. The judge is
 * {@link ReferenceSvd}, a cold one-sided Jacobi in plain loops that shares no code with the routes.
 */
class SvdRouteAgreementTest {

    static Stream<Arguments> matrices() {
        List<Arguments> cases = new ArrayList<>();
        for (SvdRoute route : SvdRoute.values()) {
            cases.add(Arguments.of(route, "gaussian 40x25", 40, 25, 0.0));
            cases.add(Arguments.of(route, "gaussian 30x70", 30, 70, 0.0));
            cases.add(Arguments.of(route, "sigma 1e2..1e-8, 60x60", 60, 60, 1e-8));
            cases.add(Arguments.of(route, "sigma 1e2..1e-8, 45x100", 45, 100, 1e-8));
            cases.add(Arguments.of(route, "sigma 1e2..1e-6, 90x50", 90, 50, 1e-6));
            cases.add(Arguments.of(route, "trained shape 100x100", 100, 100, -1.0));
            cases.add(Arguments.of(route, "graded columns 70x50", 70, 50, -2.0));
        }
        return cases.stream();
    }


    private static void assertAgrees(SvdRoute route, String name, Matrix w, Svd svd, ReferenceSvd reference) {
        int k = Math.min(w.rows(), w.cols());
        double[] refSigma = reference.singularValues();
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.of(1, k, refSigma), Matrix.of(1, k, svd.singularValues()),
                route + ", " + name + ": σ");
        double bound = Tolerance.polarFactorBound(w.frobeniusNorm(), refSigma[k - 1], k, GramSvd.THETA);
        double error = svd.polarFactor().minus(reference.polarFactor()).frobeniusNorm();
        assertTrue(error <= bound, route + ", " + name + ": ‖Q − Q_ref‖_F = " + error + " above the stated " + bound);
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.identity(k), svd.u().transposeMultiply(svd.u()), route + ": UᵀU");
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.identity(k), svd.v().transposeMultiply(svd.v()), route + ": VᵀV");
        Tolerance.LINEAR_ALGEBRA.assertClose(w, svd.reconstruct(), route + ", " + name + ": U Σ Vᵀ");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matrices")
    void everyRouteAgreesWithTheReference(SvdRoute route, String name, int m, int n, double smallest) {
        Matrix w = RandomMatrices.family(m, n, smallest, new SplittableRandom(name.hashCode()));
        SvdDecomposer.Result r = route.decomposer(Parallelism.serial()).decompose(w);
        assertAgrees(route, name, w, r.svd(), ReferenceSvd.of(w));
        assertEquals(Math.min(m, n), r.warmStart().rows(), "a warm start has k rows");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aWarmStartFromThePreviousStepKeepsTheAgreement(SvdRoute route) {
        SplittableRandom rng = new SplittableRandom(77);
        Matrix w0 = RandomMatrices.family(100, 100, -1, rng);
        // The next training step: a perturbation of the size an Adam step makes.
        Matrix w1 = w0.plus(RandomMatrices.gaussian(100, 100, rng).scale(1e-4));
        SvdDecomposer d = route.decomposer();
        SvdDecomposer.Result first = d.decompose(w0);
        assertEquals(route == SvdRoute.GRAM ? 5 : 0, first.warmStart().cols(), "what the route offers");
        assertAgrees(route, "warm-started", w1, d.decompose(w1, first.warmStart()).svd(), ReferenceSvd.of(w1));
        // Another route's or another shape's warm start is ignored, not an error.
        Matrix foreign = RandomMatrices.orthonormalColumns(100, 7, rng);
        assertAgrees(route, "foreign warm start", w1, d.decompose(w1, foreign).svd(), ReferenceSvd.of(w1));
        assertAgrees(route, "misfit warm start", w1, d.decompose(w1, Matrix.zeros(60, 3)).svd(),
                ReferenceSvd.of(w1));
    }

    static Stream<SvdRoute> routes() {
        return Stream.of(SvdRoute.values());
    }

    @Test
    void routesByTheirLowercaseNames() {
        for (SvdRoute r : SvdRoute.values()) {
            assertEquals(r, SvdRoute.of(r.id()));
            assertEquals(r, SvdRoute.of(r.id().toUpperCase(java.util.Locale.ROOT)));
            assertEquals(r.id(), r.toString());
        }
        assertEquals(List.of("gram", "jacobi", "hipparchus"), Stream.of(SvdRoute.values()).map(SvdRoute::id).toList());
        assertEquals(SvdRoute.GRAM, SvdRoute.standard());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SvdRoute.of("lapack"));
        assertTrue(e.getMessage().contains("gram, jacobi, hipparchus"), e.getMessage());
        for (SvdRoute r : SvdRoute.values()) {
            assertThrows(IllegalArgumentException.class,
                    () -> r.decomposer().decompose(Matrix.of(1, 2, 1, Double.NaN)));
            SvdDecomposer.Result empty = r.decomposer().decompose(Matrix.zeros(3, 0));
            assertEquals(0, empty.svd().size());
        }
    }
}
