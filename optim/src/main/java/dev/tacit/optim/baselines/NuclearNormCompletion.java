package dev.tacit.optim.baselines;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Spectra;
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
 * CP, minimum nuclear norm completion (Candès and Recht, "Exact matrix completion via convex optimization", Found.
 * Comput. Math. 9, 2009), with the study's box constraint:
 * <pre>
 *   minimise ‖Z‖_*  subject to  |Z_ij − M_ij| ≤ δ  for (i, j) ∈ Ω      (δ = 0: Z_ij = M_ij exactly)
 * </pre>
 * solved by ADMM (Boyd, Parikh, Chu, Peleato and Eckstein, "Distributed optimization and statistical learning via the
 * alternating direction method of multipliers", Found. Trends Mach. Learn. 3, 2011) on the splitting Z = Y, where Y
 * carries the box. In scaled form, with over-relaxation α and penalty ρ:
 * <pre>
 *   Z ← S_{1/ρ}(Y − U)                         singular value thresholding
 *   Ẑ ← α Z + (1 − α) Y
 *   Y ← Ẑ + U, then clipped to [M_ij − δ, M_ij + δ] on Ω
 *   U ← U + Ẑ − Y                               zero off Ω, so only |Ω| numbers
 * </pre>
 * It stops when both relative residuals are below the tolerance: the primal ‖Z − Y‖_F / max(‖Z‖_F, ‖Y‖_F) and the
 * dual ρ‖Y − Y_previous‖_F / ‖ρU‖_F (Boyd et al. §3.3.1 with ε_abs = 0). The result is Z, the low-rank iterate; its
 * largest violation of the box is reported with the residuals. ρ starts at 1/σ_1(P_Ω(M)) and is rebalanced every
 * {@value #ADAPT_EVERY} iterations by a factor {@value #RHO_FACTOR} when one relative residual exceeds the other
 * tenfold (Boyd et al. §3.4.1); α = {@value #RELAXATION} (§3.4.3).
 *
 * <p>Defaults: δ = 1e-3 (the study's reference, which used a conic solver), tolerance 1e-5, at most 10,000
 * iterations. Each iteration costs one singular value thresholding of an m×n matrix ({@link Shrinkage}). The
 * relative duality gap at the end is reported with the residuals. With δ = 0 ADMM needs tens of iterations; with the
 * box it converges slowly, because the dual is sparse (most observed entries end strictly inside their box, and ADMM
 * only slowly finds out which): about 2,000 to 4,000 iterations to 1e-5 on the default 100×100 problem, where the
 * metrics have settled to about 1 %.
 *
 * @param box           δ ≥ 0, the half-width of the constraint on the observed entries
 * @param tolerance     the relative primal and dual residual to reach
 * @param maxIterations the cap on ADMM iterations
 * @param evalEvery     publish an evaluation every this many iterations (0: only at the end)
 * @param settings      the resolved settings, for the run's start event
 */
public record NuclearNormCompletion(double box, double tolerance, long maxIterations, long evalEvery,
                                    Settings settings) implements CompletionMethod {

    /** Rejects settings no provider would accept. */
    public NuclearNormCompletion {
        MethodRun.require(box >= 0 && Double.isFinite(box), "box", box, "a finite number >= 0");
        MethodRun.require(tolerance > 0, "tolerance", tolerance, "positive");
        MethodRun.require(maxIterations >= 1, "max_iterations", maxIterations, "at least 1");
        MethodRun.require(evalEvery >= 0, "eval_every", evalEvery, "at least 0");
    }

    /** The method's name. */
    public static final String NAME = "cp";
    /** Over-relaxation α (Boyd et al. suggest 1.5 to 1.8). */
    static final double RELAXATION = 1.6;
    /** ρ is rebalanced at most this often, so ADMM runs with a fixed ρ in between. */
    static final int ADAPT_EVERY = 10;
    /** The factor by which ρ is raised or lowered. */
    static final double RHO_FACTOR = 2;
    /** How much larger one residual must be than the other before ρ moves. */
    static final double IMBALANCE = 10;

    @Override
    public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                     Consumer<TrainingEvent> events) {
        return complete(problem, random, events, () -> false);
    }

    /** Asked to stop, returns the current iterate's Z (feasible only to the residuals reached so far). */
    @Override
    public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                     Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
        MethodRun run = new MethodRun(NAME, settings, problem, maxIterations, evalEvery, events, stopRequested);
        EntryIndex e = EntryIndex.of(problem.train());
        Admm admm = new Admm(e, box);
        double sigma1 = Spectra.spectralNorm(e.scatter(e.value));
        if (sigma1 == 0) {
            // Every observed value is 0: Z = 0 is feasible and has the least possible norm.
            return run.finish(Matrix.zeros(e.rows, e.cols), 0, Double.NaN, new Convergence(
                    StopReason.CONVERGED, 0, maxIterations, CRITERION, tolerance, 0, Map.of()));
        }
        double rho = 1 / sigma1;
        double[] x = admm.start();
        Admm.Step step = null;
        long it = 0;
        boolean converged = false;
        boolean stopped = false;
        while (it < maxIterations && !converged && !stopped) {
            it++;
            step = admm.step(x, rho);
            run.requireFinite(it, step.z().nuclearNorm(), "nuclear norm of Z");
            converged = step.primal() <= tolerance && step.dual() <= tolerance;
            Shrinkage current = step.z();
            run.iterated(it, current::matrix, current.nuclearNorm(), Double.NaN);
            stopped = !converged && run.stopRequested();
            x = step.next();
            if (!converged && it % ADAPT_EVERY == 0) {
                // Scaled form: U holds the dual divided by ρ, so it moves inversely to ρ.
                if (step.primal() > IMBALANCE * step.dual()) {
                    rho *= RHO_FACTOR;
                    admm.scaleDual(x, 1 / RHO_FACTOR);
                } else if (step.dual() > IMBALANCE * step.primal()) {
                    rho /= RHO_FACTOR;
                    admm.scaleDual(x, RHO_FACTOR);
                }
            }
        }
        Matrix result = step.z().matrix();
        Map<String, Double> diagnostics = new TreeMap<>(Map.of("primal_residual", step.primal(),
                "dual_residual", step.dual(), "box_violation", admm.violation(result),
                "rank", (double) step.z().rank(), "rho", rho, "nuclear_norm", step.z().nuclearNorm(),
                "duality_gap", admm.relativeGap(x, rho)));
        StopReason status = stopped ? StopReason.INTERRUPTED : converged ? StopReason.CONVERGED
                : StopReason.ITERATION_CAP;
        Convergence convergence = new Convergence(status, it, maxIterations, CRITERION, tolerance,
                Math.max(step.primal(), step.dual()), diagnostics);
        return run.finish(result, step.z().nuclearNorm(), Double.NaN, convergence);
    }

    @Override
    public boolean stopsOnRequest() {
        return true;
    }

    private static final String CRITERION = "max of the relative primal and dual ADMM residuals";

    /**
     * One over-relaxed ADMM iteration as a map on the state x = (Y, U): Y is m×n row-major, U one value per observed
     * entry (it is zero elsewhere).
     */
    private static final class Admm {
        final EntryIndex e;
        final int size;
        final double box;
        final double[] lower;
        final double[] upper;

        Admm(EntryIndex e, double box) {
            this.e = e;
            this.size = e.rows * e.cols;
            this.box = box;
            lower = new double[e.size];
            upper = new double[e.size];
            for (int k = 0; k < e.size; k++) {
                lower[k] = e.value[k] - box;
                upper[k] = e.value[k] + box;
            }
        }

        /** @return Y = P_Ω(M), U = 0 */
        double[] start() {
            double[] x = new double[size + e.size];
            for (int k = 0; k < e.size; k++) {
                x[e.position[k]] = e.value[k];
            }
            return x;
        }

        /**
         * One iteration's outcome.
         *
         * @param next   the new state (Y', U')
         * @param z      Z = S_{1/ρ}(Y − U)
         * @param primal relative primal residual ‖Z − Y'‖ / max(‖Z‖, ‖Y'‖)
         * @param dual   relative dual residual ρ‖Y' − Y‖ / ‖ρU'‖
         */
        record Step(double[] next, Shrinkage z, double primal, double dual) {
        }

        Step step(double[] x, double rho) {
            double[] a = java.util.Arrays.copyOf(x, size);
            for (int k = 0; k < e.size; k++) {
                a[e.position[k]] -= x[size + k];
            }
            Shrinkage z = Shrinkage.of(Matrix.of(e.rows, e.cols, a), 1 / rho);
            Matrix zm = z.matrix();
            double[] next = new double[x.length];
            for (int p = 0; p < size; p++) {
                next[p] = RELAXATION * zm.at(p) + (1 - RELAXATION) * x[p];
            }
            // Off Ω, U = 0 and Y = Ẑ; on Ω, Y = clip(Ẑ + U) and U += Ẑ − Y.
            for (int k = 0; k < e.size; k++) {
                int p = e.position[k];
                double relaxed = next[p];
                double u = x[size + k];
                double clipped = Math.min(upper[k], Math.max(lower[k], relaxed + u));
                next[size + k] = u + relaxed - clipped;
                next[p] = clipped;
            }
            double primalSq = 0;
            double dualSq = 0;
            double zSq = 0;
            double ySq = 0;
            for (int p = 0; p < size; p++) {
                double zp = zm.at(p);
                double dz = zp - next[p];
                double dy = next[p] - x[p];
                primalSq += dz * dz;
                dualSq += dy * dy;
                zSq += zp * zp;
                ySq += next[p] * next[p];
            }
            double uSq = 0;
            for (int k = 0; k < e.size; k++) {
                uSq += next[size + k] * next[size + k];
            }
            double primal = Math.sqrt(primalSq) / Math.max(Math.sqrt(Math.max(zSq, ySq)), Double.MIN_NORMAL);
            double dual = Math.sqrt(dualSq) / Math.max(Math.sqrt(uSq), Double.MIN_NORMAL);
            return new Step(next, z, primal, dual);
        }

        void scaleDual(double[] x, double factor) {
            for (int k = 0; k < e.size; k++) {
                x[size + k] *= factor;
            }
        }

        /**
         * The relative duality gap (P − D)/P at the state x, a certificate of how close the objective is to its
         * minimum. P = ‖Y‖_* for Y, which satisfies the constraints; D = ⟨ŷ, M⟩ − δ‖ŷ‖_1 for the dual estimate −ρU
         * scaled into the dual's feasible set ‖ŷ‖_2 ≤ 1 (the dual of the problem is: maximise ⟨y, M⟩ − δ‖y‖_1 over y
         * supported on Ω with spectral norm at most 1). Costs two extra SVDs, so it is computed once, at the end.
         */
        double relativeGap(double[] x, double rho) {
            double primal = Spectra.nuclearNorm(Matrix.of(e.rows, e.cols, java.util.Arrays.copyOf(x, size)));
            double[] y = new double[e.size];
            for (int k = 0; k < e.size; k++) {
                y[k] = -rho * x[size + k];
            }
            double scale = Math.max(1, Spectra.spectralNorm(e.scatter(y)));
            double dual = 0;
            for (int k = 0; k < e.size; k++) {
                double yk = y[k] / scale;
                dual += yk * e.value[k] - box * Math.abs(yk);
            }
            return primal > 0 ? (primal - dual) / primal : 0;
        }

        /** @return the largest amount by which Z leaves the box on Ω, 0 if it does not */
        double violation(Matrix z) {
            double v = 0;
            for (int k = 0; k < e.size; k++) {
                v = Math.max(v, Math.abs(z.at(e.position[k]) - e.value[k]) - box);
            }
            return v;
        }
    }

    /** Registers {@code cp}. */
    public static final class Provider extends BaselineProvider {
        /** The provider ServiceLoader instantiates. */
        public Provider() {
            super(NAME, "minimum nuclear norm completion with |Z_ij - M_ij| <= box on the observed entries "
                            + "(Candes & Recht 2009), solved by ADMM",
                    List.of(Hyperparameter.real("box", 1e-3, 0, Double.MAX_VALUE,
                                    "half-width of the constraint on observed entries; 0 = exact equality"),
                            Hyperparameter.real("tolerance", 1e-5, 1e-15, 1,
                                    "relative primal and dual residual at which ADMM stops"),
                            Hyperparameter.integer("max_iterations", 10_000, 1, 10_000_000, "cap on ADMM iterations"),
                            evalEvery(100)),
                    s -> new NuclearNormCompletion(s.get("box"), s.get("tolerance"), (long) s.get("max_iterations"),
                            (long) s.get("eval_every"), s));
        }
    }
}
