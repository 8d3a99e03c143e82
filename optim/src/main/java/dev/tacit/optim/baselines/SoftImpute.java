package dev.tacit.optim.baselines;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.Convergence;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Settings;
import dev.tacit.api.StopReason;
import dev.tacit.api.TrainingEvent;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * SoftImpute (Mazumder, Hastie and Tibshirani, "Spectral regularization algorithms for learning large incomplete
 * matrices", JMLR 11, 2010, Algorithm 1): for each λ, iterate
 * <pre>
 *   Z ← S_λ(P_Ω(X) + P_Ω⊥(Z))        S_λ soft-thresholds the singular values by λ
 * </pre>
 * which never increases f_λ(Z) = ½‖P_Ω(X − Z)‖_F² + λ‖Z‖_* (the paper's Lemma 2 and Theorem 1).
 *
 * <p>Two variants, chosen by the setting {@code reference}:
 * <ul>
 *   <li>0, the paper's standard form (default): a decreasing path of {@code path_length} values
 *       λ_k = λ_max·ratio^(k/K), k = 1..K, from λ_max = σ_1(P_Ω(X)) (where the solution is 0) down to
 *       λ_max·{@code lambda_ratio}, each solve warm-started from the previous one and stopped when
 *       ‖Z_new − Z_old‖_F / ‖Z_old‖_F &lt; tolerance (default 1e-5, at most 500 iterations per λ). The result is the
 *       solution at the λ with the lowest validation RMSE when the problem has validation entries, else at the last
 *       (smallest) λ, which for noiseless data approaches minimum nuclear norm interpolation. A positive
 *       {@code lambda} replaces the path by that single value.</li>
 *   <li>1, the study's reference: the observed values are bi-scaled ({@link BiScaling}), missing entries start at 0,
 *       λ = σ_1(zero-filled scaled X)/50, at most 100 iterations, stopping when the missing entries change by less
 *       than 1e-3 relative to their previous values; the result keeps the observed values and the imputed missing
 *       ones, and the bi-scaling is undone before scoring.</li>
 * </ul>
 * {@code tolerance} and {@code max_iterations} at 0 mean the variant's default above. The reported loss is f_λ at
 * the end (on the scaled values for the reference variant) and the penalty λ‖Z‖_*.
 *
 * @param reference      whether to run the study's reference variant
 * @param lambda         a fixed λ, or 0 for the variant's automatic choice
 * @param pathLength     K, the number of λ values on the standard path
 * @param lambdaRatio    λ_K / λ_max on the standard path
 * @param tolerance      the variant's stopping tolerance
 * @param maxIterations  the cap on iterations per λ
 * @param evalEvery      publish an evaluation every this many iterations (0: only at the end)
 * @param settings       the resolved settings, for the run's start event
 */
public record SoftImpute(boolean reference, double lambda, int pathLength, double lambdaRatio, double tolerance,
                         long maxIterations, long evalEvery, Settings settings) implements CompletionMethod {

    /** Rejects settings no provider would accept. */
    public SoftImpute {
        MethodRun.require(lambda >= 0 && Double.isFinite(lambda), "lambda", lambda, "a finite number >= 0");
        MethodRun.require(pathLength >= 1, "path_length", pathLength, "at least 1");
        MethodRun.require(lambdaRatio > 0 && lambdaRatio <= 1, "lambda_ratio", lambdaRatio, "in (0, 1]");
        MethodRun.require(tolerance >= 0, "tolerance", tolerance, "at least 0");
        MethodRun.require(maxIterations >= 0, "max_iterations", maxIterations, "at least 0");
        MethodRun.require(evalEvery >= 0, "eval_every", evalEvery, "at least 0");
    }

    /** The method's name. */
    public static final String NAME = "softimpute";
    /** The standard form's default tolerance on the relative change of Z. */
    static final double STANDARD_TOLERANCE = 1e-5;
    /** The standard form's default cap on iterations per λ. */
    static final long STANDARD_MAX_ITERATIONS = 500;
    /** The reference's tolerance on the relative change of the missing entries. */
    static final double REFERENCE_TOLERANCE = 1e-3;
    /** The reference's cap on iterations. */
    static final long REFERENCE_MAX_ITERATIONS = 100;
    /** The reference's λ is σ_1 of the zero-filled scaled matrix divided by this. */
    static final double REFERENCE_LAMBDA_DIVISOR = 50;
    /** Tolerance and cap of the reference's bi-scaling. */
    static final double BISCALE_TOLERANCE = 1e-3;
    static final int BISCALE_MAX_ITERATIONS = 100;

    @Override
    public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                     Consumer<TrainingEvent> events) {
        return complete(problem, random, events, () -> false);
    }

    /**
     * Asked to stop, the standard form keeps the best solution of the path so far, the current iterate counting as
     * the solution at its λ; the reference returns its current iterate.
     */
    @Override
    public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                     Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
        return reference ? new ReferenceRun(problem, events, stopRequested).run()
                : new StandardRun(problem, events, stopRequested).run();
    }

    @Override
    public boolean stopsOnRequest() {
        return true;
    }

    private double tol(double fallback) {
        return tolerance > 0 ? tolerance : fallback;
    }

    private long cap(long fallback) {
        return maxIterations > 0 ? maxIterations : fallback;
    }

    /** f_λ(Z) = ½‖P_Ω(X − Z)‖² + λ‖Z‖_* with the nuclear norm already known. */
    private static double objective(EntryIndex e, double[] x, Matrix z, double lambda, double nuclear) {
        double s = 0;
        for (int k = 0; k < e.size; k++) {
            double d = x[k] - z.at(e.position[k]);
            s += d * d;
        }
        return 0.5 * s + lambda * nuclear;
    }

    /** The paper's form: a λ path with warm starts. */
    private final class StandardRun {
        final CompletionProblem problem;
        final EntryIndex e;
        final MethodRun run;
        final long cap = cap(STANDARD_MAX_ITERATIONS);
        final double tol = tol(STANDARD_TOLERANCE);
        final int steps = lambda > 0 ? 1 : pathLength;

        StandardRun(CompletionProblem problem, Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
            this.problem = problem;
            this.e = EntryIndex.of(problem.train());
            this.run = new MethodRun(NAME, settings, problem, steps * cap, evalEvery, events, stopRequested);
        }

        CompletionResult run() {
            double lambdaMax = Shrinkage.of(e.scatter(e.value), Double.MAX_VALUE).largest();
            Matrix z = Matrix.zeros(e.rows, e.cols);
            Solution best = null;
            long total = 0;
            int capped = 0;
            double change = Double.NaN;
            boolean stopped = false;
            for (int step = 1; step <= steps && !stopped; step++) {
                double lam = lambda > 0 ? lambda : lambdaMax * Math.pow(lambdaRatio, (double) step / pathLength);
                boolean converged = false;
                Shrinkage s = null;
                for (long it = 1; it <= cap && !converged && !stopped; it++) {
                    double[] filled = z.toArray();
                    for (int k = 0; k < e.size; k++) {
                        filled[e.position[k]] = e.value[k];
                    }
                    s = Shrinkage.of(Matrix.of(e.rows, e.cols, filled), lam);
                    run.requireFinite(total + 1, s.nuclearNorm(), "nuclear norm of Z");
                    double before = z.frobeniusNorm();
                    double diff = s.matrix().minus(z).frobeniusNorm();
                    change = before > 0 ? diff / before : (diff == 0 ? 0 : Double.POSITIVE_INFINITY);
                    converged = change < tol;
                    z = s.matrix();
                    total++;
                    Matrix current = z;
                    run.iterated(total, () -> current, objective(e, e.value, z, lam, s.nuclearNorm()),
                            lam * s.nuclearNorm());
                    stopped = !converged && run.stopRequested();
                }
                if (!converged && !stopped) {
                    capped++;
                }
                Solution solution = new Solution(z, lam, objective(e, e.value, z, lam, s.nuclearNorm()),
                        lam * s.nuclearNorm(), s.rank(), problem.validation().size() > 0
                        ? problem.validation().rmse(z) : 0);
                // Without validation entries every solution scores 0 and the last, smallest λ is kept.
                if (best == null || solution.validation() <= best.validation()) {
                    best = solution;
                }
            }
            Map<String, Double> diagnostics = new TreeMap<>(Map.of("lambda", best.lambda(), "lambda_max", lambdaMax,
                    "path_length", (double) steps, "capped_solves", (double) capped, "rank", (double) best.rank()));
            StopReason status = stopped ? StopReason.INTERRUPTED : capped == 0 ? StopReason.CONVERGED
                    : StopReason.ITERATION_CAP;
            Convergence convergence = new Convergence(status, total, steps * cap,
                    "relative change of Z between iterations (every solve on the path)", tol, change, diagnostics);
            return run.finish(best.z(), best.loss(), best.penalty(), convergence);
        }
    }

    /** The solution at one λ of the path, with its objective and validation RMSE (0 without validation entries). */
    private record Solution(Matrix z, double lambda, double loss, double penalty, int rank, double validation) {
    }

    /** The study's reference: bi-scaling, λ = σ_1/50, at most 100 iterations, imputed missing entries. */
    private final class ReferenceRun {
        final EntryIndex e;
        final MethodRun run;
        final long cap = cap(REFERENCE_MAX_ITERATIONS);
        final double tol = tol(REFERENCE_TOLERANCE);

        ReferenceRun(CompletionProblem problem, Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
            this.e = EntryIndex.of(problem.train());
            this.run = new MethodRun(NAME, settings, problem, cap, evalEvery, events, stopRequested);
        }

        CompletionResult run() {
            BiScaling scaling = BiScaling.fit(e, BISCALE_TOLERANCE, BISCALE_MAX_ITERATIONS);
            double[] x = new double[e.size];
            for (int k = 0; k < e.size; k++) {
                x[k] = scaling.scale(e.row[k], e.col[k], e.value[k]);
            }
            boolean[] observed = e.mask();
            double[] filled = e.scatter(x).toArray();
            double lam = lambda > 0 ? lambda
                    : Shrinkage.of(Matrix.of(e.rows, e.cols, filled), Double.MAX_VALUE).largest()
                    / REFERENCE_LAMBDA_DIVISOR;
            boolean converged = false;
            double change = Double.NaN;
            double loss = Double.NaN;
            double penalty = Double.NaN;
            int rank = 0;
            long it = 0;
            boolean stopped = false;
            while (it < cap && !converged && !stopped) {
                it++;
                Shrinkage s = Shrinkage.of(Matrix.of(e.rows, e.cols, filled), lam);
                run.requireFinite(it, s.nuclearNorm(), "nuclear norm of Z");
                Matrix z = s.matrix();
                double diffSq = 0;
                double oldSq = 0;
                for (int p = 0; p < filled.length; p++) {
                    if (!observed[p]) {
                        double d = filled[p] - z.at(p);
                        diffSq += d * d;
                        oldSq += filled[p] * filled[p];
                        filled[p] = z.at(p);
                    }
                }
                // As the reference: no verdict while the missing entries are still all zero.
                change = oldSq > 0 ? Math.sqrt(diffSq / oldSq) : Double.POSITIVE_INFINITY;
                converged = change < tol;
                rank = s.rank();
                penalty = lam * s.nuclearNorm();
                loss = objective(e, x, z, lam, s.nuclearNorm());
                final double[] current = filled.clone();
                run.iterated(it, () -> unscale(scaling, current), loss, penalty);
                stopped = !converged && run.stopRequested();
            }
            Matrix completed = unscale(scaling, filled);
            Map<String, Double> diagnostics = Map.of("lambda", lam, "rank", (double) rank,
                    "biscale_iterations", (double) scaling.iterations,
                    "biscale_converged", scaling.converged ? 1.0 : 0.0);
            StopReason status = stopped ? StopReason.INTERRUPTED : converged ? StopReason.CONVERGED
                    : StopReason.ITERATION_CAP;
            Convergence convergence = new Convergence(status, it, cap, "relative change of the missing entries", tol,
                    change, diagnostics);
            return run.finish(completed, loss, penalty, convergence);
        }

        /** Undoes the bi-scaling; observed positions get their original values exactly, as the reference returns. */
        Matrix unscale(BiScaling scaling, double[] scaled) {
            Matrix.Builder b = Matrix.builder(e.rows, e.cols);
            for (int i = 0; i < e.rows; i++) {
                for (int j = 0; j < e.cols; j++) {
                    int p = i * e.cols + j;
                    b.set(p, scaling.unscale(i, j, scaled[p]));
                }
            }
            for (int k = 0; k < e.size; k++) {
                b.set(e.position[k], e.value[k]);
            }
            return b.build();
        }
    }

    /** Registers {@code softimpute}. */
    public static final class Provider extends BaselineProvider {
        /** The provider ServiceLoader instantiates. */
        public Provider() {
            super(NAME, "SoftImpute (Mazumder, Hastie & Tibshirani 2010): iterated singular value "
                            + "soft-thresholding on a decreasing lambda path with warm starts; reference=1 runs the "
                            + "study's variant",
                    List.of(Hyperparameter.flag("reference", false, "the study's variant: bi-scaling, "
                                    + "lambda = sigma_max/50, 100 iterations, tolerance 1e-3 on the missing entries"),
                            Hyperparameter.real("lambda", 0, 0, Double.MAX_VALUE,
                                    "a fixed lambda; 0 = the path (standard) or sigma_max/50 (reference)"),
                            Hyperparameter.integer("path_length", 20, 1, 10_000,
                                    "number of lambda values on the path"),
                            Hyperparameter.real("lambda_ratio", 1e-4, Double.MIN_NORMAL, 1,
                                    "smallest over largest lambda on the path"),
                            Hyperparameter.real("tolerance", 0, 0, 1, "stopping tolerance; 0 = 1e-5 on the "
                                    + "relative change of Z (standard), 1e-3 on the missing entries (reference)"),
                            Hyperparameter.integer("max_iterations", 0, 0, 10_000_000,
                                    "cap on iterations per lambda; 0 = 500 (standard), 100 (reference)"),
                            evalEvery(100)),
                    s -> new SoftImpute(s.flag("reference"), s.get("lambda"), (int) s.get("path_length"),
                            s.get("lambda_ratio"), s.get("tolerance"), (long) s.get("max_iterations"),
                            (long) s.get("eval_every"), s));
        }
    }
}
