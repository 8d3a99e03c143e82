package dev.tacit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.Evaluation;
import dev.tacit.api.Objective;
import dev.tacit.api.Optimizer;
import dev.tacit.api.State;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.testkit.BuiltIns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first steps of every built-in optimizer against values derived independently, in 50-digit decimal arithmetic,
 * from PyTorch's documented update rules: {@code optim/src/test/python/first_steps.py} prints every expected value
 * below. All element-wise cases start at θ0 = (1, −2) and see the gradients g1 = (0.5, −1), g2 = (−1, 0.01),
 * g3 = (0.2, 0.3); then every optimizer must decrease a convex quadratic.
 */
class OptimizerGoldenTest {

    private static final Matrix THETA0 = Matrix.of(1, 2, 1, -2);
    private static final List<Matrix> GRADIENTS = List.of(Matrix.of(1, 2, 0.5, -1), Matrix.of(1, 2, -1, 0.01),
            Matrix.of(1, 2, 0.2, 0.3));

    /** Runs an element-wise optimizer for the given gradients; the objective must never be consulted. */
    private static List<Optimizer.Step> run(Optimizer opt, List<Matrix> gradients) {
        Objective unused = p -> {
            throw new AssertionError("an element-wise optimizer must not evaluate the objective");
        };
        List<Optimizer.Step> steps = new ArrayList<>();
        List<Matrix> params = List.of(THETA0);
        State state = opt.start(params);
        for (Matrix g : gradients) {
            Optimizer.Step s = opt.step(new Optimizer.Input(params, new Evaluation(0, 0, List.of(g)), unused,
                    opt.learningRate()), state);
            steps.add(s);
            params = s.params();
            state = s.state();
        }
        return steps;
    }

    private static List<Optimizer.Step> run(Optimizer opt, int count) {
        return run(opt, GRADIENTS.subList(0, count));
    }

    private static void assertTheta(Optimizer.Step step, double first, double second, String what) {
        Tolerance.ROUNDING.assertClose(first, step.params().get(0).at(0), what + ", θ_1");
        Tolerance.ROUNDING.assertClose(second, step.params().get(0).at(1), what + ", θ_2");
    }

    @Test
    void nesterov() {
        // g ← g + 0.1θ, b ← 0.5b + g, θ ← θ − 0.1(g + 0.5b).
        // t = 1: g = (0.6, −1.2) = b, θ = (1 − 0.1·0.9, −2 + 0.1·1.8) = (0.91, −1.82).
        // t = 2: g = (−1 + 0.091, 0.01 − 0.182) = (−0.909, −0.172), b = (0.3 − 0.909, −0.6 − 0.172) = (−0.609, −0.772),
        //        θ = (0.91 + 0.1·(0.909 + 0.3045), −1.82 + 0.1·(0.172 + 0.386)) = (1.03135, −1.7642).
        List<Optimizer.Step> s = run(BuiltIns.optimizer("nesterov", Map.of("lr", "0.1", "weight_decay", "0.1")), 2);
        assertTheta(s.get(0), 0.91, -1.82, "step 1");
        assertTheta(s.get(1), 1.03135, -1.7642, "step 2");
        Tolerance.ROUNDING.assertClose(-0.609, s.get(1).state().tensors("b").get(0).at(0), "momentum buffer");
        assertEquals(0.5, ((dev.tacit.optim.optimizers.Nesterov) BuiltIns.optimizer("nesterov", Map.of())).momentum(),
                "the study's momentum is the default");
    }

    @Test
    void amsgradKeepsTheRunningMaximumOfV() {
        // t = 1 is Adam's step: m̂ = g, sqrt(v̂) = |g|, θ = θ0 − 0.1·g/(|g| + 1e-8) = (0.900000002, −1.900000001).
        // t = 2, second entry: v = 0.999·0.001 + 0.001·0.0001 = 0.0009991 < v_max = 0.001, so the old maximum
        // divides: θ_2 = −1.83377182463891178736... (Adam itself would give a slightly larger step).
        List<Optimizer.Step> s = run(BuiltIns.optimizer("amsgrad", Map.of("lr", "0.1")), 2);
        assertTheta(s.get(0), 0.90000000199999996, -1.900000001, "step 1");
        assertTheta(s.get(1), 0.93661035424056560281, -1.8337718246389117874, "step 2");
        Tolerance.ROUNDING.assertClose(0.001, s.get(1).state().tensors("v_max").get(0).at(1), "v_max kept");
        Tolerance.ROUNDING.assertClose(0.0009991, s.get(1).state().tensors("v").get(0).at(1), "v decayed");
    }

    @Test
    void adamwDecaysTheWeightsBeforeTheAdamStep() {
        // θ ← θ(1 − 0.1·0.1) then the Adam step: t = 1: (0.99 − 0.099999998, −1.98 + 0.099999999).
        List<Optimizer.Step> s = run(BuiltIns.optimizer("adamw", Map.of("lr", "0.1", "weight_decay", "0.1")), 2);
        assertTheta(s.get(0), 0.89000000199999996, -1.880000001, "step 1");
        assertTheta(s.get(1), 0.91771035422056560321, -1.7949420018180630732, "step 2");
        assertEquals(0.01, ((dev.tacit.optim.optimizers.AdamW) BuiltIns.optimizer("adamw", Map.of())).weightDecay(),
                "PyTorch's default decay");
    }

    @Test
    void nadamFollowsTheMomentumSchedule() {
        // μ_1 = 0.9(1 − ½·0.96^0.004), μ_2 = 0.9(1 − ½·0.96^0.008); Π_1 = μ_1 = 0.450073473591296...;
        // θ ← θ − 0.1(1 − μ_1)/(1 − Π_1)·g/d − 0.1·μ_2/(1 − Π_1μ_2)·m/d with d = sqrt(v/(1 − β2^t)) + 1e-8.
        List<Optimizer.Step> s = run(BuiltIns.optimizer("nadam", Map.of("lr", "0.1")), 2);
        assertTheta(s.get(0), 0.89435482427736469103, -1.8943548232209129444, "step 1");
        assertTheta(s.get(1), 0.98501057239880831226, -1.8890934883732521244, "step 2");
        Tolerance.ROUNDING.assertClose(0.20259919474573696958, s.get(1).state().scalar("mu_product"), "Π_2");
    }

    @Test
    void radamIsMomentumSgdUntilTheVarianceIsTractable() {
        // β2 = 0.9: ρ_∞ = 19 and ρ_t = 1, 1.95, 2.86, 3.74, 4.58, 5.39 for t = 1..6. With a constant gradient,
        // m̂ = g, so the first five steps are θ ← θ − 0.1·g exactly; step 6 is rectified:
        // r = sqrt((ρ_6 − 4)(ρ_6 − 2)·19/(15·17·ρ_6)), θ ← θ − 0.1·g·r·sqrt(1 − 0.9^6)/(sqrt(v) + 1e-8).
        Optimizer radam = BuiltIns.optimizer("radam", Map.of("lr", "0.1", "beta2", "0.9"));
        List<Optimizer.Step> s = run(radam, java.util.Collections.nCopies(6, GRADIENTS.get(0)));
        assertTheta(s.get(0), 0.95, -1.9, "step 1");
        assertTheta(s.get(1), 0.9, -1.8, "step 2");
        assertTheta(s.get(4), 0.75, -1.5, "step 5");
        assertTheta(s.get(5), 0.72448232009090240425, -1.4744823197181168824, "step 6 (rectified)");
    }

    @Test
    void adamaxDividesByTheInfinityNorm() {
        // t = 1: u = |g| + 1e-8, θ = θ0 − 0.1·g/u. t = 2: u = max(0.999u, |g2| + 1e-8) = (1.00000001, 0.99900000999),
        // m = (−0.055, −0.089), θ = θ1 − (0.1/0.19)·m/u.
        List<Optimizer.Step> s = run(BuiltIns.optimizer("adamax", Map.of("lr", "0.1")), 2);
        assertTheta(s.get(0), 0.90000000199999996, -1.900000001, "step 1");
        assertTheta(s.get(1), 0.92894737013157891026, -1.8531110072114746178, "step 2");
        Tolerance.ROUNDING.assertClose(0.99900000999, s.get(1).state().tensors("u").get(0).at(1), "u decays");
    }

    @Test
    void adagradAccumulatesSquaredGradients() {
        // s starts at 0.1: t = 1: s = (0.35, 1.1), θ = θ0 − 0.1·g/(sqrt(s) + 1e-10);
        // t = 2: lr_t = 0.1/(1 + 0.5) and s = (1.35, 1.1001).
        List<Optimizer.Step> s = run(BuiltIns.optimizer("adagrad", Map.of("lr", "0.1", "lr_decay", "0.5",
                "initial_accumulator_value", "0.1")), 2);
        assertTheta(s.get(0), 0.91548457454143405653, -1.9046537410845316776, "step 1");
        assertTheta(s.get(1), 0.97286210559142047952, -1.9052893539197988853, "step 2");
        Tolerance.ROUNDING.assertClose(1.1001, s.get(1).state().tensors("s").get(0).at(1), "sum of squares");
    }

    @Test
    void rmspropPlainAndCentredWithMomentum() {
        // Plain: v = 0.01g² at t = 1, so θ = θ0 − 0.01·g/(0.1|g| + 1e-8) = (0.90000002, −1.90000001).
        List<Optimizer.Step> plain = run(BuiltIns.optimizer("rmsprop", Map.of()), 2);
        assertTheta(plain.get(0), 0.90000001999999600000, -1.9000000099999990000, "plain step 1");
        assertTheta(plain.get(1), 0.98953230819113369830, -1.9010049969586177960, "plain step 2");
        assertEquals(Set.of("v"), plain.get(1).state().entries().keySet(), "no momentum, not centred: v only");
        // Centred with momentum 0.9: d = sqrt(v − ḡ²) + 1e-8 with ḡ ← 0.99ḡ + 0.01g; b ← 0.9b + g/d; θ ← θ − 0.01b.
        List<Optimizer.Step> centred = run(BuiltIns.optimizer("rmsprop", Map.of("momentum", "0.9", "centered", "1")), 2);
        assertTheta(centred.get(0), 0.89949623867609493371, -1.8994962285750878783, "centred step 1");
        assertTheta(centred.get(1), 0.89866679713615649106, -1.8100527312017844665, "centred step 2");
        assertEquals(Set.of("v", "b", "g_avg"), centred.get(1).state().entries().keySet());
    }

    @Test
    void adadeltaScalesByTheRatioOfRunningRms() {
        // g ← g + 0.1θ; v ← 0.9v + 0.1g²; Δ = sqrt(u + 1e-6)/sqrt(v + 1e-6)·g; u ← 0.9u + 0.1Δ²; θ ← θ − Δ.
        // t = 1: g = (0.6, −1.2), v = (0.036, 0.144), Δ = 1e-3·g/sqrt(v + 1e-6) ≈ (3.162e-3, −3.162e-3).
        List<Optimizer.Step> s = run(BuiltIns.optimizer("adadelta", Map.of("weight_decay", "0.1")), 2);
        assertTheta(s.get(0), 0.99683776625943968885, -1.9968377333199051973, "step 1");
        assertTheta(s.get(1), 1.0006177473714065726, -1.9961027221267240828, "step 2");
        Tolerance.ROUNDING.assertClose(9.5401789545355503266e-7, s.get(1).state().tensors("u").get(0).at(1),
                "accumulated squared update");
    }

    @Test
    void asgdDecaysTheStepAndAveragesAfterT0() {
        // λ = 0.1, α = 0.75, t0 = 0: θ ← θ(1 − λη) − ηg; η ← 0.1/(1 + 0.01t)^0.75; μ ← 1/max(1, t): the average
        // copies θ at steps 1 and 2 (μ = 1) and is a + (θ − a)/2 at step 3.
        List<Optimizer.Step> s = run(BuiltIns.optimizer("asgd", Map.of("lr", "0.1", "lambd", "0.1", "t0", "0")), 3);
        assertTheta(s.get(0), 0.94, -1.88, "step 1");
        assertTheta(s.get(1), 1.0299263916295816767, -1.8623323424833713704, "step 2");
        assertTheta(s.get(2), 1.0000738062473945843, -1.8735413015446844160, "step 3");
        Matrix average = s.get(2).state().tensors("a").get(0);
        Tolerance.ROUNDING.assertClose(1.0150000989384881305, average.at(0), "running average");
        Tolerance.ROUNDING.assertClose(0.097807482696867276903, s.get(2).state().scalar("eta"), "η_4");
        Tolerance.ROUNDING.assertClose(1.0 / 3, s.get(2).state().scalar("mu"), "μ_4");
    }

    /** f(x) = ½ Σ a_i x_i², with a count of its evaluations. */
    private record Quadratic(double[] a, AtomicInteger evaluations) implements Objective {
        Quadratic(double... a) {
            this(a, new AtomicInteger());
        }

        @Override
        public Evaluation evaluate(List<Matrix> params) {
            evaluations.incrementAndGet();
            Matrix x = params.get(0);
            Matrix.Builder g = Matrix.builder(x.rows(), x.cols());
            double f = 0;
            for (int i = 0; i < x.size(); i++) {
                f += 0.5 * a[i] * x.at(i) * x.at(i);
                g.set(i, a[i] * x.at(i));
            }
            return new Evaluation(f, 0, List.of(g.build()));
        }
    }

    private static Optimizer.Step lbfgsStep(Optimizer opt, Objective f, List<Matrix> params, State state) {
        return opt.step(new Optimizer.Input(params, f.evaluate(params), f, opt.learningRate()), state);
    }

    @Test
    void lbfgsFirstIterationsOnAQuadratic() {
        // f = ½(x1² + 4x2²) from (1, 1), one iteration per step. Iteration 1: g = (1, 4), t = min(1, 1/‖g‖₁) = 0.2,
        // trial x = (0.8, 0.2): f = 0.4 ≤ 2.5 − 1e-4·0.2·17 and |g·d| = |(0.8, 0.8)·(−1, −4)| = 4 ≤ 0.9·17, so
        // the strong Wolfe search accepts its first trial (one evaluation).
        Quadratic f = new Quadratic(1, 4);
        Optimizer opt = BuiltIns.optimizer("lbfgs", Map.of("max_iter", "1"));
        List<Matrix> x0 = List.of(Matrix.of(1, 2, 1, 1));
        Optimizer.Step s1 = lbfgsStep(opt, f, x0, opt.start(x0));
        Tolerance.ROUNDING.assertClose(Matrix.of(1, 2, 0.8, 0.2), s1.params().get(0), "x1");
        assertEquals(2, f.evaluations().get(), "the given evaluation and one trial");
        // Iteration 2: s = (−0.2, −0.8), y = (−0.2, −3.2), y·s = 2.6, H = 2.6/10.28; the two-loop recursion gives
        // d = (−0.256929063154744088596, −0.233941933552828494463) (first_steps.py), and the unit step is accepted:
        // f(x1 + d) = 0.149767 ≤ 0.399961 and |g2·d| = 0.107769 ≤ 0.353427.
        Optimizer.Step s2 = lbfgsStep(opt, f, s1.params(), s1.state());
        assertTheta(s2, 0.543070936845255911404, -0.0339419335528284944627, "x2");
        assertEquals(1, s2.state().tensors("s").size(), "one curvature pair");
        Tolerance.ROUNDING.assertClose(2.6, 1 / s2.state().tensors("rho").get(0).at(0), "y·s");
        assertEquals(2, s2.state().count("iterations"));
        assertEquals(4, s2.state().count("evaluations"), "two given, two trials");
    }

    @Test
    void lbfgsFixedStepTakesTheSameIterations() {
        // Without a line search, two iterations in one step: x1 = x0 − 0.2·g (then evaluated), x2 = x1 + 1·d, not
        // evaluated because it is the last iteration. The unit step was accepted above, so x2 is the same point.
        Quadratic f = new Quadratic(1, 4);
        Optimizer opt = BuiltIns.optimizer("lbfgs", Map.of("max_iter", "2", "max_eval", "3", "line_search", "0"));
        List<Matrix> x0 = List.of(Matrix.of(1, 2, 1, 1));
        Optimizer.Step s = lbfgsStep(opt, f, x0, opt.start(x0));
        assertTheta(s, 0.543070936845255911404, -0.0339419335528284944627, "x2");
        assertEquals(2, f.evaluations().get(), "the given evaluation and x1");
        // max_eval defaults to max_iter·5/4 rounded down, 2 here, as in PyTorch: the budget ends the step at x1.
        Quadratic g = new Quadratic(1, 4);
        Optimizer budget = BuiltIns.optimizer("lbfgs", Map.of("max_iter", "2", "line_search", "0"));
        Tolerance.ROUNDING.assertClose(Matrix.of(1, 2, 0.8, 0.2), lbfgsStep(budget, g, x0, budget.start(x0))
                .params().get(0), "x1 when two evaluations are allowed");
    }

    @Test
    void lbfgsZoomsOntoTheMinimumOfAQuadraticAfterOvershooting() {
        // f = 5x², x0 = 1, lr 5: g = 10, t = min(1, 1/10)·5 = 0.5, trial x = −4 with f = 80 > 5, so the
        // bracket is [0, 0.5] with slopes g·d = −100 and 400. The cubic through (0, 5, −100) and (0.5, 80, 400) is the
        // quadratic itself: d1 = −100 + 400 − 3(5 − 80)/(0 − 0.5) = −150, d2 = sqrt(150² + 100·400) = 250,
        // t = 0.5 − 0.5·(400 + 250 + 150)/(400 + 100 + 500) = 0.1, the minimiser x = 0 (to rounding), where g = 0.
        Quadratic f = new Quadratic(10);
        Optimizer opt = BuiltIns.optimizer("lbfgs", Map.of("max_iter", "1", "lr", "5"));
        List<Matrix> x0 = List.of(Matrix.of(1, 1, 1));
        Optimizer.Step s = lbfgsStep(opt, f, x0, opt.start(x0));
        Tolerance.ROUNDING.assertClose(0, s.params().get(0).at(0), "x at the minimum");
        assertEquals(3, f.evaluations().get(), "the given evaluation, the overshoot and the interpolated point");
        Tolerance.ROUNDING.assertClose(0.1, s.state().scalar("t"), "accepted step");
    }

    @Test
    void lbfgsExtrapolatesWhenTheFirstTrialIsTooShort() {
        // f = ½x², x0 = 1, lr 0.02: t = 0.02, x = 0.98, slope g·d = −0.98: sufficient decrease but |−0.98| > 0.9, so
        // it extrapolates to the cubic's minimiser t = 1 clamped to 10·t = 0.2: x = 0.8, |−0.8| ≤ 0.9, accepted.
        Quadratic f = new Quadratic(1);
        Optimizer opt = BuiltIns.optimizer("lbfgs", Map.of("max_iter", "1", "lr", "0.02"));
        List<Matrix> x0 = List.of(Matrix.of(1, 1, 1));
        Optimizer.Step s = lbfgsStep(opt, f, x0, opt.start(x0));
        Tolerance.ROUNDING.assertClose(0.8, s.params().get(0).at(0), "x after extrapolation");
        assertEquals(3, f.evaluations().get());
    }

    @Test
    void lbfgsStopsAtOnceAtAStationaryPoint() {
        Quadratic f = new Quadratic(1, 4);
        Optimizer opt = BuiltIns.optimizer("lbfgs", Map.of());
        List<Matrix> x0 = List.of(Matrix.of(1, 2, 0, 0));
        Optimizer.Step s = lbfgsStep(opt, f, x0, opt.start(x0));
        assertEquals(x0, s.params());
        assertEquals(1, f.evaluations().get(), "only the given evaluation");
        assertFalse(s.state().has("d"), "no iteration ran");
    }

    /**
     * The learning rate (and any other setting) each optimizer needs on the quadratic below; every built-in optimizer
     * must appear here, so a new one cannot skip the test.
     */
    private static final Map<String, Map<String, String>> QUADRATIC_SETTINGS = Map.ofEntries(
            Map.entry("gd", Map.of("lr", "0.05")),
            Map.entry("nesterov", Map.of("lr", "0.05")),
            Map.entry("adam", Map.of("lr", "0.05")),
            Map.entry("amsgrad", Map.of("lr", "0.05")),
            Map.entry("adamw", Map.of("lr", "0.05", "weight_decay", "0")),
            Map.entry("nadam", Map.of("lr", "0.05")),
            Map.entry("radam", Map.of("lr", "0.05")),
            Map.entry("adamax", Map.of("lr", "0.05")),
            Map.entry("adagrad", Map.of("lr", "0.5")),
            Map.entry("rmsprop", Map.of("lr", "0.01")),
            // Adadelta's first steps are about sqrt(eps) = 1e-3 long and grow only as its update RMS builds up.
            Map.entry("adadelta", Map.of("lr", "50")),
            Map.entry("asgd", Map.of("lr", "0.05")),
            Map.entry("lbfgs", Map.of()));

    static Stream<Arguments> everyOptimizer() {
        return Catalog.builtIn().optimizers().stream().map(e -> Arguments.of(e.provider().name()));
    }

    @Test
    void everyBuiltInOptimizerHasQuadraticSettings() {
        Set<String> names = Catalog.builtIn().optimizers().stream().map(e -> e.provider().name())
                .collect(Collectors.toSet());
        assertEquals(names, QUADRATIC_SETTINGS.keySet());
        assertEquals(13, names.size(), "the study's 13 optimizers: " + names);
    }

    /**
     * f(θ) = ½ Σ a_i (θ_i − c_i)² with curvatures 1..10 from θ = 0: 500 steps must bring f below 1e-3 of its start.
     */
    @ParameterizedTest
    @MethodSource("everyOptimizer")
    void decreasesAConvexQuadratic(String name) {
        Matrix a = Matrix.of(2, 3, 1, 2, 4, 6, 8, 10);
        Matrix c = Matrix.of(2, 3, 1, -1, 2, 0.5, -3, 0);
        Objective f = params -> {
            Matrix d = params.get(0).minus(c);
            return new Evaluation(0.5 * d.hadamard(d).dot(a), 0, List.of(d.hadamard(a)));
        };
        Optimizer opt = BuiltIns.optimizer(name, QUADRATIC_SETTINGS.get(name));
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
