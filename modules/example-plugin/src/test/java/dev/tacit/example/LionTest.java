package dev.tacit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.Evaluation;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Objective;
import dev.tacit.api.Optimizer;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.State;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LionTest {

    @BeforeAll
    static void declareUse() {
        // The plugin module provides the service but does not use it; the test, patched into it, loads it.
        LionTest.class.getModule().addUses(OptimizerProvider.class);
    }

    private static Optimizer lion(Map<String, String> settings) {
        return new Lion.Provider().create(settings).get();
    }

    private static Optimizer.Step step(Optimizer opt, List<Matrix> params, Matrix gradient, State state) {
        Objective unused = p -> {
            throw new AssertionError("Lion is element-wise and never evaluates the objective");
        };
        return opt.step(new Optimizer.Input(params, new Evaluation(0, 0, List.of(gradient)), unused,
                opt.learningRate()), state);
    }

    @Test
    void isFoundThroughServiceLoader() {
        var names = ServiceLoader.load(OptimizerProvider.class).stream().map(p -> p.get().name()).toList();
        assertTrue(names.contains("lion"), names.toString());
    }

    @Test
    void firstTwoStepsMatchTheHandDerivedValues() {
        // lr 0.1, β1 0.9, β2 0.99, weight_decay 0.5 (decay factor 1 − 0.05 = 0.95), θ0 = (1, −2).
        // t = 1, g = (0.5, −1): c = 0.1·g = (0.05, −0.1), sign (1, −1); θ = 0.95·θ0 − 0.1·(1, −1) = (0.85, −1.8);
        //        m = 0.01·g = (0.005, −0.01).
        // t = 2, g = (−1, 0.01): c = 0.9·m + 0.1·g = (−0.0955, −0.008), sign (−1, −1), although g_2 > 0;
        //        θ = 0.95·(0.85, −1.8) + 0.1 = (0.9075, −1.61); m = 0.99·m + 0.01·g = (−0.00505, −0.0098).
        Optimizer opt = lion(Map.of("lr", "0.1", "weight_decay", "0.5"));
        List<Matrix> theta = List.of(Matrix.of(1, 2, 1, -2));
        Optimizer.Step s1 = step(opt, theta, Matrix.of(1, 2, 0.5, -1), opt.start(theta));
        Tolerance.ROUNDING.assertClose(Matrix.of(1, 2, 0.85, -1.8), s1.params().get(0), "θ after step 1");
        Tolerance.ROUNDING.assertClose(Matrix.of(1, 2, 0.005, -0.01), s1.state().tensors("m").get(0), "m after 1");
        Optimizer.Step s2 = step(opt, s1.params(), Matrix.of(1, 2, -1, 0.01), s1.state());
        Tolerance.ROUNDING.assertClose(Matrix.of(1, 2, 0.9075, -1.61), s2.params().get(0), "θ after step 2");
        Tolerance.ROUNDING.assertClose(Matrix.of(1, 2, -0.00505, -0.0098), s2.state().tensors("m").get(0),
                "m after 2");
        assertEquals(2, s2.state().step());
    }

    @Test
    void signOfZeroIsZero() {
        Optimizer opt = lion(Map.of("lr", "0.1"));
        List<Matrix> theta = List.of(Matrix.of(1, 1, 3));
        assertEquals(Matrix.of(1, 1, 3), step(opt, theta, Matrix.zeros(1, 1), opt.start(theta)).params().get(0));
    }

    @Test
    void decreasesAConvexQuadratic() {
        // f = ½ Σ a_i (θ_i − c_i)²: Lion moves every entry by lr per step; its slow momentum (β2 0.99) overshoots each
        // target and turns back only once m changes sign, so the farthest entry (c = −3, 300 steps away) needs about
        // 800 steps to settle.
        Matrix a = Matrix.of(2, 3, 1, 2, 4, 6, 8, 10);
        Matrix c = Matrix.of(2, 3, 1, -1, 2, 0.5, -3, 0);
        Objective f = params -> {
            Matrix d = params.get(0).minus(c);
            return new Evaluation(0.5 * d.hadamard(d).dot(a), 0, List.of(d.hadamard(a)));
        };
        Optimizer opt = lion(Map.of("lr", "0.01"));
        List<Matrix> params = List.of(Matrix.zeros(2, 3));
        double start = f.evaluate(params).loss();
        State state = opt.start(params);
        for (int t = 0; t < 1000; t++) {
            Optimizer.Step s = opt.step(new Optimizer.Input(params, f.evaluate(params), f, opt.learningRate()), state);
            params = s.params();
            state = s.state();
        }
        double end = f.evaluate(params).loss();
        assertTrue(end < 1e-3 * start, "f went from " + start + " to " + end);
    }

    @Test
    void everyBadSettingIsReportedAtOnceAndRecordsValidateThemselves() {
        var result = new Lion.Provider().create(Map.of("lr", "-1", "beta1", "2", "momentum", "0.9"));
        assertTrue(result.isInvalid());
        assertEquals(3, result.getError().size(), result.getError().toString());
        assertEquals("beta2", assertThrows(InvalidValueException.class, () -> new Lion(1e-4, 0.9, 1.5, 0))
                .setting());
    }
}
