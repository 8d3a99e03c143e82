package dev.tacit.algebra;

import java.util.Arrays;

/**
 * Thin SVD by one-sided Jacobi (Hestenes 1958; accuracy: Demmel and Veselić, SIAM J. Matrix Anal. Appl. 13, 1992),
 * preconditioned by the eigenvectors of the Gram matrix.
 *
 * <p>On the oriented matrix A (W if m ≥ n, else Wᵀ; A has k = min(m, n) columns) it starts from V₀, the
 * eigenvectors of AᵀA ({@link SymmetricEigen}). It then rotates pairs of columns of X = A·V₀ until every pair is
 * orthogonal to within {@value #ORTHOGONALITY}·‖x_p‖‖x_q‖, accumulating the rotations into V. Finally σ_p = ‖x_p‖ and
 * u_p = x_p/σ_p. Columns orthogonal to τ make U Vᵀ the polar factor of W to within about k·τ, whatever the
 * condition number, which is the accuracy the penalties need.
 *
 * <p>Why both stages: the Gram eigenvectors are cheap (two products and a tridiagonal QR) and leave X nearly
 * orthogonal, but they resolve singular values below about sqrt(eps)·σ_max poorly; the Jacobi sweeps that follow
 * restore Jacobi's accuracy for tiny singular values and usually need two or three sweeps. (A warm start from the
 * previous training step's basis was measured and rejected: training reshuffles the many tiny singular directions at
 * every step, so it needed 3 to 7 times more rotations than the Gram start.)
 */
public final class JacobiSvd {

    /** Hard cap on sweeps; a finite matrix converges in far fewer (quadratically once nearly diagonal). */
    public static final int MAX_SWEEPS = 80;

    /** Columns count as orthogonal when |x_p·x_q| ≤ ORTHOGONALITY·‖x_p‖‖x_q‖. */
    public static final double ORTHOGONALITY = 1e-12;

    private JacobiSvd() {
    }

    /**
     * The outcome of a decomposition.
     *
     * @param svd       the thin SVD, singular values descending
     * @param sweeps    Jacobi sweeps used (the last one found every pair orthogonal)
     * @param rotations plane rotations applied
     */
    public record Result(Svd svd, int sweeps, long rotations) {
    }

    /**
     * The decomposition, with the threads of {@link Parallelism#current()}.
     *
     * @param w a finite matrix
     * @return its thin SVD and how much work it took
     */
    public static Result decompose(Matrix w) {
        return decompose(w, Parallelism.current());
    }

    /**
     * @param w           a finite matrix
     * @param parallelism threads for the Gram matrix, its eigensolver and the products (the sweeps run on the calling
     *                    thread); the result does not depend on them
     * @return its thin SVD and how much work it took
     */
    public static Result decompose(Matrix w, Parallelism parallelism) {
        Parallelism par = java.util.Objects.requireNonNull(parallelism, "parallelism");
        if (!w.isFinite()) {
            throw new IllegalArgumentException("cannot decompose a matrix with NaN or infinite entries (" + w.shape() + ")");
        }
        int m = w.rows();
        int n = w.cols();
        boolean transposed = m < n;
        int k = Math.min(m, n);
        int len = Math.max(m, n);
        if (k == 0) {
            return new Result(new Svd(Matrix.zeros(m, 0), new double[0], Matrix.zeros(n, 0)), 0, 0);
        }
        double[] wd = Matrix.storage(w);
        // at = Aᵀ (k×len), where A = W if m ≥ n, else Wᵀ: row p of at is column p of A.
        double[] at = transposed ? wd : Kernels.transpose(wd, m, n);
        // The Gram matrix squares the entries: bring the largest near 1 by a power of two (exact) so it can neither
        // overflow nor underflow, and scale the singular values back at the end.
        int exponent = w.maxAbs() == 0 ? 0 : Math.getExponent(w.maxAbs());
        if (exponent != 0) {
            double scale = Math.scalb(1.0, -exponent);
            double[] scaled = new double[at.length];
            for (int i = 0; i < at.length; i++) {
                scaled[i] = at[i] * scale;
            }
            at = scaled;
        }

        // AᵀA = (Aᵀ)(Aᵀ)ᵀ; its eigenvectors make the columns of A·V₀ nearly orthogonal.
        double[] gram = Kernels.gramOfRows(par, at, k, len);
        double[][] vt = SymmetricEigen.decomposeRows(rows(gram, k, k), new double[k], par);
        // Xᵀ = V₀ᵀ Aᵀ: row p is A·v_p.
        double[] xtFlat = Kernels.multiply(par, flat(vt, k), k, k, false, at, len);
        // Every inner product the first sweep needs, in one blocked product rather than k²/2 separate dot products.
        double[] inner = Kernels.gramOfRows(par, xtFlat, k, len);
        double[][] xt = rows(xtFlat, k, len);

        Sweeps s = orthogonalize(xt, vt, len, inner, par);

        double[] sigma = new double[k];
        for (int p = 0; p < k; p++) {
            sigma[p] = Math.scalb(Vectors.norm2(xt[p], 0, len), exponent);
        }
        int[] order = IndexSort.descending(sigma);
        double[] sortedSigma = new double[k];
        double[] uo = new double[len * k];   // oriented U: len×k
        double[] vo = new double[k * k];     // oriented V: k×k
        for (int c = 0; c < k; c++) {
            int p = order[c];
            double sp = sigma[p];
            sortedSigma[c] = sp;
            double inv = sp > 0 ? 1.0 / Math.scalb(sp, -exponent) : 0.0;
            double[] x = xt[p];
            for (int i = 0; i < len; i++) {
                uo[i * k + c] = x[i] * inv;
            }
            double[] v = vt[p];
            for (int j = 0; j < k; j++) {
                vo[j * k + c] = v[j];
            }
        }
        Matrix uOriented = new Matrix(len, k, uo);
        Matrix vOriented = new Matrix(k, k, vo);
        Svd svd = transposed
                ? new Svd(vOriented, sortedSigma, uOriented)
                : new Svd(uOriented, sortedSigma, vOriented);
        return new Result(svd, s.sweeps, s.rotations);
    }

    /** Sweep counts of one decomposition. */
    private record Sweeps(int sweeps, long rotations) {
    }

    /**
     * Cyclic one-sided Jacobi on the rows of xt (the columns of X), accumulating the rotations into the rows of vt.
     *
     * <p>Inner products come from a table of all of them (one blocked, vectorised product) for columns unchanged
     * since the table was computed, and from a dot product otherwise. The table is recomputed at the start of a
     * sweep when more than half the columns changed in the last one (then nearly every pair must be checked again);
     * otherwise only pairs with a changed column are revisited (logical clocks: a pair is skipped when it was found
     * orthogonal after both its columns last changed).
     */
    private static Sweeps orthogonalize(double[][] xt, double[][] vt, int len, double[] initialInner, Parallelism par) {
        int k = xt.length;
        double tol = ORTHOGONALITY;
        double[] inner = initialInner;
        double[] norms2 = new double[k];
        for (int p = 0; p < k; p++) {
            norms2[p] = inner[p * k + p];
        }
        long clock = 0;
        long tableClock = 0;                 // the inner-product table is exact for columns unmodified since then
        long[] modified = new long[k];
        long[] checked = new long[k * k];
        Arrays.fill(checked, -1);
        int sweeps = 0;
        long rotations = 0;
        boolean rotated = true;
        while (rotated) {
            if (sweeps == MAX_SWEEPS) {
                throw new ArithmeticException("Jacobi SVD with " + k + " columns did not converge in " + MAX_SWEEPS
                        + " sweeps");
            }
            if (sweeps > 0 && 2 * changedSince(modified, tableClock) > k) {
                inner = Kernels.gramOfRows(par, flat(xt, len), k, len);
                for (int p = 0; p < k; p++) {
                    norms2[p] = inner[p * k + p];
                }
                tableClock = clock;
            }
            sweeps++;
            rotated = false;
            for (int p = 0; p < k - 1; p++) {
                double[] xp = xt[p];
                for (int q = p + 1; q < k; q++) {
                    int pq = p * k + q;
                    if (checked[pq] > Math.max(modified[p], modified[q])) {
                        continue;
                    }
                    double a = norms2[p];
                    double b = norms2[q];
                    if (a == 0 || b == 0) {
                        checked[pq] = ++clock;
                        continue;
                    }
                    double[] xq = xt[q];
                    boolean fresh = modified[p] <= tableClock && modified[q] <= tableClock;
                    double g = fresh ? inner[pq] : Vectors.dot(xp, 0, xq, 0, len);
                    if (Math.abs(g) <= tol * Math.sqrt(a) * Math.sqrt(b)) {
                        checked[pq] = ++clock;
                        continue;
                    }
                    double zeta = (b - a) / (2 * g);
                    double t = (zeta >= 0 ? 1.0 : -1.0) / (Math.abs(zeta) + Math.hypot(1.0, zeta));
                    double c = 1.0 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    rotate(xp, xq, c, s);
                    rotate(vt[p], vt[q], c, s);
                    // The exact new squared norms are a − t·g and b + t·g; recompute when cancellation could bite.
                    double na = a - t * g;
                    double nb = b + t * g;
                    norms2[p] = na > 0.5 * a ? na : Vectors.dot(xp, 0, xp, 0, len);
                    norms2[q] = nb > 0.5 * b ? nb : Vectors.dot(xq, 0, xq, 0, len);
                    modified[p] = ++clock;
                    modified[q] = clock;
                    rotations++;
                    rotated = true;
                }
            }
        }
        return new Sweeps(sweeps, rotations);
    }

    private static int changedSince(long[] modified, long since) {
        int n = 0;
        for (long m : modified) {
            if (m > since) {
                n++;
            }
        }
        return n;
    }

    /** (p, q) ← (c·p − s·q, s·p + c·q) on two distinct arrays, so the JIT vectorises the loop. */
    static void rotate(double[] p, double[] q, double c, double s) {
        for (int i = 0; i < p.length; i++) {
            double x = p[i];
            double y = q[i];
            p[i] = c * x - s * y;
            q[i] = s * x + c * y;
        }
    }

    private static double[][] rows(double[] flat, int rows, int cols) {
        double[][] r = new double[rows][];
        for (int i = 0; i < rows; i++) {
            r[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return r;
    }

    private static double[] flat(double[][] rows, int cols) {
        double[] f = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, f, i * cols, cols);
        }
        return f;
    }

}
