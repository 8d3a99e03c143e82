package dev.tacit.algebra;

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
 *   κ(W)² ≤ {@value #THETA}/eps, κ ≤ 213), the decomposition stops here and X is never formed: σ_i = sqrt(λ_i), the
 *   short side's singular vectors are E, and a spectral gradient U·diag(f)·Vᵀ is A·(E·diag(f/σ)·Eᵀ), one product
 *   ({@link Svd#compose}).</li>
 *   <li><b>Decoupling.</b> Otherwise X = A·E is formed. The remaining coupling between a resolved column x_r and an
 *   unresolved one x_t is removed to first order by one block update: with Y = −(X_Rᵀ X_T)/‖x_r‖², X_T ← X_T + X_R Y,
 *   E_T ← E_T + E_R Y and E_R ← E_R − E_T Yᵀ, so E stays orthogonal to O(‖Y‖²). Since x_r is resolved,
 *   |Y| ≤ {@value #THETA}: the neglected second-order terms are below 1e-22, and X_R's own first-order change (at
 *   most θ relative) is below the level's error and skipped.</li>
 *   <li><b>Level ℓ.</b> The unresolved columns X_T are nearly orthogonal to the rest but not among themselves;
 *   their own Gram matrix X_TᵀX_T, formed at their own scale, is decomposed again and X_T, E_T rotated by its
 *   eigenvectors. This resolves the next band of singular values (a factor of up to 213 in σ per level) with the
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
     * level's Gram matrix. 1e-11 rather than Jacobi's customary 1e-12: on a trained matrix the stated accuracy is
     * dominated by the intrinsic term eps·‖W‖_F/σ_k (about 9e-9 at 100×100) either way, while the wider bands save a
     * level (measured 2.3 against 1.6 ms per step at 100×100 in the middle of training, where the spectrum is graded).
     */
    public static final double THETA = 1e-11;

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
     * @param warm      whether level 0 came from the given warm-start basis
     * @param basis     a warm-start basis for the next, similar matrix: the right singular vectors (of the oriented
     *                  matrix) of the top r singular values, when r ≤ k/4 of them are separated from the rest by a gap
     *                  of at least 1/{@value #WARM_GAP} in σ²; k×0 otherwise
     */
    public record Result(Svd svd, int levels, long rotations, boolean warm, Matrix basis) {
    }

    /**
     * The cold decomposition, with the threads of {@link Parallelism#current()}.
     *
     * @param w a finite matrix
     * @return its thin SVD and how much work it took
     */
    public static Result decompose(Matrix w) {
        return decompose(w, null, Parallelism.current());
    }

    /**
     * The decomposition warm-started from {@code basis} when one is given (see
     * {@link #decompose(Matrix, Matrix, Parallelism)}), with the threads of {@link Parallelism#current()}.
     *
     * @param w     a finite matrix
     * @param basis a k×r basis from a previous {@link Result#basis()} (k = min(m, n)), or null; ignored if its shape
     *              does not fit
     * @return its thin SVD and how much work it took
     */
    public static Result decompose(Matrix w, Matrix basis) {
        return decompose(w, basis, Parallelism.current());
    }

    /**
     * The decomposition, with level 0 warm-started from the basis of a previous, similar matrix when one is given.
     *
     * <p>Warm start (orthogonal iteration with Rayleigh-Ritz, Golub and Van Loan 8.2.4, on AᵀA without forming it):
     * V ← orth(AᵀA·V), then the Ritz pairs of the r×r matrix (AV)ᵀ(AV), until every pair has a residual
     * ‖AᵀA·v − μ·v‖ ≤ {@value #THETA}·μ (at most {@value #WARM_ITERATIONS} iterations, fewer when r is large, so the
     * iterations never cost more than the Gram matrix they replace). That residual bounds the
     * coupling to the complement exactly as the cold level 0 does (|Y| ≤ θ in the decoupling), so the result carries
     * the same accuracy statement; the complement comes from the Householder QR of V, and the refinement levels then
     * run as usual. When the iteration does not reach the residual, or the pairs are not all resolved, level 0 is
     * computed cold. On a trained matrix (a few large singular values, a gap of 1e-8 in σ² to the rest) one
     * iteration suffices and the work of level 0 drops from an eigen-decomposition of order k to products of r
     * vectors.
     *
     * @param w           a finite matrix
     * @param basis       a k×r basis from a previous {@link Result#basis()} (k = min(m, n)), or null; ignored if its
     *                    shape does not fit
     * @param parallelism threads for the products and eigensolvers; the result does not depend on them
     * @return its thin SVD and how much work it took
     */
    public static Result decompose(Matrix w, Matrix basis, Parallelism parallelism) {
        Parallelism par = java.util.Objects.requireNonNull(parallelism, "parallelism");
        // One pass for both: the largest absolute entry is NaN or infinite exactly when some entry is (Math.max
        // propagates NaN), and the scaling below needs it anyway.
        double maxAbs = w.maxAbs();
        if (!Double.isFinite(maxAbs)) {
            throw new IllegalArgumentException("cannot decompose a matrix with NaN or infinite entries (" + w.shape()
                    + ")");
        }
        int m = w.rows();
        int n = w.cols();
        boolean wide = m < n;
        int k = Math.min(m, n);
        int len = Math.max(m, n);
        if (k == 0) {
            return new Result(new Svd(Matrix.zeros(m, 0), new double[0], Matrix.zeros(n, 0)), 0, 0, false,
                    Matrix.zeros(k, 0));
        }
        // The Gram matrix squares the entries: far from 1 they could overflow or underflow, so bring the largest
        // near 1 by a power of two (exact) and scale the singular values back at the end.
        int exponent = maxAbs == 0 || (maxAbs > 0x1p-400 && maxAbs < 0x1p400) ? 0 : Math.getExponent(maxAbs);
        Matrix scaled = exponent == 0 ? w : w.scale(Math.scalb(1.0, -exponent));
        double[] a = Matrix.storage(scaled);
        // aRows = A by rows (len rows of k), at = Aᵀ by rows (k rows of len), the kernels' row operands: shared
        // read-only views of W (Matrix#rowArrays), so a penalty's later product with W reuses them.
        double[][] aRows = wide ? Matrix.columnArrays(scaled) : Matrix.rowArrays(scaled);
        double[][] xt = null;
        double[][] vt = null;
        int[] active = null;
        int[] done = null;
        boolean warm = false;
        if (basis != null && basis.rows() == k && basis.cols() > 0 && basis.cols() <= k / 4 && maxAbs > 0) {
            double[][] at = wide ? Matrix.rowArrays(scaled) : Matrix.columnArrays(scaled);
            double[][][] start = warmStart(aRows, at, Matrix.storage(basis), basis.cols(), k, len, par);
            if (start != null) {
                xt = start[0];
                vt = start[1];
                int r = basis.cols();
                done = identity(r);
                active = new int[k - r];
                for (int i = r; i < k; i++) {
                    active[i - r] = i;
                }
                warm = true;
            }
        }
        if (!warm) {
            // AᵀA = Σ over the long side of (row of A)ᵀ(row of A): A's entries read in place through strides.
            double[][] gram = new double[k][k];
            if (wide) {
                Kernels.syrkLower(par, a, len, 1, k, len, aRows, gram);
            } else {
                Kernels.syrkLower(par, a, 1, k, k, len, aRows, gram);
            }
            Kernels.mirrorLower(gram);
            double[] lambda = new double[k];
            // Below the divide-and-conquer order the eigensolver hands out eigenvectors as rows at no cost, which is
            // what V and the product X = A·E read; above it, by components.
            boolean byRows = k < SymmetricEigen.DIVIDE_AND_CONQUER_FROM;
            double[][] e = byRows ? SymmetricEigen.decomposeRows(gram, lambda, par)
                    : SymmetricEigen.decomposeColumns(gram, lambda, par);
            double lmax = lambda[0];
            if (lmax <= 0 || resolved(lambda[k - 1], lmax)) {
                double[] sigma = new double[k];
                for (int i = 0; i < k; i++) {
                    sigma[i] = lambda[i] > 0 ? Math.scalb(Math.sqrt(lambda[i]), exponent) : 0;
                }
                Matrix eMatrix = new Matrix(k, k, byRows ? Kernels.toFlatTransposed(e, k) : Kernels.toFlat(e, k));
                return new Result(Svd.fromGram(w, wide, sigma, eMatrix, par), 1, 0, false, Matrix.zeros(k, 0));
            }
            // X = A·E by columns: xt[i] = A e_i = Σ_p E[p][i]·(row p of Aᵀ), and vt[i] = e_i.
            double[][] at = wide ? Matrix.rowArrays(scaled) : Matrix.columnArrays(scaled);
            xt = new double[k][len];
            if (byRows) {
                Kernels.gemm(par, e, k, k, at, 0, len, xt);
                vt = e;
            } else {
                Kernels.gemm(par, Kernels.toFlat(e, k), 0, 1, k, k, k, at, 0, len, xt);
                vt = Kernels.transposedRows(e, k);
            }
            active = unresolved(lambda, lmax, identity(k));
            done = complement(active, k);
        }
        decouple(xt, vt, done, active, len, k, par);
        int levels = 1;
        long rotations = 0;
        int[] remaining = active;
        while (remaining.length > 0) {
            if (levels == MAX_LEVELS) {
                rotations = jacobi(xt, vt, remaining, len);
                break;
            }
            levels++;
            remaining = refine(xt, vt, remaining, len, k, par);
        }

        double[] norms = new double[k];
        for (int p = 0; p < k; p++) {
            norms[p] = Vectors.norm2(xt[p], 0, len);
        }
        int[] order = IndexSort.descending(norms);
        Matrix next = nextBasis(vt, norms, order, k);
        double[] sigma = new double[k];
        double[] sortedNorms = new double[k];
        double[][] sortedX = new double[k][];
        double[][] sortedV = new double[k][];
        for (int c = 0; c < k; c++) {
            int p = order[c];
            sortedNorms[c] = norms[p];
            sigma[c] = Math.scalb(norms[p], exponent);
            sortedX[c] = xt[p];
            sortedV[c] = vt[p];
        }
        return new Result(Svd.fromColumns(sigma, sortedX, sortedV, wide, sortedNorms, par), levels, rotations, warm, next);
    }

    /** A warm start is offered when σ²_{r+1}/σ²_r is at most this: each iteration then gains a factor 100. */
    public static final double WARM_GAP = 1e-2;

    /** Most iterations of the warm start before it gives up and level 0 is computed cold. */
    public static final int WARM_ITERATIONS = 8;

    /**
     * The basis for the next call: the right singular vectors of the top r singular values, for the r ≤ k/4 with the
     * largest relative gap σ²_{r+1}/σ²_r ≤ {@value #WARM_GAP} among those resolved relative to σ_1; k×0 if none.
     */
    private static Matrix nextBasis(double[][] vt, double[] norms, int[] order, int k) {
        double top = norms[order[0]];
        int best = 0;
        double bestRatio = WARM_GAP;
        for (int r = 1; r <= k / 4 && r < k; r++) {
            double sr = norms[order[r - 1]];
            double next = norms[order[r]];
            if (!resolved(sr * sr, top * top)) {
                break;
            }
            double ratio = (next * next) / (sr * sr);
            if (ratio <= bestRatio) {
                bestRatio = ratio;
                best = r;
            }
        }
        if (best == 0) {
            return Matrix.zeros(k, 0);
        }
        double[] b = new double[k * best];
        for (int c = 0; c < best; c++) {
            double[] v = vt[order[c]];
            for (int p = 0; p < k; p++) {
                b[p * best + c] = v[p];
            }
        }
        return new Matrix(k, best, b);
    }

    /**
     * Level 0 from a warm basis (k×r, row-major in {@code basis}): orthogonal iteration with Rayleigh-Ritz until
     * every Ritz pair's residual is at most θ·μ, then the complement from the Householder QR of the basis.
     *
     * @return {xt, vt} with the r resolved columns first and the complement after, or null to fall back to cold
     */
    private static double[][][] warmStart(double[][] aRows, double[][] at, double[] basis, int r, int k, int len,
                                           Parallelism par) {
        double[][] vr = Kernels.transposedRows(basis, k, r);
        // Each iteration costs 2·r·k·len multiply-adds; stop before they add up to the Gram matrix's k²·len/2.
        int iterations = Math.max(1, Math.min(WARM_ITERATIONS, k / (4 * r)));
        for (int iter = 0; iter < iterations; iter++) {
            // Y = A·V (rows y_i = A v_i), then the Ritz pairs of YᵀY.
            double[][] yr = new double[r][len];
            Kernels.gemm(par, Kernels.toFlat(vr, k), 0, k, 1, r, k, at, 0, len, yr);
            double[][] h = Kernels.gramOfRows(par, yr, len);
            double[] mu = new double[r];
            double[][] zh = SymmetricEigen.decomposeColumns(h, mu, par);
            if (!(mu[r - 1] > 0) || !resolved(mu[r - 1], mu[0])) {
                return null;
            }
            double[] zf = Kernels.toFlat(zh, r);
            double[][] v2 = new double[r][k];
            Kernels.gemm(par, zf, 0, 1, r, r, r, vr, 0, k, v2);
            double[][] y2 = new double[r][len];
            Kernels.gemm(par, zf, 0, 1, r, r, r, yr, 0, len, y2);
            // AᵀA·v_i = Aᵀ y_i, and the residuals against μ_i v_i.
            double[][] g = new double[r][k];
            Kernels.gemm(par, Kernels.toFlat(y2, len), 0, len, 1, r, len, aRows, 0, k, g);
            boolean converged = true;
            for (int i = 0; i < r && converged; i++) {
                double res = 0;
                double[] gi = g[i];
                double[] vi = v2[i];
                double mi = mu[i];
                for (int p = 0; p < k; p++) {
                    double d = gi[p] - mi * vi[p];
                    res += d * d;
                }
                converged = Math.sqrt(res) <= THETA * mi;
            }
            if (converged) {
                return complete(v2, y2, at, r, k, len, par);
            }
            // The rows of g become the next basis (g is not used otherwise); dependent rows mean no warm start.
            if (Vectors.orthonormalize(g, 0, k, 1e-8) < r) {
                return null;
            }
            vr = g;
        }
        return null;
    }

    /**
     * xt and vt from the resolved pairs (v_i, y_i = A v_i) and the complement P[:, r:], P = H_0 ⋯ H_{r−1} from the
     * Householder QR of V: the complement's columns of X are rows r.. of Pᵀ·Aᵀ and its columns of V rows r.. of Pᵀ.
     * Reads {@code at} (a shared view of W) without modifying it.
     *
     * <p>The reflectors are applied together in the compact WY form P = I − H T Hᵀ (Schreiber and Van Loan 1989;
     * H = [h_0 … h_{r−1}], T upper triangular r×r), so that Pᵀ·Aᵀ = Aᵀ − H Tᵀ (Hᵀ Aᵀ) is two products of inner
     * dimension r instead of r passes of two vector updates over the whole of Aᵀ: at 100×100 with r = 5 the warm
     * start took about 90 µs, most of it here.
     */
    private static double[][][] complete(double[][] v, double[][] y, double[][] at, int r, int k, int len,
                                         Parallelism par) {
        // Householder QR of V (k×r), columns given as the rows of v.
        double[][] cols = new double[r][];
        for (int i = 0; i < r; i++) {
            cols[i] = v[i].clone();
        }
        double[][] h = new double[r][];
        double[] tau = new double[r];
        for (int j = 0; j < r; j++) {
            double[] x = cols[j];
            double alpha = x[j];
            double xnorm = Vectors.norm2(x, j + 1, k);
            double[] hj = new double[k];
            hj[j] = 1;
            if (xnorm == 0) {
                tau[j] = 0;
            } else {
                double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
                tau[j] = (beta - alpha) / beta;
                double scale = 1 / (alpha - beta);
                for (int p = j + 1; p < k; p++) {
                    hj[p] = x[p] * scale;
                }
            }
            h[j] = hj;
            for (int c = j + 1; c < r; c++) {
                reflect(hj, tau[j], j, cols[c]);
            }
        }
        // T column by column: T[j][j] = τ_j, T[0:j, j] = −τ_j · T[0:j, 0:j] · (Hᵀ h_j)[0:j].
        double[][] t = new double[r][r];
        for (int j = 0; j < r; j++) {
            t[j][j] = tau[j];
            double[] w = new double[j];
            for (int i = 0; i < j; i++) {
                w[i] = Vectors.dot(h[i], j, h[j], j, k - j);
            }
            for (int i = 0; i < j; i++) {
                double s = 0;
                for (int l = i; l < j; l++) {
                    s += t[i][l] * w[l];
                }
                t[i][j] = -tau[j] * s;
            }
        }
        // M = Hᵀ Aᵀ (r×len), then N = Tᵀ M and L = Tᵀ Hᵀ (rows j: Σ_{i ≤ j} T[i][j]·(row i)).
        double[][] m = new double[r][len];
        Kernels.gemm(par, h, r, k, at, 0, len, m);
        double[][] nm = new double[r][len];
        double[][] lh = new double[r][k];
        for (int j = 0; j < r; j++) {
            for (int i = 0; i <= j; i++) {
                Vectors.axpy(t[i][j], m[i], nm[j], 0, len);
                Vectors.axpy(t[i][j], h[i], lh[j], 0, k);
            }
        }
        // Rows r.. of Pᵀ Aᵀ = Aᵀ − H N and of Pᵀ = I − H L, as C += (−H[r:, :])·N: A(i, j) = −h[j][r + i].
        double[] negH = new double[r * k];
        for (int j = 0; j < r; j++) {
            for (int p = 0; p < k; p++) {
                negH[j * k + p] = -h[j][p];
            }
        }
        double[][] xt = new double[k][];
        double[][] vt = new double[k][];
        for (int i = 0; i < r; i++) {
            xt[i] = y[i];
            vt[i] = v[i];
        }
        double[][] pa = new double[k - r][];
        double[][] pt = new double[k - r][k];
        for (int i = r; i < k; i++) {
            pa[i - r] = at[i].clone();
            pt[i - r][i] = 1;
        }
        Kernels.gemm(par, negH, r, 1, k, k - r, r, nm, 0, len, pa);
        Kernels.gemm(par, negH, r, 1, k, k - r, r, lh, 0, k, pt);
        for (int i = r; i < k; i++) {
            xt[i] = pa[i - r];
            vt[i] = pt[i - r];
        }
        return new double[][][] {xt, vt};
    }

    /** x ← (I − τ h hᵀ) x for a vector x, h zero before index j. */
    private static void reflect(double[] h, double tau, int j, double[] x) {
        double s = Vectors.dot(h, j, x, j, h.length - j);
        Vectors.axpy(-tau * s, h, x, j, h.length);
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
     * X_T += X_R Y and V_T += V_R Y, V_R −= V_T Yᵀ (from the values before the update), which keeps V orthogonal to
     * O(‖Y‖²). X_R would change by −X_T Yᵀ, at most θ·‖x_t‖ ≤ θ·‖x_r‖ per column: below the level's own error, so
     * it is left out (it saves a product the size of C's).
     */
    private static void decouple(double[][] xt, double[][] vt, int[] r, int[] t, int len, int k, Parallelism par) {
        if (r.length == 0 || t.length == 0) {
            return;
        }
        int nr = r.length;
        int nt = t.length;
        double[][] xr = select(xt, r);
        double[][] xtT = select(xt, t);
        double[][] vr = select(vt, r);
        double[][] vtT = select(vt, t);
        // C = X_Rᵀ X_T: rows of xr against the transposed rows of xtT, or inner products when either side is a few
        // columns (a product would first transpose a whole block for them).
        double[][] c = new double[nr][nt];
        if (Math.min(nr, nt) <= 4) {
            for (int i = 0; i < nr; i++) {
                for (int j = 0; j < nt; j++) {
                    c[i][j] = Vectors.dot(xr[i], 0, xtT[j], 0, len);
                }
            }
        } else {
            Kernels.gemm(par, xr, nr, len, Kernels.transposedRows(xtT, len), 0, nt, c);
        }
        double[] y = new double[nr * nt];             // y[i*nt + j] = Y(r_i, t_j)
        double[] ny = new double[nr * nt];            // −Y
        for (int i = 0; i < nr; i++) {
            double norm2 = Vectors.dot(xr[i], 0, xr[i], 0, len);
            for (int j = 0; j < nt; j++) {
                y[i * nt + j] = norm2 > 0 ? -c[i][j] / norm2 : 0;
                ny[i * nt + j] = -y[i * nt + j];
            }
        }
        // ΔV_T = Yᵀ V_R and ΔV_R = −Y V_T from the old values (so ΔV_T goes through a buffer), ΔX_T = Yᵀ X_R straight
        // into X_T (X_R does not change).
        double[][] dvt = new double[nt][k];
        Kernels.gemm(par, y, 0, 1, nt, nt, nr, vr, 0, k, dvt);
        Kernels.gemm(par, ny, 0, nt, 1, nr, nt, vtT, 0, k, vr);
        Kernels.gemm(par, y, 0, 1, nt, nt, nr, xr, 0, len, xtT);
        for (int j = 0; j < nt; j++) {
            Vectors.axpy(1, dvt[j], vtT[j], 0, k);
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
    private static int[] refine(double[][] xt, double[][] vt, int[] active, int len, int k, Parallelism par) {
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
        // Far from 1 the block's Gram matrix could underflow (a rank-deficient W has columns at 1e-300): then scale by a
        // power of two, which is exact. In between, the scaling would change nothing but cost a copy of the block.
        double[][] rows = xa;
        int exponent = Math.getExponent(max);
        if (exponent < -400 || exponent > 400) {
            double scale = Math.scalb(1.0, -exponent);
            rows = new double[na][len];
            for (int i = 0; i < na; i++) {
                Vectors.scale(scale, xa[i], rows[i]);
            }
        }
        double[][] g = new double[na][na];
        Kernels.syrkLower(par, rows, len, Kernels.transposedRows(rows, len), g);
        Kernels.mirrorLower(g);
        double[] mu = new double[na];
        boolean byRows = na < SymmetricEigen.DIVIDE_AND_CONQUER_FROM;
        double[][] z = byRows ? SymmetricEigen.decomposeRows(g, mu, par) : SymmetricEigen.decomposeColumns(g, mu, par);

        // New rows: x'_i = Σ_p Z[p][i] x_p, v'_i likewise.
        double[][] nx = new double[na][len];
        if (byRows) {
            Kernels.gemm(par, z, na, na, xa, 0, len, nx);
        } else {
            Kernels.gemm(par, Kernels.toFlat(z, na), 0, 1, na, na, na, xa, 0, len, nx);
        }
        double[][] nv = new double[na][k];
        if (byRows) {
            Kernels.gemm(par, z, na, na, va, 0, k, nv);
        } else {
            Kernels.gemm(par, Kernels.toFlat(z, na), 0, 1, na, na, na, va, 0, k, nv);
        }
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
        decouple(xt, vt, resolvedNow, still, len, k, par);
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
                    double pp = Vectors.dot(xp, 0, xp, 0, len);
                    double qq = Vectors.dot(xq, 0, xq, 0, len);
                    if (pp == 0 || qq == 0) {
                        continue;
                    }
                    double g = Vectors.dot(xp, 0, xq, 0, len);
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
