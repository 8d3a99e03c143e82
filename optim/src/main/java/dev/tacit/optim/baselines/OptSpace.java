package dev.tacit.optim.baselines;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Vectors;
import dev.tacit.algebra.Spectra;
import dev.tacit.algebra.Svd;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.Convergence;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.InvalidValueException;
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
 * OptSpace (Keshavan, Montanari and Oh, "Matrix completion from a few entries", IEEE Trans. Inf. Theory 56, 2010;
 * "Matrix completion from noisy entries", JMLR 11, 2010), with the rank estimate and defaults of the authors'
 * reference implementation:
 * <ol>
 *   <li>Rescale the observed values M so that Σ_Ω M_ij² = |Ω|·r (the tolerance below is on this scale).</li>
 *   <li>Trim: zero every row with more than 2|Ω|/m observed entries and every column with more than 2|Ω|/n, as the
 *       paper states (the reference implementation instead keeps a random 2|Ω|/m of them).</li>
 *   <li>Project: X₀, Y₀ are the top r left and right singular vectors of the trimmed matrix (mn/|Ω|)·M̃^Ω.</li>
 *   <li>Clean: minimise F(X, Y) = min_S ½‖P_Ω(M − X S Yᵀ)‖_F² over X (m×r) and Y (n×r) with orthonormal columns
 *       (a product of Grassmann manifolds), alternating the r×r least-squares fit of S with one gradient step:
 *       the Riemannian gradient G = (I − XXᵀ)∂F/∂X (and likewise for Y), a step along the geodesic in the direction
 *       −G (Edelman, Arias and Smith 1998: X(t) = X V cos(Σt) Vᵀ + U sin(Σt) Vᵀ for −G = U Σ Vᵀ), its length by
 *       Armijo backtracking F(t) ≤ F(0) − ½ t ‖G‖² with S fixed, at most {@value #HALVINGS} halvings (the
 *       reference's line search).</li>
 * </ol>
 * It stops when ‖P_Ω(M − X S Yᵀ)‖_F / sqrt(|Ω|) on the rescaled values falls below the tolerance (converged), when
 * the line search finds no decrease (stalled), or at the iteration cap. Defaults as the reference: 50 iterations,
 * tolerance 1e-6, the rank estimated when not given, and no incoherence regulariser (the reference sets its weight
 * ρ to 0).
 *
 * <p>Rank estimate (the reference's {@code guessRank}, Keshavan and Oh, arXiv:0910.5260): from the singular values
 * σ_1 ≥ … ≥ σ_p of the zero-filled observed matrix (p = min(100, m, n)), r = max(r₁, r₂) where r₂ minimises
 * (σ_{i+1} + σ_1 sqrt(i/ε))/σ_i with ε = |Ω|/sqrt(mn), and r₁ is the first gap that stands out: with the gaps
 * d_i = σ_i − σ_{i+1} divided by the mean of the last eleven, r₁ = argmin_i (λ·max_{k≥i} d_k + i) − 1 for the
 * smallest λ = 0.05, 0.10, … that makes it positive (at most {@value #GAP_ROUNDS} values of λ).
 *
 * @param rank          r, or 0 to estimate it
 * @param maxIterations the cap on gradient steps
 * @param tolerance     the observed-entry RMS residual (on the rescaled values) at which it stops
 * @param trim          whether to trim over-represented rows and columns before the spectral start
 * @param evalEvery     publish an evaluation every this many iterations (0: only at the end)
 * @param settings      the resolved settings, for the run's start event
 */
public record OptSpace(int rank, long maxIterations, double tolerance, boolean trim, long evalEvery,
                       Settings settings) implements CompletionMethod {

    /** Rejects settings no provider would accept. */
    public OptSpace {
        MethodRun.require(rank >= 0, "rank", rank, "at least 0 (0 to estimate it)");
        MethodRun.require(maxIterations >= 0, "max_iterations", maxIterations, "at least 0");
        MethodRun.require(tolerance >= 0, "tolerance", tolerance, "at least 0");
        MethodRun.require(evalEvery >= 0, "eval_every", evalEvery, "at least 0");
    }

    /** The method's name. */
    public static final String NAME = "optspace";
    /** The line search halves its step at most this many times (the reference's 20). */
    static final int HALVINGS = 20;
    /** The Armijo constant of the reference's line search. */
    static final double ARMIJO = 0.5;
    /** Rounds of the gap heuristic's λ before giving up on r₁. */
    static final int GAP_ROUNDS = 100_000;
    /** The rank estimate looks at this many singular values at most (the reference's 100). */
    static final int RANK_WINDOW = 100;

    @Override
    public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                     Consumer<TrainingEvent> events) {
        return complete(problem, random, events, () -> false);
    }

    /** Asked to stop, returns the current factors' completion. */
    @Override
    public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                     Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
        int smaller = Math.min(problem.rows(), problem.cols());
        if (rank > smaller) {
            throw new InvalidValueException("rank", rank, "at most " + smaller + " for a " + problem.rows() + "x"
                    + problem.cols() + " matrix (0 to estimate it)");
        }
        MethodRun run = new MethodRun(NAME, settings, problem, maxIterations, evalEvery, events, stopRequested);
        EntryIndex e = EntryIndex.of(problem.train());
        Matrix observed = e.scatter(e.value);
        int r = rank > 0 ? rank : estimateRank(Spectra.singularValues(observed), e.size, e.rows, e.cols);
        double sumSq = e.sumOfSquares();
        if (sumSq == 0) {
            return run.finish(Matrix.zeros(e.rows, e.cols), 0, Double.NaN, new Convergence(
                    StopReason.CONVERGED, 0, maxIterations, CRITERION, tolerance, 0, Map.of("rank", 0.0)));
        }
        double rescale = Math.sqrt(e.size * (double) r / sumSq);
        double[] m = new double[e.size];
        for (int k = 0; k < e.size; k++) {
            m[k] = rescale * e.value[k];
        }
        int[] trimmed = new int[2];
        Matrix start = trim ? trimmed(e, m, trimmed) : e.scatter(m);
        Svd svd = Spectra.svd(start.scale((double) e.rows * e.cols / e.size));
        Fit fit = new Fit(e, m, r, orthonormal(rowsOf(Shrinkage.leadingColumns(svd.u(), r))),
                orthonormal(rowsOf(Shrinkage.leadingColumns(svd.v(), r))));

        long it = 0;
        StopReason status = null;
        double step = Double.NaN;
        while (status == null) {
            if (fit.distance() < tolerance) {
                status = StopReason.CONVERGED;
            } else if (it == maxIterations) {
                status = StopReason.ITERATION_CAP;
            } else {
                it++;
                step = fit.descend(Double.isNaN(step) ? Double.NaN : 2 * step);
                run.requireFinite(it, fit.objective, "residual on the observed entries");
                if (step == 0) {
                    status = StopReason.STALLED;
                }
                run.iterated(it, () -> fit.completed(rescale), fit.objective / (rescale * rescale), Double.NaN);
                if (status == null && run.stopRequested()) {
                    status = StopReason.INTERRUPTED;
                }
            }
        }
        Map<String, Double> diagnostics = new TreeMap<>(Map.of("rank", (double) r,
                "rank_estimated", rank > 0 ? 0.0 : 1.0, "trimmed_rows", (double) trimmed[0],
                "trimmed_columns", (double) trimmed[1]));
        Convergence convergence = new Convergence(status, it, maxIterations, CRITERION, tolerance, fit.distance(),
                diagnostics);
        return run.finish(fit.completed(rescale), fit.objective / (rescale * rescale), Double.NaN, convergence);
    }

    @Override
    public boolean stopsOnRequest() {
        return true;
    }

    private static final String CRITERION = "RMS residual on the observed entries, rescaled to mean square r";

    /**
     * The reference's rank estimate, r = max(r₁, r₂), between 1 and the number of singular values considered.
     *
     * @param sigma    singular values of the zero-filled observed matrix, descending
     * @param observed |Ω|
     * @param rows     m
     * @param cols     n
     * @return the estimated rank
     */
    static int estimateRank(double[] sigma, int observed, int rows, int cols) {
        int p = Math.min(RANK_WINDOW, sigma.length);
        if (p < 2 || sigma[0] == 0) {
            return 1;
        }
        double eps = observed / Math.sqrt((double) rows * cols);
        int r2 = 1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int i = 1; i < p; i++) {
            double cost = (sigma[i] + sigma[0] * Math.sqrt(i / eps)) / sigma[i - 1];
            if (cost < bestCost) {
                bestCost = cost;
                r2 = i;
            }
        }
        return Math.max(1, Math.max(r2, gapRank(sigma, p)));
    }

    /** r₁ of the reference: the first singular value gap that stands out from the tail's gaps; 0 if none does. */
    private static int gapRank(double[] sigma, int p) {
        int gaps = p - 1;
        double[] d = new double[gaps];
        for (int i = 0; i < gaps; i++) {
            d[i] = sigma[i] - sigma[i + 1];
        }
        double tail = 0;
        int from = Math.max(0, gaps - 11);
        for (int i = from; i < gaps; i++) {
            tail += d[i];
        }
        tail /= gaps - from;
        if (!(tail > 0)) {
            return 0;
        }
        double[] suffixMax = new double[gaps];
        double running = Double.NEGATIVE_INFINITY;
        for (int i = gaps - 1; i >= 0; i--) {
            running = Math.max(running, d[i] / tail);
            suffixMax[i] = running;
        }
        for (int round = 1; round <= GAP_ROUNDS; round++) {
            double lambda = 0.05 * round;
            int argmin = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < gaps; i++) {
                double cost = lambda * suffixMax[i] + (i + 1);
                if (cost < best) {
                    best = cost;
                    argmin = i;
                }
            }
            if (argmin > 0) {
                return argmin;
            }
        }
        return 0;
    }

    /** The rescaled observed matrix with over-represented rows and columns zeroed; counts them in {@code trimmed}. */
    private static Matrix trimmed(EntryIndex e, double[] values, int[] trimmed) {
        int[] rowCount = e.rowCounts();
        int[] colCount = e.colCounts();
        double rowLimit = 2.0 * e.size / e.rows;
        double colLimit = 2.0 * e.size / e.cols;
        double[] kept = values.clone();
        for (int k = 0; k < e.size; k++) {
            if (rowCount[e.row[k]] > rowLimit || colCount[e.col[k]] > colLimit) {
                kept[k] = 0;
            }
        }
        for (int c : rowCount) {
            trimmed[0] += c > rowLimit ? 1 : 0;
        }
        for (int c : colCount) {
            trimmed[1] += c > colLimit ? 1 : 0;
        }
        return e.scatter(kept);
    }

    private static double[][] rowsOf(Matrix m) {
        return m.toRows();
    }

    /**
     * Modified Gram-Schmidt on the columns, twice, so the columns stay orthonormal to rounding after many geodesic
     * steps; a column that vanishes is replaced by the first coordinate vector it is not spanned by.
     */
    static double[][] orthonormal(double[][] x) {
        int n = x.length;
        int r = n == 0 ? 0 : x[0].length;
        double[][] q = new double[r][n];
        for (int c = 0; c < r; c++) {
            for (int i = 0; i < n; i++) {
                q[c][i] = x[i][c];
            }
        }
        // Vectors.orthonormalize stops at a column spanned by the ones before it: replace it by the next coordinate
        // vector and go on from there.
        int fallback = 0;
        for (int c = Vectors.orthonormalize(q, 0, n, 1e-8); c < r; c = Vectors.orthonormalize(q, c, n, 1e-8)) {
            if (fallback > 2 * n) {
                throw new IllegalStateException("cannot complete " + r + " orthonormal columns in dimension " + n);
            }
            java.util.Arrays.fill(q[c], 0);
            q[c][fallback++ % n] = 1;
        }
        double[][] out = new double[n][r];
        for (int c = 0; c < r; c++) {
            for (int i = 0; i < n; i++) {
                out[i][c] = q[c][i];
            }
        }
        return out;
    }

    /**
     * The current X, Y, S on the rescaled observed values, with the residual R = P_Ω(M − X S Yᵀ) and F = ½‖R‖².
     * X and Y are arrays of rows, so the sparse products touch only the observed entries.
     */
    private static final class Fit {
        final EntryIndex e;
        final double[] m;
        final int r;
        double[][] x;
        double[][] y;
        double[][] s;
        double[] residual;
        double objective;

        Fit(EntryIndex e, double[] m, int r, double[][] x, double[][] y) {
            this.e = e;
            this.m = m;
            this.r = r;
            this.x = x;
            this.y = y;
            this.s = fitS(x, y);
            this.residual = residual(x, s, y);
            this.objective = half(residual);
        }

        /** @return ‖R‖ / sqrt(|Ω|), the reference's distance */
        double distance() {
            return Math.sqrt(2 * objective / e.size);
        }

        Matrix completed(double rescale) {
            return Matrix.fromRows(x).multiply(Matrix.fromRows(s)).multiplyTranspose(Matrix.fromRows(y))
                    .scale(1 / rescale);
        }

        /**
         * One gradient step along the geodesic, then a new S.
         *
         * @param firstStep the first step length to try, NaN for a default from the curvature
         * @return the step length taken, 0 if the line search found no decrease
         */
        double descend(double firstStep) {
            double[][] xs = product(x, s, false);
            double[][] yst = product(y, s, true);
            double[][] gx = new double[x.length][r];
            double[][] gy = new double[y.length][r];
            for (int k = 0; k < e.size; k++) {
                double rk = residual[k];
                double[] gxi = gx[e.row[k]];
                double[] gyj = gy[e.col[k]];
                double[] ysj = yst[e.col[k]];
                double[] xsi = xs[e.row[k]];
                for (int a = 0; a < r; a++) {
                    gxi[a] -= rk * ysj[a];
                    gyj[a] -= rk * xsi[a];
                }
            }
            project(x, gx);
            project(y, gy);
            double gradSq = sumOfSquares(gx) + sumOfSquares(gy);
            if (gradSq == 0) {
                return 0;
            }
            Geodesic gX = new Geodesic(x, gx);
            Geodesic gY = new Geodesic(y, gy);
            double t = firstStep;
            if (Double.isNaN(t)) {
                // F is about ½·(|Ω|/mn)·‖ΔX S‖² near the optimum, so this step is Newton's along the largest direction.
                double sigma = Spectra.spectralNorm(Matrix.fromRows(s));
                t = (double) x.length * y.length / (e.size * sigma * sigma);
            }
            for (int h = 0; h <= HALVINGS; h++, t /= 2) {
                double[][] xt = gX.at(t);
                double[][] yt = gY.at(t);
                double[] rt = residual(xt, s, yt);
                if (half(rt) <= objective - ARMIJO * t * gradSq) {
                    x = orthonormal(xt);
                    y = orthonormal(yt);
                    s = fitS(x, y);
                    residual = residual(x, s, y);
                    objective = half(residual);
                    return t;
                }
            }
            return 0;
        }

        /** R_k = M_k − x_iᵀ S y_j for every observed entry. */
        double[] residual(double[][] xx, double[][] ss, double[][] yy) {
            double[][] xs = product(xx, ss, false);
            double[] out = new double[e.size];
            for (int k = 0; k < e.size; k++) {
                double[] a = xs[e.row[k]];
                double[] b = yy[e.col[k]];
                double d = 0;
                for (int c = 0; c < r; c++) {
                    d += a[c] * b[c];
                }
                out[k] = m[k] - d;
            }
            return out;
        }

        /**
         * S = argmin Σ_Ω (M_ij − x_iᵀ S y_j)², from the normal equations in vec(S): the matrix is
         * Σ_i (x_i x_iᵀ) ⊗ (Σ_{j ∈ Ω_i} y_j y_jᵀ), built row by row in O(|Ω| r² + m r⁴).
         */
        double[][] fitS(double[][] xx, double[][] yy) {
            int q = r * r;
            double[][] normal = new double[q][q];
            double[] rhs = new double[q];
            double[][] c = new double[r][r];
            double[] my = new double[r];
            for (int i = 0; i < xx.length; i++) {
                if (e.rowStart[i] == e.rowStart[i + 1]) {
                    continue;
                }
                for (double[] row : c) {
                    java.util.Arrays.fill(row, 0);
                }
                java.util.Arrays.fill(my, 0);
                for (int p = e.rowStart[i]; p < e.rowStart[i + 1]; p++) {
                    int k = e.byRow[p];
                    double[] yj = yy[e.col[k]];
                    for (int b = 0; b < r; b++) {
                        my[b] += m[k] * yj[b];
                        for (int d = 0; d < r; d++) {
                            c[b][d] += yj[b] * yj[d];
                        }
                    }
                }
                double[] xi = xx[i];
                for (int a = 0; a < r; a++) {
                    for (int b = 0; b < r; b++) {
                        rhs[a * r + b] += xi[a] * my[b];
                        double[] nrow = normal[a * r + b];
                        for (int cc = 0; cc < r; cc++) {
                            double w = xi[a] * xi[cc];
                            for (int d = 0; d < r; d++) {
                                nrow[cc * r + d] += w * c[b][d];
                            }
                        }
                    }
                }
            }
            double[] sol = SymmetricSolve.solve(normal, rhs);
            double[][] out = new double[r][r];
            for (int a = 0; a < r; a++) {
                System.arraycopy(sol, a * r, out[a], 0, r);
            }
            return out;
        }
    }

    /** The geodesic from X in a tangent direction −G, precomputed so each trial step costs O(m r²). */
    private static final class Geodesic {
        final double[][] xv;
        final double[][] u;
        final double[] sigma;
        final double[][] vt;

        Geodesic(double[][] x, double[][] g) {
            Svd svd = Spectra.svd(Matrix.fromRows(g).scale(-1));
            xv = Matrix.fromRows(x).multiply(svd.v()).toRows();
            u = svd.u().toRows();
            sigma = svd.singularValues();
            vt = svd.v().transpose().toRows();
        }

        /** X(t) = (X V cos(Σt) + U sin(Σt)) Vᵀ. */
        double[][] at(double t) {
            int n = xv.length;
            int r = sigma.length;
            double[] cos = new double[r];
            double[] sin = new double[r];
            for (int a = 0; a < r; a++) {
                cos[a] = Math.cos(sigma[a] * t);
                sin[a] = Math.sin(sigma[a] * t);
            }
            double[][] out = new double[n][r];
            double[] tmp = new double[r];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < r; a++) {
                    tmp[a] = xv[i][a] * cos[a] + u[i][a] * sin[a];
                }
                for (int b = 0; b < r; b++) {
                    double v = 0;
                    for (int a = 0; a < r; a++) {
                        v += tmp[a] * vt[a][b];
                    }
                    out[i][b] = v;
                }
            }
            return out;
        }
    }

    /** A·S (or A·Sᵀ) for an array of rows A (n×r) and S (r×r). */
    private static double[][] product(double[][] a, double[][] s, boolean transposeS) {
        int r = s.length;
        double[][] out = new double[a.length][r];
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < r; c++) {
                double v = 0;
                for (int b = 0; b < r; b++) {
                    v += a[i][b] * (transposeS ? s[c][b] : s[b][c]);
                }
                out[i][c] = v;
            }
        }
        return out;
    }

    /** G ← G − X (Xᵀ G): the component tangent to the Grassmann manifold at X (orthonormal columns). */
    private static void project(double[][] x, double[][] g) {
        int r = x.length == 0 ? 0 : x[0].length;
        double[][] xtg = new double[r][r];
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < r; a++) {
                for (int b = 0; b < r; b++) {
                    xtg[a][b] += x[i][a] * g[i][b];
                }
            }
        }
        for (int i = 0; i < x.length; i++) {
            for (int b = 0; b < r; b++) {
                double v = 0;
                for (int a = 0; a < r; a++) {
                    v += x[i][a] * xtg[a][b];
                }
                g[i][b] -= v;
            }
        }
    }

    private static double sumOfSquares(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return s;
    }

    private static double half(double[] residual) {
        double s = 0;
        for (double v : residual) {
            s += v * v;
        }
        return 0.5 * s;
    }

    /** Registers {@code optspace}. */
    public static final class Provider extends BaselineProvider {
        /** The provider ServiceLoader instantiates. */
        public Provider() {
            super(NAME, "OptSpace (Keshavan, Montanari & Oh 2010): trimming, spectral start, then gradient descent "
                            + "on the Grassmann manifold with line search",
                    List.of(Hyperparameter.integer("rank", 0, 0, 100_000, "rank of the completion; 0 = estimate it"),
                            Hyperparameter.integer("max_iterations", 50, 0, 10_000_000, "cap on gradient steps"),
                            Hyperparameter.real("tolerance", 1e-6, 0, 1, "RMS residual on the observed entries "
                                    + "(rescaled to mean square r) at which it stops"),
                            Hyperparameter.flag("trim", true, "trim over-represented rows and columns first"),
                            evalEvery(10)),
                    s -> new OptSpace((int) s.get("rank"), (long) s.get("max_iterations"), s.get("tolerance"),
                            s.flag("trim"), (long) s.get("eval_every"), s));
        }
    }
}
