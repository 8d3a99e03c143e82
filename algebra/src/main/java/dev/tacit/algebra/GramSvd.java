package dev.tacit.algebra;

import java.util.Arrays;

/**
 * Thin SVD through the Gram matrix, refined level by level where the Gram matrix alone is not accurate enough
 * (Tacit's method; the ingredients are classical, references below).
 *
 * <p>On the oriented matrix A (W if m ≥ n, else Wᵀ; A is len×k with k = min(m, n)):
 * <ol>
 *   <li><b>Level 0.</b> The eigen-decomposition AᵀA = E Λ Eᵀ ({@link SymmetricEigen}). A backward stable eigensolver
 *   leaves every column pair of X = A·E orthogonal to about eps·λ_max/sqrt(λ_i λ_j) (its error eps·‖AᵀA‖ divided
 *   by the pair's scale), so the columns with eps·λ_max/λ_i ≤ {@value #THETA} are <i>resolved</i>: measured on
 *   random matrices with prescribed singular values, the polar factor from the Gram matrix alone errs by
 *   (0.1 to 0.6)·eps·λ_max/λ_min in the Frobenius norm. When every column is resolved (a well-conditioned W:
 *   κ(W)² ≤ {@value #THETA}/eps, κ ≤ 67), the decomposition stops here and X is never formed: σ_i = sqrt(λ_i), the
 *   short side's singular vectors are E, and a spectral gradient U·diag(f)·Vᵀ is A·(E·diag(f/σ)·Eᵀ), one product
 *   ({@link Svd#compose}).</li>
 *   <li><b>Decoupling.</b> Otherwise X = A·E is formed. The remaining coupling between a resolved column x_r and an
 *   unresolved one x_t is removed to first order by one block update: with Y = −(X_Rᵀ X_T)/‖x_r‖², X_T ← X_T + X_R Y
 *   and X_R ← X_R − X_T Yᵀ, and the same on the columns of E so it stays orthogonal to O(‖Y‖²). Since x_r is
 *   resolved, |Y| ≤ {@value #THETA}, so the neglected second-order terms are below 1e-24.</li>
 *   <li><b>Level ℓ.</b> The unresolved columns X_T are nearly orthogonal to the rest but not among themselves;
 *   their own Gram matrix X_TᵀX_T, formed at their own scale, is decomposed again and X_T, E_T rotated by its
 *   eigenvectors. This resolves the next band of singular values (a factor of up to 67 in σ per level) with the
 *   same bound as level 0, relative to the band's largest. Repeat until every column is resolved; past
 *   {@value #MAX_LEVELS} levels the rest is finished by one-sided Jacobi (Hestenes 1958) to
 *   |x_p·x_q| ≤ {@value JacobiSvd#ORTHOGONALITY}·‖x_p‖‖x_q‖.</li>
 *   <li>σ_p = ‖x_p‖ and u_p = x_p/σ_p (zero where σ_p = 0), sorted descending.</li>
 * </ol>
 *
 * <p>Accuracy: backward stable like one-sided Jacobi started from the Gram eigenvectors ({@link JacobiSvd}): the
 * factors are those of W + ΔW with ‖ΔW‖ of order eps·‖W‖, and the columns of U are orthogonal to about
 * {@value #THETA} per level instead of Jacobi's {@value JacobiSvd#ORTHOGONALITY}. The polar factor U Vᵀ therefore
 * agrees with an exact one to within a few times {@value #THETA}·k plus the intrinsic eps·σ_1/σ_k of any backward
 * stable method (its condition number is 2/(σ_k + σ_{k−1})).
 *
 * <p>Why not Jacobi sweeps throughout: on a trained matrix (a few large singular values and many tiny ones that
 * training reshuffles every step) the sweeps after the Gram start rotate nearly every pair of the tiny block, about
 * 5,000 rotations at 100×100; one more eigen-decomposition of that block does the same work as matrix products. At
 * 943×1682 a sweep costs as much as several products, so the difference is larger still.
 *
 * <p>Determinism: every product and eigensolver step is computed by fixed blocks in a fixed order, so the result does
 * not depend on the number of threads.
 */
public final class GramSvd {

    /**
     * Per-level resolution threshold: a column is resolved when eps·λ_max/λ_i ≤ THETA, λ the eigenvalues of its
     * level's Gram matrix.
     */
    public static final double THETA = 1e-12;

    /** Levels of Gram refinement before the remainder goes to Jacobi sweeps. */
    public static final int MAX_LEVELS = 8;

    private static final double EPS = 0x1.0p-52;

    private GramSvd() {
    }

    /**
     * The outcome of a decomposition.
     *
     * @param svd       the thin SVD, singular values descending
     * @param levels    Gram levels used (1 when the Gram matrix alone was accurate enough)
     * @param rotations Jacobi rotations applied to a remainder past {@link #MAX_LEVELS} levels (usually 0)
     */
    public record Result(Svd svd, int levels, long rotations) {
    }

    /**
     * @param w a finite matrix
     * @return its thin SVD and how much work it took
     */
    public static Result decompose(Matrix w) {
        if (!w.isFinite()) {
            throw new IllegalArgumentException("cannot decompose a matrix with NaN or infinite entries (" + w.shape()
                    + ")");
        }
        int m = w.rows();
        int n = w.cols();
        boolean wide = m < n;
        int k = Math.min(m, n);
        int len = Math.max(m, n);
        if (k == 0) {
            return new Result(new Svd(Matrix.zeros(m, 0), new double[0], Matrix.zeros(n, 0)), 0, 0);
        }
        double maxAbs = w.maxAbs();
        // The Gram matrix squares the entries: far from 1 they could overflow or underflow, so bring the largest
        // near 1 by a power of two (exact) and scale the singular values back at the end.
        int exponent = maxAbs == 0 || (maxAbs > 0x1p-400 && maxAbs < 0x1p400) ? 0 : Math.getExponent(maxAbs);
        double[] a = Matrix.storage(w);
        if (exponent != 0) {
            a = Matrix.storage(w.scale(Math.scalb(1.0, -exponent)));
        }
        // at = Aᵀ by rows (k rows of len), aRows = A by rows (len rows of k).
        double[][] at = wide ? Kernels.toRows(a, k, len) : Kernels.transposedRows(a, len, k);
        double[][] aRows = wide ? Kernels.transposedRows(a, k, len) : Kernels.toRows(a, len, k);
        double[] flatAt = wide ? a : Kernels.toFlat(at, len);

        double[][] gram = new double[k][k];
        Kernels.syrkLower(flatAt, len, 1, k, len, aRows, gram);
        Kernels.mirrorLower(gram);
        double[] lambda = new double[k];
        double[][] e = SymmetricEigen.decomposeColumns(gram, lambda);
        double lmax = lambda[0];
        if (lmax <= 0 || resolved(lambda[k - 1], lmax)) {
            double[] sigma = new double[k];
            for (int i = 0; i < k; i++) {
                sigma[i] = lambda[i] > 0 ? Math.scalb(Math.sqrt(lambda[i]), exponent) : 0;
            }
            Matrix eMatrix = new Matrix(k, k, Kernels.toFlat(e, k));
            return new Result(Svd.fromGram(w, wide, sigma, eMatrix), 1, 0);
        }

        // X = A·E by columns: xt[i] = A e_i, and vt[i] = e_i.
        double[] eFlat = Kernels.toFlat(e, k);
        double[][] xt = new double[k][len];
        Kernels.gemm(eFlat, 0, 1, k, k, k, at, 0, len, xt);
        double[][] vt = Kernels.transposedRows(e, k);
        int levels = 1;
        int[] active = unresolved(lambda, lmax, identity(k));
        int[] done = complement(active, k);
        decouple(xt, vt, done, active, len, k);
        long rotations = 0;
        while (active.length > 0) {
            if (levels == MAX_LEVELS) {
                rotations = jacobi(xt, vt, active, len);
                break;
            }
            levels++;
            active = refine(xt, vt, active, len, k);
        }

        double[] sigma = new double[k];
        Integer[] order = new Integer[k];
        for (int p = 0; p < k; p++) {
            sigma[p] = Kernels.norm2(xt[p], 0, len);
            order[p] = p;
        }
        Arrays.sort(order, (x, y) -> Double.compare(sigma[y], sigma[x]));
        double[] sorted = new double[k];
        double[] uo = new double[len * k];
        double[] vo = new double[k * k];
        for (int c = 0; c < k; c++) {
            int p = order[c];
            double sp = sigma[p];
            sorted[c] = Math.scalb(sp, exponent);
            double inv = sp > 0 ? 1.0 / sp : 0.0;
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
        Svd svd = wide ? new Svd(vOriented, sorted, uOriented) : new Svd(uOriented, sorted, vOriented);
        return new Result(svd, levels, rotations);
    }

    /** Whether an eigenvalue of a level's Gram matrix is resolved, eps·λ_max/λ ≤ THETA. */
    private static boolean resolved(double lambda, double lmax) {
        return lambda > 0 && EPS * lmax <= THETA * lambda;
    }

    private static int[] identity(int k) {
        int[] r = new int[k];
        for (int i = 0; i < k; i++) {
            r[i] = i;
        }
        return r;
    }

    /** The members of {@code columns} whose eigenvalue (same position) is not resolved. */
    private static int[] unresolved(double[] lambda, double lmax, int[] columns) {
        int count = 0;
        for (int i = 0; i < columns.length; i++) {
            if (!resolved(lambda[i], lmax)) {
                count++;
            }
        }
        int[] r = new int[count];
        int t = 0;
        for (int i = 0; i < columns.length; i++) {
            if (!resolved(lambda[i], lmax)) {
                r[t++] = columns[i];
            }
        }
        return r;
    }

    private static int[] complement(int[] subset, int k) {
        boolean[] in = new boolean[k];
        for (int i : subset) {
            in[i] = true;
        }
        int[] r = new int[k - subset.length];
        int t = 0;
        for (int i = 0; i < k; i++) {
            if (!in[i]) {
                r[t++] = i;
            }
        }
        return r;
    }

    /**
     * First-order decoupling of resolved columns R from unresolved columns T: Y = −C/‖x_r‖² with C = X_Rᵀ X_T, then
     * X_T += X_R Y, X_R −= X_T Yᵀ (both from the values before the update), and the same on the rows of vt.
     */
    private static void decouple(double[][] xt, double[][] vt, int[] r, int[] t, int len, int k) {
        if (r.length == 0 || t.length == 0) {
            return;
        }
        int nr = r.length;
        int nt = t.length;
        double[][] xr = select(xt, r);
        double[][] xtT = select(xt, t);
        double[][] vr = select(vt, r);
        double[][] vtT = select(vt, t);
        // C = X_Rᵀ X_T: rows of xr against the transposed rows of xtT.
        double[] xrFlat = Kernels.toFlat(xr, len);
        double[][] xtCols = Kernels.transposedRows(xtT, len);
        double[][] c = new double[nr][nt];
        Kernels.gemm(xrFlat, 0, len, 1, nr, len, xtCols, 0, nt, c);
        double[] y = new double[nr * nt];             // y[i*nt + j] = Y(r_i, t_j)
        for (int i = 0; i < nr; i++) {
            double norm2 = Kernels.dot(xr[i], 0, xr[i], 0, len);
            for (int j = 0; j < nt; j++) {
                y[i * nt + j] = norm2 > 0 ? -c[i][j] / norm2 : 0;
            }
        }
        // Updates from the old values: ΔX_T = Yᵀ X_R (rows), ΔX_R = −Y X_T (rows); same for V.
        double[][] dxt = new double[nt][len];
        Kernels.gemm(y, 0, 1, nt, nt, nr, xr, 0, len, dxt);
        double[][] dxr = new double[nr][len];
        Kernels.gemm(y, 0, nt, 1, nr, nt, xtT, 0, len, dxr);
        double[][] dvt = new double[nt][k];
        Kernels.gemm(y, 0, 1, nt, nt, nr, vr, 0, k, dvt);
        double[][] dvr = new double[nr][k];
        Kernels.gemm(y, 0, nt, 1, nr, nt, vtT, 0, k, dvr);
        for (int j = 0; j < nt; j++) {
            Kernels.axpy(1, dxt[j], xtT[j], 0, len);
            Kernels.axpy(1, dvt[j], vtT[j], 0, k);
        }
        for (int i = 0; i < nr; i++) {
            Kernels.axpy(-1, dxr[i], xr[i], 0, len);
            Kernels.axpy(-1, dvr[i], vr[i], 0, k);
        }
    }

    private static double[][] select(double[][] rows, int[] idx) {
        double[][] r = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            r[i] = rows[idx[i]];
        }
        return r;
    }

    /**
     * One refinement level on the active columns: decompose their Gram matrix (at its own scale), rotate them and
     * their rows of V by its eigenvectors, decouple the newly resolved ones from the rest.
     *
     * @return the columns still unresolved
     */
    private static int[] refine(double[][] xt, double[][] vt, int[] active, int len, int k) {
        int na = active.length;
        double[][] xa = select(xt, active);
        double[][] va = select(vt, active);
        double max = 0;
        for (double[] x : xa) {
            for (int i = 0; i < len; i++) {
                max = Math.max(max, Math.abs(x[i]));
            }
        }
        if (max == 0) {
            return new int[0];
        }
        // Scale the block's Gram matrix to order 1 (power of two, exact) so nothing underflows.
        int exponent = Math.getExponent(max);
        double scale = Math.scalb(1.0, -exponent);
        double[] flat = new double[na * len];
        for (int i = 0; i < na; i++) {
            double[] x = xa[i];
            for (int j = 0; j < len; j++) {
                flat[i * len + j] = x[j] * scale;
            }
        }
        double[][] cols = Kernels.transposedRows(flat, na, len);
        double[][] g = new double[na][na];
        Kernels.syrkLower(flat, len, 1, na, len, cols, g);
        Kernels.mirrorLower(g);
        double[] mu = new double[na];
        double[][] z = SymmetricEigen.decomposeColumns(g, mu);
        double[] zFlat = Kernels.toFlat(z, na);
        // New rows: x'_i = Σ_p Z[p][i] x_p, v'_i likewise.
        double[][] nx = new double[na][len];
        Kernels.gemm(zFlat, 0, 1, na, na, na, xa, 0, len, nx);
        double[][] nv = new double[na][k];
        Kernels.gemm(zFlat, 0, 1, na, na, na, va, 0, k, nv);
        for (int i = 0; i < na; i++) {
            xt[active[i]] = nx[i];
            vt[active[i]] = nv[i];
        }
        if (mu[0] <= 0) {
            return new int[0];
        }
        int[] still = unresolved(mu, mu[0], active);
        int[] resolvedNow = new int[na - still.length];
        int t = 0;
        for (int i = 0; i < na; i++) {
            if (resolved(mu[i], mu[0])) {
                resolvedNow[t++] = active[i];
            }
        }
        decouple(xt, vt, resolvedNow, still, len, k);
        return still;
    }

    /** Cyclic one-sided Jacobi on the given columns until every pair is orthogonal; returns the rotations. */
    private static long jacobi(double[][] xt, double[][] vt, int[] cols, int len) {
        long rotations = 0;
        boolean rotated = true;
        int sweeps = 0;
        while (rotated) {
            if (sweeps++ == JacobiSvd.MAX_SWEEPS) {
                throw new ArithmeticException("Jacobi refinement of " + cols.length + " columns did not converge");
            }
            rotated = false;
            for (int a = 0; a < cols.length - 1; a++) {
                double[] xp = xt[cols[a]];
                for (int b = a + 1; b < cols.length; b++) {
                    double[] xq = xt[cols[b]];
                    double pp = Kernels.dot(xp, 0, xp, 0, len);
                    double qq = Kernels.dot(xq, 0, xq, 0, len);
                    if (pp == 0 || qq == 0) {
                        continue;
                    }
                    double g = Kernels.dot(xp, 0, xq, 0, len);
                    if (Math.abs(g) <= JacobiSvd.ORTHOGONALITY * Math.sqrt(pp) * Math.sqrt(qq)) {
                        continue;
                    }
                    double zeta = (qq - pp) / (2 * g);
                    double tt = (zeta >= 0 ? 1.0 : -1.0) / (Math.abs(zeta) + Math.hypot(1.0, zeta));
                    double c = 1.0 / Math.sqrt(1 + tt * tt);
                    double s = c * tt;
                    JacobiSvd.rotate(xp, xq, c, s);
                    JacobiSvd.rotate(vt[cols[a]], vt[cols[b]], c, s);
                    rotations++;
                    rotated = true;
                }
            }
        }
        return rotations;
    }
}
