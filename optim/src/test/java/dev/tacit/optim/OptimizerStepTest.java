package dev.tacit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.Evaluation;
import dev.tacit.api.Objective;
import dev.tacit.api.Optimizer;
import dev.tacit.api.State;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.testkit.BuiltIns;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Optimizers against steps derived by hand from their update rules, and on a convex quadratic. */
class OptimizerStepTest {

    /** The objective handed to element-wise optimizers, which must never consult it. */
    private static final Objective NOT_EVALUATED = p -> {
        throw new AssertionError("an element-wise optimizer must not evaluate the objective");
    };

    /** One step on a single parameter with a given gradient; the objective is never consulted. */
    static Optimizer.Step step(Optimizer opt, Matrix param, Matrix grad, State state, double lr) {
        return opt.step(new Optimizer.Input(List.of(param), new Evaluation(0, 0, List.of(grad)), NOT_EVALUATED, lr),
                state);
    }

    @Test
    void gradientDescentStepsAgainstTheGradient() {
        Optimizer gd = BuiltIns.optimizer("gd", Map.of("lr", "0.1"));
        Matrix theta = Matrix.of(1, 2, 1, -2);
        Optimizer.Step s = step(gd, theta, Matrix.of(1, 2, 0.5, 4), gd.start(List.of(theta)), gd.learningRate());
        // θ − 0.1·g = (1 − 0.05, −2 − 0.4)
        Tolerance.ROUNDING.assertClose(Matrix.of(1, 2, 0.95, -2.4), s.params().get(0), "GD step");
        assertEquals(1, s.state().step());
    }

    @Test
    void adamFirstTwoStepsMatchTheHandDerivedValues() {
        Optimizer adam = BuiltIns.optimizer("adam", Map.of("lr", "0.1"));
        Matrix theta = Matrix.of(1, 1, 1.0);
        State state = adam.start(List.of(theta));
        // t = 1, g = 0.5: m = 0.05, v = 0.00025, m̂ = 0.5, sqrt(v)/sqrt(1 − 0.999) = 0.5,
        // θ = 1 − (0.1/0.1)·0.05/(0.5 + 1e-8) = 0.90000000199999996...
        Optimizer.Step s1 = step(adam, theta, Matrix.of(1, 1, 0.5), state, 0.1);
        Tolerance.ROUNDING.assertClose(0.05, s1.state().tensors("m").get(0).get(0, 0), "m after step 1");
        Tolerance.ROUNDING.assertClose(0.00025, s1.state().tensors("v").get(0).get(0, 0), "v after step 1");
        Tolerance.ROUNDING.assertClose(0.90000000199999996, s1.params().get(0).get(0, 0), "θ after step 1");
        // t = 2, g = −1: m = 0.045 − 0.1 = −0.055, v = 0.00024975 + 0.001 = 0.00124975,
        // θ = θ₁ − (0.1/0.19)·(−0.055)/(sqrt(0.00124975)/sqrt(0.001999) + 1e-8) = 0.93661035424056560...
        Optimizer.Step s2 = step(adam, s1.params().get(0), Matrix.of(1, 1, -1.0), s1.state(), 0.1);
        Tolerance.ROUNDING.assertClose(-0.055, s2.state().tensors("m").get(0).get(0, 0), "m after step 2");
        Tolerance.ROUNDING.assertClose(0.00124975, s2.state().tensors("v").get(0).get(0, 0), "v after step 2");
        Tolerance.ROUNDING.assertClose(0.93661035424056560, s2.params().get(0).get(0, 0), "θ after step 2");
        assertEquals(2, s2.state().step());
    }

    /**
     * Adam's update runs as one loop over whole matrices, which the JIT turns into vector instructions: on two
     * parameters of odd sizes (so vector bodies and scalar tails are both exercised), over three steps with weight
     * decay, every entry of θ, m and v equals the documented per-element rule evaluated one entry at a time.
     */
    @Test
    void adamOnWholeMatricesEqualsThePerElementRuleExactly() {
        double lr = 0.01;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 1e-8;
        double decay = 0.05;
        Optimizer adam = BuiltIns.optimizer("adam", Map.of("lr", "0.01", "weight_decay", "0.05"));
        SplittableRandom rng = new SplittableRandom(11);
        List<Matrix> params = List.of(Matrix.generate(37, 53, (i, j) -> rng.nextGaussian()),
                Matrix.generate(1, 7, (i, j) -> rng.nextGaussian()));
        State state = adam.start(params);
        double[][] theta = {params.get(0).toArray(), params.get(1).toArray()};
        double[][] m = {new double[37 * 53], new double[7]};
        double[][] v = {new double[37 * 53], new double[7]};
        for (int t = 1; t <= 3; t++) {
            List<Matrix> grads = List.of(Matrix.generate(37, 53, (i, j) -> rng.nextGaussian()),
                    Matrix.generate(1, 7, (i, j) -> rng.nextGaussian()));
            Optimizer.Step s = adam.step(new Optimizer.Input(params, new Evaluation(0, 0, grads), NOT_EVALUATED, lr),
                    state);
            double stepSize = lr / (1 - Math.pow(beta1, t));
            double sqrtBias2 = Math.sqrt(1 - Math.pow(beta2, t));
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < theta[k].length; i++) {
                    double g = grads.get(k).at(i) + decay * theta[k][i];
                    m[k][i] = beta1 * m[k][i] + (1 - beta1) * g;
                    v[k][i] = beta2 * v[k][i] + (1 - beta2) * g * g;
                    theta[k][i] = theta[k][i] - stepSize * m[k][i] / (Math.sqrt(v[k][i]) / sqrtBias2 + eps);
                }
                assertEquals(Matrix.of(params.get(k).rows(), params.get(k).cols(), theta[k]), s.params().get(k),
                        "θ of parameter " + k + " after step " + t);
                assertEquals(Matrix.of(params.get(k).rows(), params.get(k).cols(), m[k]),
                        s.state().tensors("m").get(k), "m of parameter " + k + " after step " + t);
                assertEquals(Matrix.of(params.get(k).rows(), params.get(k).cols(), v[k]),
                        s.state().tensors("v").get(k), "v of parameter " + k + " after step " + t);
            }
            params = s.params();
            state = s.state();
        }
    }

    @Test
    void adamWeightDecayIsAddedToTheGradient() {
        Optimizer adam = BuiltIns.optimizer("adam", Map.of("lr", "0.1", "weight_decay", "0.1"));
        Matrix theta = Matrix.of(1, 1, 1.0);
        // g' = 0.5 + 0.1·1 = 0.6; the first Adam step is then lr·m̂/(sqrt(v̂) + eps) = 0.1·0.6/(0.6 + 1e-8).
        Optimizer.Step s = step(adam, theta, Matrix.of(1, 1, 0.5), adam.start(List.of(theta)), 0.1);
        Tolerance.ROUNDING.assertClose(0.90000000166666664, s.params().get(0).get(0, 0), "θ with weight decay");
    }

    static Stream<Arguments> optimizersOnAQuadratic() {
        return Stream.of(Arguments.of("gd", "0.05"), Arguments.of("adam", "0.05"));
    }

    /**
     * f(θ) = ½ Σ a_i (θ_i − c_i)² with curvatures 1..10: every optimizer, at a learning rate suited to it, must bring
     * f far below its starting value.
     */
    @ParameterizedTest
    @MethodSource("optimizersOnAQuadratic")
    void decreasesAConvexQuadratic(String name, String lr) {
        Matrix a = Matrix.of(2, 3, 1, 2, 4, 6, 8, 10);
        Matrix c = Matrix.of(2, 3, 1, -1, 2, 0.5, -3, 0);
        Objective f = params -> {
            Matrix d = params.get(0).minus(c);
            return new Evaluation(0.5 * d.hadamard(d).dot(a), 0, List.of(d.hadamard(a)));
        };
        Optimizer opt = BuiltIns.optimizer(name, Map.of("lr", lr));
        List<Matrix> params = List.of(Matrix.zeros(2, 3));
        double start = f.evaluate(params).loss();
        State state = opt.start(params);
        for (int t = 0; t < 500; t++) {
            Optimizer.Step s = opt.step(new Optimizer.Input(params, f.evaluate(params), f, opt.learningRate()), state);
            params = s.params();
            state = s.state();
        }
        double end = f.evaluate(params).loss();
        assertTrue(end < 1e-3 * start, name + ": f went from " + start + " to " + end);
    }
}
