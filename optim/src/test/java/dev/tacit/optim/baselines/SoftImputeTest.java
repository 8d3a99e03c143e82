package dev.tacit.optim.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Spectra;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.Convergence;
import dev.tacit.api.StopReason;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SoftImputeTest {

    private static final int SIZE = 40;
    private static final int RANK = 2;
    private static final int OBSERVED = SIZE * SIZE / 2;

    static Stream<Arguments> fixedLambdas() {
        return Stream.of(1L, 2L).flatMap(seed -> Stream.of(0.3, 0.03, 0.003).flatMap(fraction -> Stream.of(
                Arguments.of(seed, fraction, "0"), Arguments.of(seed, fraction, "1"))));
    }

    /**
     * Mazumder et al., Lemma 2: at a fixed λ every iteration lowers (or keeps) f_λ(Z) = ½‖P_Ω(X − Z)‖² + λ‖Z‖_*,
     * in both variants (the reference's runs the same map on the bi-scaled values). Evaluated every iteration, with
     * the tolerance set so low that the cap stops the run.
     */
    @ParameterizedTest(name = "seed {0}, lambda {1} of lambda_max, reference {2}")
    @MethodSource("fixedLambdas")
    void theObjectiveNeverIncreasesAtAFixedLambda(long seed, double fraction, String reference) {
        CompletionProblem problem = LowRankProblems.problem(SIZE, SIZE, RANK, OBSERVED, seed);
        double lambda = fraction * Spectra.spectralNorm(problem.train().toDense());
        LowRankProblems.Run run = LowRankProblems.run(LowRankProblems.method(new SoftImpute.Provider(), Map.of(
                "lambda", Double.toString(lambda), "reference", reference, "eval_every", "1",
                "tolerance", "1e-300", "max_iterations", "150")), problem);
        List<Double> losses = run.losses();
        assertEquals(150, losses.size(), "one evaluation per iteration");
        for (int k = 1; k < losses.size(); k++) {
            double before = losses.get(k - 1);
            double after = losses.get(k);
            assertTrue(after <= before || Tolerance.LINEAR_ALGEBRA.accepts(after, before),
                    "iteration " + (k + 1) + " raised the objective from " + before + " to " + after);
        }
        assertTrue(losses.get(losses.size() - 1) < losses.get(0), "and it does make progress: " + losses.get(0)
                + " to " + losses.get(losses.size() - 1));
    }

    @Test
    void theStandardPathApproachesMinimumNuclearNormRecovery() {
        CompletionProblem problem = LowRankProblems.problem(SIZE, SIZE, RANK, OBSERVED, 1);
        CompletionResult result = LowRankProblems.run(LowRankProblems.method(new SoftImpute.Provider(), Map.of()),
                problem).result();
        assertTrue(result.metrics().relativeError() < 1e-3, result.metrics().toString());
        Convergence c = result.convergence();
        assertEquals(StopReason.CONVERGED, c.status(), c.toString());
        assertEquals(20, c.diagnostics().get("path_length"));
        Tolerance.ROUNDING.assertClose(c.diagnostics().get("lambda_max") * 1e-4, c.diagnostics().get("lambda"),
                "the last, smallest lambda of the path");
    }

    /**
     * With validation entries, the path returns the solution with the lowest validation RMSE. The first k steps of a
     * path of K values with ratio ρ are exactly a path of k values with ratio ρ^(k/K), so each step's solution can be
     * computed on its own and scored. The observations are noisy, so an intermediate λ is best.
     */
    @Test
    void withValidationEntriesThePathKeepsTheBestLambda() {
        CompletionProblem clean = LowRankProblems.problem(SIZE, SIZE, RANK, OBSERVED, 2);
        java.util.SplittableRandom noise = new java.util.SplittableRandom(7);
        Entries noisy = map(clean.train(), v -> v + 0.3 * noise.nextGaussian());
        Entries test = clean.test();
        int held = test.size() / 4;
        int[] positions = new int[test.size()];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = test.row(k) * SIZE + test.col(k);
        }
        Matrix truth = clean.truth().orElseThrow();
        CompletionProblem problem = new CompletionProblem("noisy, with validation", noisy,
                LowRankProblems.entries(truth, positions, 0, held),
                LowRankProblems.entries(truth, positions, held, positions.length), clean.truth());
        int steps = 6;
        double ratio = 1e-3;
        CompletionResult chosen = LowRankProblems.run(LowRankProblems.method(new SoftImpute.Provider(), Map.of(
                "path_length", Integer.toString(steps), "lambda_ratio", Double.toString(ratio))), problem).result();

        double bestValidation = Double.POSITIVE_INFINITY;
        int best = -1;
        Matrix bestMatrix = null;
        for (int k = 1; k <= steps; k++) {
            CompletionResult prefix = LowRankProblems.run(LowRankProblems.method(new SoftImpute.Provider(), Map.of(
                    "path_length", Integer.toString(k), "lambda_ratio", Double.toString(Math.pow(ratio,
                            (double) k / steps)))), new CompletionProblem("prefix", noisy,
                    Entries.of(SIZE, SIZE, new int[0], new int[0], new double[0]), problem.test(),
                    clean.truth())).result();
            double validation = problem.validation().rmse(prefix.completed());
            if (validation < bestValidation) {
                bestValidation = validation;
                best = k;
                bestMatrix = prefix.completed();
            }
        }
        assertTrue(best > 1 && best < steps, "noise makes an intermediate lambda best, got step " + best);
        Tolerance.LINEAR_ALGEBRA.assertClose(bestMatrix, chosen.completed(), "the solution at step " + best);
        Tolerance.ROUNDING.assertClose(chosen.convergence().diagnostics().get("lambda_max")
                * Math.pow(ratio, (double) best / steps), chosen.convergence().diagnostics().get("lambda"),
                "the lambda of step " + best);
    }

    /**
     * The reference variant bi-scales the observed values, completes on that scale and undoes the scaling: shifting
     * or rescaling every observed value therefore shifts or rescales the completion by exactly the same amount, and
     * the observed entries come back unchanged.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("affineChanges")
    void theReferenceVariantUndoesItsScaling(String what, DoubleUnaryOperator change) {
        CompletionProblem problem = LowRankProblems.problem(SIZE, SIZE, RANK, OBSERVED, 3);
        CompletionProblem changed = new CompletionProblem(what, map(problem.train(), change),
                problem.validation(), map(problem.test(), change), problem.truth().map(t -> t.map(change)));
        var method = LowRankProblems.method(new SoftImpute.Provider(), Map.of("reference", "1"));
        CompletionResult original = LowRankProblems.run(method, problem).result();
        CompletionResult transformed = LowRankProblems.run(method, changed).result();
        Matrix expected = original.completed().map(change);
        Tolerance.LINEAR_ALGEBRA.assertClose(expected, transformed.completed(), what);
        Entries train = changed.train();
        for (int k = 0; k < train.size(); k++) {
            assertEquals(train.value(k), transformed.completed().get(train.row(k), train.col(k)),
                    "observed entries are returned as observed");
        }
        assertTrue(transformed.convergence().iterations() <= SoftImpute.REFERENCE_MAX_ITERATIONS);
    }

    static Stream<Arguments> affineChanges() {
        DoubleUnaryOperator shift = v -> v + 50;
        DoubleUnaryOperator scale = v -> 3 * v;
        return Stream.of(Arguments.of("every value plus 50", shift), Arguments.of("every value times 3", scale));
    }

    private static Entries map(Entries o, DoubleUnaryOperator f) {
        int[] r = new int[o.size()];
        int[] c = new int[o.size()];
        double[] v = new double[o.size()];
        for (int k = 0; k < o.size(); k++) {
            r[k] = o.row(k);
            c[k] = o.col(k);
            v[k] = f.applyAsDouble(o.value(k));
        }
        return Entries.of(o.rows(), o.cols(), r, c, v);
    }
}
