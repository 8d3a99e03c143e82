package dev.tacit.optim.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.FiniteDifference;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Penalty;
import dev.tacit.api.State;
import dev.tacit.optim.testkit.BuiltIns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LinearNetworkTest {

    static Stream<Arguments> networks() {
        return Stream.of(Arguments.of(1, 6, 5, 0L), Arguments.of(2, 6, 5, 1L), Arguments.of(3, 4, 7, 2L),
                Arguments.of(4, 5, 5, 3L), Arguments.of(3, 7, 3, 4L));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void factorGradientsMatchFiniteDifferences(int depth, int m, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        LinearNetwork net = new LinearNetwork(m, n, depth, 1.0);
        List<Matrix> factors = net.initialParameters(rng);
        Entries obs = ObservedEntries.of(RandomMatrices.gaussian(m, n, rng), rng, 0.5);
        Penalty ratio = BuiltIns.penalty("ratio");
        LinearNetworkObjective objective = new LinearNetworkObjective(net, obs, ratio, 0.3);
        List<Matrix> analytic = objective.evaluate(factors, objective.start()).evaluation().gradients();
        for (int k = 0; k < depth; k++) {
            int index = k;
            Matrix numeric = FiniteDifference.gradient(a -> {
                List<Matrix> changed = new ArrayList<>(factors);
                changed.set(index, a);
                return objective.evaluate(changed, objective.start()).evaluation().loss();
            }, factors.get(k), 1e-6);
            Tolerance.FINITE_DIFFERENCE.assertClose(numeric, analytic.get(k), "∂L/∂A_" + (k + 1) + " at depth " + depth);
        }
    }

    @Test
    void endToEndIsTheProductOfTheFactors() {
        SplittableRandom rng = new SplittableRandom(5);
        LinearNetwork net = new LinearNetwork(4, 3, 3, 1.0);
        List<Matrix> f = net.initialParameters(rng);
        assertEquals(4, f.get(0).rows());
        assertEquals(3, f.get(0).cols());
        assertEquals(3, f.get(2).rows());
        Tolerance.LINEAR_ALGEBRA.assertClose(f.get(0).multiply(f.get(1)).multiply(f.get(2)), net.predict(f), "W");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void initialisationScalesTheEndToEndMatrix(long seed) {
        // ‖W‖_F ≈ initScale·sqrt(n) at every depth (docs/method.md §2); over 10^4 entries the spread is a few percent.
        for (int depth = 1; depth <= 4; depth++) {
            LinearNetwork net = new LinearNetwork(100, 100, depth, 1e-3);
            double norm = net.predict(net.initialParameters(new SplittableRandom(seed + depth))).frobeniusNorm();
            double expected = 1e-3 * Math.sqrt(100);
            assertTrue(Math.abs(norm / expected - 1) < 0.25, "depth " + depth + ": ‖W‖_F " + norm + " vs " + expected);
        }
    }

    static Stream<Long> seeds() {
        return RandomMatrices.seeds(3);
    }

    @Test
    void invalidSettingsAreNamed() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> new LinearNetwork(5, 5, 0, 1e-3));
        assertEquals("depth", e.setting());
        assertEquals("init_scale",
                assertThrows(InvalidValueException.class, () -> new LinearNetwork(5, 5, 1, -1)).setting());
        Entries obs = Entries.of(5, 5, new int[] {0}, new int[] {0}, new double[] {1});
        assertEquals("lambda", assertThrows(InvalidValueException.class, () -> new LinearNetworkObjective(
                new LinearNetwork(5, 5, 1, 1e-3), obs, BuiltIns.penalty("none"), -1)).setting());
    }

    @Test
    void lambdaZeroSkipsThePenalty() {
        Entries obs = Entries.of(2, 2, new int[] {0}, new int[] {1}, new double[] {3});
        LinearNetwork net = new LinearNetwork(2, 2, 1, 1.0);
        Penalty exploding = new Penalty() {
            @Override
            public Value evaluate(Matrix w, dev.tacit.api.State state) {
                throw new AssertionError("the penalty must not be evaluated at lambda 0");
            }
        };
        var out = new LinearNetworkObjective(net, obs, exploding, 0).evaluate(List.of(Matrix.zeros(2, 2)),
                dev.tacit.api.State.EMPTY);
        assertEquals(9.0, out.evaluation().dataLoss());
        assertEquals(Matrix.of(2, 2, 0, -6, 0, 0), out.evaluation().gradients().get(0));
    }

    @Test
    void gradientOfTheMeanSquaredErrorMatchesFiniteDifferences() {
        Entries obs = Entries.of(2, 3, new int[] {0, 1, 0}, new int[] {2, 0, 0}, new double[] {1.5, -2, 4});
        Matrix w = Matrix.of(2, 3, 0.3, -0.7, 1.1, 2.0, 0.5, -1.5);
        LinearNetworkObjective data = new LinearNetworkObjective(new LinearNetwork(2, 3, 1, 1e-3), obs,
                BuiltIns.penalty("none"), 0);
        Tolerance.FINITE_DIFFERENCE.assertClose(FiniteDifference.gradient(obs::meanSquaredError, w, 1e-6),
                data.evaluate(List.of(w), State.EMPTY).evaluation().gradients().get(0), "∇MSE");
    }
}
