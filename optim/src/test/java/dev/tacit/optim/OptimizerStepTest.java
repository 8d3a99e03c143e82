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
import java.util.HashMap;
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

    /** The settings of the Adam variants' whole-matrix cases, away from the defaults so none is taken for granted. */
    private static final double B1 = 0.8;
    private static final double B2 = 0.99;
    private static final double EPS = 1e-6;
    private static final double DECAY = 0.05;
    private static final Map<String, String> ADAM_SETTINGS = Map.of("beta1", String.valueOf(B1),
            "beta2", String.valueOf(B2), "eps", String.valueOf(EPS), "weight_decay", String.valueOf(DECAY));

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

    /** An optimizer's update of one entry at step t, written out here from its documented rule. */
    @FunctionalInterface
    private interface EntryRule {
        /**
         * @param t     the step, from 1
         * @param lr    the step's learning rate
         * @param theta the parameter's entry
         * @param g     the gradient's entry
         * @param ab    the two buffers' entries, replaced by their new values
         * @return the parameter's new entry
         */
        double apply(int t, double lr, double theta, double g, double[] ab);
    }

    /** μ_t of NAdam with ψ = momentum_decay. */
    private static double nadamMu(int t, double psi) {
        return B1 * (1 - 0.5 * Math.pow(0.96, t * psi));
    }

    /**
     * The optimizers that update by a whole-matrix pass besides Adam (which has its own test above): each one's
     * settings, its buffers' names and its rule per entry, in the implementation's order of operations. RAdam's ρ_t
     * passes 5 at step 6 with β2 = 0.99, so eight steps run both of its loops.
     */
    static Stream<Arguments> twoBufferOptimizers() {
        double psi = 0.01;
        Map<String, String> nadam = new HashMap<>(ADAM_SETTINGS);
        nadam.put("momentum_decay", String.valueOf(psi));
        double rho = 0.8;
        double eps = 1e-5;
        Map<String, String> adadelta = Map.of("rho", String.valueOf(rho), "eps", String.valueOf(eps),
                "weight_decay", String.valueOf(DECAY));
        return Stream.of(
                Arguments.of("adam", ADAM_SETTINGS, List.of("m", "v"), (EntryRule) (t, lr, theta, g, mv) -> {
                    double stepSize = lr / (1 - Math.pow(B1, t));
                    double sqrtBias2 = Math.sqrt(1 - Math.pow(B2, t));
                    double gi = g + DECAY * theta;
                    mv[0] = B1 * mv[0] + (1 - B1) * gi;
                    mv[1] = B2 * mv[1] + (1 - B2) * gi * gi;
                    return theta - stepSize * mv[0] / (Math.sqrt(mv[1]) / sqrtBias2 + EPS);
                }),
                Arguments.of("adamw", ADAM_SETTINGS, List.of("m", "v"), (EntryRule) (t, lr, theta, g, mv) -> {
                    double stepSize = lr / (1 - Math.pow(B1, t));
                    double sqrtBias2 = Math.sqrt(1 - Math.pow(B2, t));
                    mv[0] = B1 * mv[0] + (1 - B1) * g;
                    mv[1] = B2 * mv[1] + (1 - B2) * g * g;
                    return theta * (1 - lr * DECAY) - stepSize * mv[0] / (Math.sqrt(mv[1]) / sqrtBias2 + EPS);
                }),
                Arguments.of("nadam", nadam, List.of("m", "v"), (EntryRule) (t, lr, theta, g, mv) -> {
                    double product = 1.0;
                    for (int s = 1; s <= t; s++) {
                        product *= nadamMu(s, psi);
                    }
                    double muNext = nadamMu(t + 1, psi);
                    double gi = g + DECAY * theta;
                    mv[0] = B1 * mv[0] + (1 - B1) * gi;
                    mv[1] = B2 * mv[1] + (1 - B2) * gi * gi;
                    double d = Math.sqrt(mv[1] / (1 - Math.pow(B2, t))) + EPS;
                    double afterGradient = theta - lr * (1 - nadamMu(t, psi)) / (1 - product) * gi / d;
                    return afterGradient - lr * muNext / (1 - product * muNext) * mv[0] / d;
                }),
                Arguments.of("radam", ADAM_SETTINGS, List.of("m", "v"), (EntryRule) (t, lr, theta, g, mv) -> {
                    double bias2 = 1 - Math.pow(B2, t);
                    double rhoInf = 2 / (1 - B2) - 1;
                    double rhoT = rhoInf - 2 * t * Math.pow(B2, t) / bias2;
                    double gi = g + DECAY * theta;
                    mv[0] = B1 * mv[0] + (1 - B1) * gi;
                    mv[1] = B2 * mv[1] + (1 - B2) * gi * gi;
                    double corrected = mv[0] / (1 - Math.pow(B1, t));
                    if (rhoT > 5) {
                        double rect = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf
                                / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
                        return theta - corrected * lr * (Math.sqrt(bias2) / (Math.sqrt(mv[1]) + EPS)) * rect;
                    }
                    return theta - corrected * lr;
                }),
                Arguments.of("adadelta", adadelta, List.of("v", "u"), (EntryRule) (t, lr, theta, g, vu) -> {
                    double gi = g + DECAY * theta;
                    double v = rho * vu[0] + (1 - rho) * gi * gi;
                    double delta = Math.sqrt(vu[1] + eps) / Math.sqrt(v + eps) * gi;
                    vu[0] = v;
                    vu[1] = rho * vu[1] + (1 - rho) * delta * delta;
                    return theta - lr * delta;
                }));
    }

    /**
     * These optimizers update as one loop over whole matrices, which the JIT turns into vector instructions: on two
     * parameters of odd sizes (vector bodies and scalar tails), over eight steps with weight decay, every entry of θ
     * and of both buffers equals the optimizer's rule evaluated one entry at a time, to the last bit.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("twoBufferOptimizers")
    void twoBufferOptimizerOnWholeMatricesEqualsThePerElementRuleExactly(String name, Map<String, String> settings,
                                                                         List<String> buffers, EntryRule rule) {
        double lr = 0.01;
        Optimizer opt = BuiltIns.optimizer(name, settings);
        SplittableRandom rng = new SplittableRandom(11);
        List<Matrix> params = List.of(Matrix.generate(37, 53, (i, j) -> rng.nextGaussian()),
                Matrix.generate(1, 7, (i, j) -> rng.nextGaussian()));
        State state = opt.start(params);
        double[][] theta = {params.get(0).toArray(), params.get(1).toArray()};
        double[][] a = {new double[37 * 53], new double[7]};
        double[][] b = {new double[37 * 53], new double[7]};
        double[] ab = new double[2];
        for (int t = 1; t <= 8; t++) {
            List<Matrix> grads = List.of(Matrix.generate(37, 53, (i, j) -> rng.nextGaussian()),
                    Matrix.generate(1, 7, (i, j) -> rng.nextGaussian()));
            Optimizer.Step s = opt.step(new Optimizer.Input(params, new Evaluation(0, 0, grads), NOT_EVALUATED, lr),
                    state);
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < theta[k].length; i++) {
                    ab[0] = a[k][i];
                    ab[1] = b[k][i];
                    theta[k][i] = rule.apply(t, lr, theta[k][i], grads.get(k).at(i), ab);
                    a[k][i] = ab[0];
                    b[k][i] = ab[1];
                }
                int rows = params.get(k).rows();
                int cols = params.get(k).cols();
                String at = " of parameter " + k + " after step " + t;
                assertEquals(Matrix.of(rows, cols, theta[k]), s.params().get(k), "θ" + at);
                assertEquals(Matrix.of(rows, cols, a[k]), s.state().tensors(buffers.get(0)).get(k),
                        buffers.get(0) + at);
                assertEquals(Matrix.of(rows, cols, b[k]), s.state().tensors(buffers.get(1)).get(k),
                        buffers.get(1) + at);
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
