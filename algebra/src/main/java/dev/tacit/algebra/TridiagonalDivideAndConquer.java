package dev.tacit.algebra;

import java.util.Arrays;

/**
 * Eigenvalues and eigenvectors of a symmetric tridiagonal matrix T by divide and conquer.
 *
 * <p>Method (Cuppen, Numer. Math. 36, 1981; Dongarra and Sorensen, SIAM J. Sci. Stat. Comput. 8, 1987; Gu and
 * Eisenstat, SIAM J. Matrix Anal. Appl. 16, 1995):
 * <ol>
 *   <li>Tear T at its middle off-diagonal β: T = diag(T₁, T₂) + |β|·w wᵀ with w = e_m + sign(β)·e_{m+1}, after
 *   subtracting |β| from the two diagonal entries next to the tear. Solve both halves recursively; blocks of at most
 *   {@value #LEAF} rows go to {@link TridiagonalQr}.</li>
 *   <li>With T_i = Q_i D_i Q_iᵀ, T = Q (D + ρ z zᵀ) Qᵀ where Q = diag(Q₁, Q₂), z = Qᵀw/√2 (‖z‖ = 1), ρ = 2|β|.</li>
 *   <li>Deflation, with tol = 8·u·max(max|D|, ρ) (u = 2⁻⁵³): a component with ρ|z_j| ≤ tol is dropped (its
 *   eigenpair is (D_j, q_j)); two neighbouring poles whose Givens rotation leaves an off-diagonal
 *   |c·s·(D_q − D_p)| ≤ tol are rotated together and one of them dropped. Each deflation perturbs T by at most 2·tol,
 *   so the result stays backward stable; deflation is what makes the method fast on the clustered spectra of Gram
 *   matrices.</li>
 *   <li>The k remaining roots of the secular equation f(λ) = 1 + ρ Σ z_j²/(D_j − λ) = 0, one in each (D_i, D_{i+1})
 *   and the last in (D_k, D_k + ρ‖z‖²), are found from the pole nearer to each root (so every difference D_j − λ is
 *   formed without cancellation) by iterating the root of a two-pole rational model matched in value and slope to
 *   the parts of the sum left and right of the root (Bunch, Nielsen and Sorensen, Numer. Math. 31, 1978), inside a
 *   bracket that bisection shrinks whenever the model step would leave it. Iteration stops when |f| is below the
 *   rounding error of its own evaluation, u·(8·(1 + Σ|terms|) + |τ|·f').</li>
 *   <li>Gu and Eisenstat: the vector ẑ for which the computed roots are exact is recomputed from them,
 *   ẑ_j² = Π_i (λ_i − D_j) / (ρ Π_{i≠j} (D_i − D_j)); the eigenvectors (ẑ_j/(D_j − λ_i))_j are then numerically
 *   orthogonal however close the roots.</li>
 *   <li>The merged eigenvectors are Q·V, two products that skip the zero blocks of Q.</li>
 * </ol>
 * Eigenvalues carry the absolute accuracy of a backward stable method, a modest multiple of eps·‖T‖; eigenvectors
 * are orthonormal to a modest multiple of n·eps. T is scaled by a power of two first (exact), so nothing overflows.
 *
 * <p>Eigenvectors are kept as rows (one array per eigenvector, over the whole index range, nonzero only on its
 * block), so rotations and products run on contiguous arrays. Independent halves and the roots of one merge run in
 * parallel for large orders; every value is computed by one task in a fixed order, so results do not depend on the
 * number of threads.
 */
final class TridiagonalDivideAndConquer {

    /** Blocks of at most this order are solved by QR. */
    static final int LEAF = 32;

    private static final double U = 0x1.0p-53;
    private static final int MAX_SECULAR_ITERATIONS = 100;
    /** From this order on the two halves of a split are solved in parallel. */
    private static final int PARALLEL_HALVES = 256;
    /** From this many roots on, one merge's secular equations are solved in parallel. */
    private static final int PARALLEL_ROOTS = 192;
    private static final int ROOTS_PER_TASK = 32;

    private TridiagonalDivideAndConquer() {
    }

    /**
     * Solves T = Z Λ Zᵀ.
     *
     * @param d the diagonal (n values), overwritten with the eigenvalues in ascending order
     * @param e the sub-diagonal (n−1 values), destroyed
     * @param p threads for the independent halves, the roots and the products
     * @return the eigenvectors as rows: row i (length n) belongs to d[i]
     */
    static double[][] solveRows(double[] d, double[] e, Parallelism p) {
        int n = d.length;
        double[][] zt = new double[n][];
        if (n == 0) {
            return zt;
        }
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(d[i]));
            if (i < n - 1) {
                max = Math.max(max, Math.abs(e[i]));
            }
        }
        int exponent = max == 0 ? 0 : Math.getExponent(max);
        for (int i = 0; i < n; i++) {
            d[i] = Math.scalb(d[i], -exponent);
        }
        for (int i = 0; i < n - 1; i++) {
            e[i] = Math.scalb(e[i], -exponent);
        }
        double[][] scratch = n > LEAF ? new double[n][n] : null;
        recurse(d, e, 0, n, zt, scratch, p);
        for (int i = 0; i < n; i++) {
            d[i] = Math.scalb(d[i], exponent);
        }
        return zt;
    }

    /**
     * Solves the block [off, off + n): fills d[off..] ascending and zt[off..] with its eigenvectors (arrays of the full
     * order, nonzero only on [off, off + n)).
     */
    private static void recurse(double[] d, double[] e, int off, int n, double[][] zt, double[][] scratch,
                                Parallelism p) {
        if (n <= LEAF) {
            leaf(d, e, off, n, zt);
            return;
        }
        int n1 = n / 2;
        double beta = e[off + n1 - 1];
        double abs = Math.abs(beta);
        d[off + n1 - 1] -= abs;
        d[off + n1] -= abs;
        p.forEach(2, n >= PARALLEL_HALVES, h -> {
            if (h == 0) {
                recurse(d, e, off, n1, zt, scratch, p);
            } else {
                recurse(d, e, off + n1, n - n1, zt, scratch, p);
            }
        });
        merge(d, off, n1, n - n1, beta, zt, scratch, p);
    }

    /** A small block by QR on the identity, sorted ascending. */
    private static void leaf(double[] d, double[] e, int off, int n, double[][] zt) {
        int total = zt.length;
        double[] dl = Arrays.copyOfRange(d, off, off + n);
        double[] el = Arrays.copyOfRange(e, off, off + Math.max(n - 1, 0));
        double[][] local = new double[n][n];
        for (int i = 0; i < n; i++) {
            local[i][i] = 1;
        }
        TridiagonalQr.solve(dl, el, local);
        int[] order = IndexSort.ascending(dl);
        for (int i = 0; i < n; i++) {
            int src = order[i];
            d[off + i] = dl[src];
            double[] row = new double[total];
            System.arraycopy(local[src], 0, row, off, n);
            zt[off + i] = row;
        }
    }

    /** Row kinds in the merged basis: nonzero only on the top half, on both (after a deflating rotation), bottom. */
    private static final int TOP = 0;
    private static final int DENSE = 1;
    private static final int BOTTOM = 2;

    /**
     * Merges the solved halves [off, off+n1) and [off+n1, off+n1+n2) torn at β: on entry d holds the eigenvalues of
     * each half (ascending) and zt[off..] the eigenvectors of each half.
     */
    private static void merge(double[] d, int off, int n1, int n2, double beta, double[][] zt, double[][] scratch,
                              Parallelism p) {
        int n = n1 + n2;
        int end = off + n;
        double rho = 2 * Math.abs(beta);
        double[][] rows = Arrays.copyOfRange(zt, off, end);
        int[] kind = new int[n];
        double[] dv = Arrays.copyOfRange(d, off, end);
        double[] zv = new double[n];
        double invSqrt2 = Math.sqrt(0.5);
        double sign = beta >= 0 ? 1 : -1;
        for (int j = 0; j < n; j++) {
            if (j < n1) {
                zv[j] = rows[j][off + n1 - 1] * invSqrt2;
                kind[j] = TOP;
            } else {
                zv[j] = sign * rows[j][off + n1] * invSqrt2;
                kind[j] = BOTTOM;
            }
        }
        // Poles in ascending order: merge the two sorted halves.
        int[] order = new int[n];
        for (int t = 0, a = 0, b = n1; t < n; t++) {
            order[t] = b >= n || (a < n1 && dv[a] <= dv[b]) ? a++ : b++;
        }
        double dmax = Math.max(Math.abs(dv[order[0]]), Math.abs(dv[order[n - 1]]));
        double tol = 8 * U * Math.max(dmax, rho);

        // Deflation, walking the poles in ascending order with the last kept one in `prev`.
        int[] kept = new int[n];
        int k = 0;
        int[] dropped = new int[n];
        int nd = 0;
        int prev = -1;
        for (int t = 0; t < n; t++) {
            int j = order[t];
            if (rho * Math.abs(zv[j]) <= tol) {
                dropped[nd++] = j;
                continue;
            }
            if (prev >= 0) {
                double zp = zv[prev];
                double zq = zv[j];
                double r = Math.hypot(zp, zq);
                double c = zq / r;
                double s = -zp / r;
                if (Math.abs(c * s * (dv[j] - dv[prev])) <= tol) {
                    // Rotate (prev, j) so z_prev = 0; prev leaves with the rotated value, j stays as a pole.
                    rotate(rows[prev], rows[j], c, s, off, end);
                    double dp = dv[prev];
                    double dq = dv[j];
                    dv[prev] = c * c * dp + s * s * dq;
                    dv[j] = s * s * dp + c * c * dq;
                    zv[prev] = 0;
                    zv[j] = r;
                    if (kind[prev] != kind[j]) {
                        kind[j] = DENSE;
                    }
                    kind[prev] = DENSE;
                    dropped[nd++] = prev;
                    prev = j;
                    continue;
                }
                kept[k++] = prev;
            }
            prev = j;
        }
        if (prev >= 0) {
            kept[k++] = prev;
        }

        double[] values = new double[n];
        double[][] vectors = new double[n][];
        if (k > 0) {
            double[] lambda = solveRankOne(dv, zv, kept, k, rho, rows, kind, off, n1, end, scratch, p);
            for (int i = 0; i < k; i++) {
                values[i] = lambda[i];
                vectors[i] = rows[kept[i]];
            }
        }
        for (int i = 0; i < nd; i++) {
            values[k + i] = dv[dropped[i]];
            vectors[k + i] = rows[dropped[i]];
        }
        int[] fin = IndexSort.ascending(values);
        for (int i = 0; i < n; i++) {
            d[off + i] = values[fin[i]];
            zt[off + i] = vectors[fin[i]];
        }
    }

    /** (p, q) ← (c·p + s·q, −s·p + c·q) on [from, to). */
    private static void rotate(double[] p, double[] q, double c, double s, int from, int to) {
        for (int i = from; i < to; i++) {
            double x = p[i];
            double y = q[i];
            p[i] = c * x + s * y;
            q[i] = c * y - s * x;
        }
    }

    /**
     * The k eigenpairs of D + ρ z zᵀ on the kept poles (ascending, distinct, z nonzero). On return the arrays
     * rows[kept[i]] hold the merged eigenvector of root i (overwritten on [off, end)).
     *
     * @return the roots, ascending
     */
    private static double[] solveRankOne(double[] dv, double[] zv, int[] kept, int k, double rho, double[][] rows,
                                         int[] kind, int off, int n1, int end, double[][] scratch,
                                         Parallelism p) {
        double[] poles = new double[k];
        double[] weights = new double[k];
        for (int j = 0; j < k; j++) {
            poles[j] = dv[kept[j]];
            weights[j] = zv[kept[j]];
        }
        double[] lambda = new double[k];
        if (k == 1) {
            lambda[0] = poles[0] + rho * weights[0] * weights[0];
            return lambda;
        }
        double[] z2 = new double[k];
        for (int j = 0; j < k; j++) {
            z2[j] = weights[j] * weights[j];
        }
        int[] origin = new int[k];
        double[] tau = new double[k];
        // Roots in fixed groups, each with its own scratch array.
        int groups = (k + ROOTS_PER_TASK - 1) / ROOTS_PER_TASK;
        p.forEach(groups, k >= PARALLEL_ROOTS, g -> {
            double[] work = new double[k];
            for (int i = g * ROOTS_PER_TASK; i < Math.min(k, (g + 1) * ROOTS_PER_TASK); i++) {
                root(poles, z2, rho, i, origin, tau, work);
            }
        });
        for (int i = 0; i < k; i++) {
            lambda[i] = poles[origin[i]] + tau[i];
        }
        // Gu-Eisenstat ẑ from the computed roots, with λ_i − D_j = −((D_j − D_origin(i)) − τ_i), as a product of
        // ratios that each stay near [0, 1] (no overflow for any k).
        double[] zhat = new double[k];
        double[] ratio = new double[k];
        for (int j = 0; j < k; j++) {
            double dj = poles[j];
            for (int i = 0; i < k - 1; i++) {
                double num = (poles[origin[i]] - dj) + tau[i];
                double den = i < j ? poles[i] - dj : poles[i + 1] - dj;
                ratio[i] = num / den;
            }
            double p0 = ((poles[origin[k - 1]] - dj) + tau[k - 1]) / rho;
            double p1 = 1;
            double p2 = 1;
            double p3 = 1;
            int i = 0;
            for (; i + 3 < k - 1; i += 4) {
                p0 *= ratio[i];
                p1 *= ratio[i + 1];
                p2 *= ratio[i + 2];
                p3 *= ratio[i + 3];
            }
            for (; i < k - 1; i++) {
                p0 *= ratio[i];
            }
            double prod = (p0 * p1) * (p2 * p3);
            zhat[j] = Math.copySign(Math.sqrt(Math.max(prod, 0)), weights[j]);
        }
        // Eigenvectors of D + ρ ẑ ẑᵀ: v_i[j] = ẑ_j / (D_j − λ_i), normalised. a(i, j) = v_i[j], row-major.
        double[] a = new double[k * k];
        double[] u = new double[k];
        for (int i = 0; i < k; i++) {
            double po = poles[origin[i]];
            double t = tau[i];
            for (int j = 0; j < k; j++) {
                u[j] = zhat[j] / ((poles[j] - po) - t);
            }
            double inv = 1 / Vectors.norm2(u, 0, k);
            for (int j = 0; j < k; j++) {
                a[i * k + j] = u[j] * inv;
            }
        }
        // Q·V on the kept rows, skipping Q's zero blocks: the top coordinates come from TOP and DENSE rows, the
        // bottom ones from DENSE and BOTTOM rows. The product goes to scratch rows [off, off + k), then back into the
        // kept rows' own arrays, which are no longer needed as inputs.
        int[] top = new int[k];
        int nt = 0;
        int[] bottom = new int[k];
        int nb = 0;
        for (int j = 0; j < k; j++) {
            int kd = kind[kept[j]];
            if (kd != BOTTOM) {
                top[nt++] = j;
            }
            if (kd != TOP) {
                bottom[nb++] = j;
            }
        }
        double[][] c = Arrays.copyOfRange(scratch, off, off + k);
        for (double[] row : c) {
            Arrays.fill(row, off, end, 0);
        }
        product(a, k, rows, kept, top, nt, off, off + n1, c, p);
        product(a, k, rows, kept, bottom, nb, off + n1, end, c, p);
        for (int i = 0; i < k; i++) {
            System.arraycopy(c[i], off, rows[kept[i]], off, end - off);
        }
        return lambda;
    }

    /** c[i][from, to) = Σ_t a(i, sel[t]) · rows[kept[sel[t]]][from, to), as one product. */
    private static void product(double[] a, int k, double[][] rows, int[] kept, int[] sel, int count, int from,
                                int to, double[][] c, Parallelism p) {
        if (count == 0 || to <= from) {
            return;
        }
        double[] as = new double[k * count];
        double[][] b = new double[count][];
        for (int t = 0; t < count; t++) {
            int j = sel[t];
            for (int i = 0; i < k; i++) {
                as[i * count + t] = a[i * k + j];
            }
            b[t] = rows[kept[j]];
        }
        Kernels.gemm(p, as, 0, count, 1, k, count, b, from, to, c);
    }

    /**
     * Root i of 1 + ρ Σ z_j²/(D_j − λ) = 0: sets origin[i] (the nearer pole) and tau[i] = λ − D_origin.
     *
     * @param z2   the squared weights
     * @param work a scratch array of k values
     */
    private static void root(double[] poles, double[] z2, double rho, int i, int[] origin, double[] tau,
                             double[] work) {
        int k = poles.length;
        int o;
        double lo;
        double hi;
        if (i < k - 1) {
            double mid = (poles[i + 1] - poles[i]) / 2;
            double di = poles[i];
            for (int j = 0; j < k; j++) {
                work[j] = 1 / ((poles[j] - di) - mid);
            }
            double f = 1 + rho * dot(z2, work, 0, k);
            if (f > 0) {
                o = i;
                lo = 0;
                hi = mid;
            } else {
                o = i + 1;
                lo = -mid;
                hi = 0;
            }
        } else {
            o = i;
            lo = 0;
            hi = rho * sum(z2, 0, k);
        }
        double po = poles[o];
        double dl = poles[i] - po;
        double dr = i < k - 1 ? poles[i + 1] - po : Double.NaN;
        double t = (lo + hi) / 2;
        for (int iter = 0; iter < MAX_SECULAR_ITERATIONS; iter++) {
            // 1/(D_j − λ) for every pole, then ψ (poles ≤ i) and φ (poles > i) with their derivatives.
            for (int j = 0; j < k; j++) {
                work[j] = 1 / ((poles[j] - po) - t);
            }
            double psi = rho * dot(z2, work, 0, i + 1);
            double dpsi = rho * weightedSquares(z2, work, 0, i + 1);
            double phi = rho * dot(z2, work, i + 1, k);
            double dphi = rho * weightedSquares(z2, work, i + 1, k);
            double f = 1 + psi + phi;
            double bound = U * (8 * (1 + Math.abs(psi) + Math.abs(phi)) + Math.abs(t) * (dpsi + dphi));
            if (Math.abs(f) <= bound) {
                break;
            }
            if (f < 0) {
                lo = t;
            } else {
                hi = t;
            }
            if (hi - lo <= 4 * U * Math.max(Math.abs(lo), Math.abs(hi))) {
                break;
            }
            double next = modelRoot(psi, dpsi, phi, dphi, dl, dr, t, i < k - 1);
            if (!(next > lo && next < hi)) {
                next = lo + (hi - lo) / 2;
            }
            t = next;
        }
        origin[i] = o;
        tau[i] = t;
    }

    /** Σ x_j·y_j over [from, to), four independent sums. */
    private static double dot(double[] x, double[] y, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = from;
        for (; j + 3 < to; j += 4) {
            s0 += x[j] * y[j];
            s1 += x[j + 1] * y[j + 1];
            s2 += x[j + 2] * y[j + 2];
            s3 += x[j + 3] * y[j + 3];
        }
        for (; j < to; j++) {
            s0 += x[j] * y[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ x_j·y_j² over [from, to). */
    private static double weightedSquares(double[] x, double[] y, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = from;
        for (; j + 3 < to; j += 4) {
            s0 += x[j] * y[j] * y[j];
            s1 += x[j + 1] * y[j + 1] * y[j + 1];
            s2 += x[j + 2] * y[j + 2] * y[j + 2];
            s3 += x[j + 3] * y[j + 3] * y[j + 3];
        }
        for (; j < to; j++) {
            s0 += x[j] * y[j] * y[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double sum(double[] x, int from, int to) {
        double s = 0;
        for (int j = from; j < to; j++) {
            s += x[j];
        }
        return s;
    }

    /**
     * The root in (dl, dr) of W + b/(dl − x) + d/(dr − x), the model matching ψ at its pole dl and φ at its pole dr
     * in value and slope at t (only the first pole for the last root); NaN when the model has no usable root.
     */
    private static double modelRoot(double psi, double dpsi, double phi, double dphi, double dl, double dr, double t,
                                    boolean twoPoles) {
        double hl = dl - t;
        double b = dpsi * hl * hl;
        if (!twoPoles) {
            double w = 1 + psi - dpsi * hl;
            return w > 0 ? dl + b / w : Double.NaN;
        }
        double hr = dr - t;
        double dd = dphi * hr * hr;
        double w = 1 + psi - dpsi * hl + phi - dphi * hr;
        // W(dl − x)(dr − x) + b(dr − x) + dd(dl − x) = 0  ⇔  W x² − B x + C = 0.
        double bq = w * (dl + dr) + b + dd;
        double cq = w * dl * dr + b * dr + dd * dl;
        if (w == 0) {
            return cq / bq;
        }
        double disc = Math.max(bq * bq - 4 * w * cq, 0);
        double sq = Math.sqrt(disc);
        double x1;
        double x2;
        if (bq >= 0) {
            x1 = (bq + sq) / (2 * w);
            x2 = 2 * cq / (bq + sq);
        } else {
            x1 = 2 * cq / (bq - sq);
            x2 = (bq - sq) / (2 * w);
        }
        double lo = Math.min(dl, dr);
        double hi = Math.max(dl, dr);
        if (x2 > lo && x2 < hi) {
            return x2;
        }
        if (x1 > lo && x1 < hi) {
            return x1;
        }
        return Double.NaN;
    }
}
