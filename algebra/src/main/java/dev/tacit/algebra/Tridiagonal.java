package dev.tacit.algebra;

import java.util.Arrays;

/**
 * Householder reduction of a symmetric matrix to tridiagonal form, A = Q T Qᵀ with Q = H_0 H_1 ⋯ H_{n−2} and
 * H_k = I − τ_k v_k v_kᵀ acting on coordinates k+1..n−1 (Golub and Van Loan, Matrix Computations, 4th ed., algorithm
 * 8.3.1; the reflector convention of LAPACK's dlarfg, v_k[k+1] = 1).
 *
 * <p>Storage: the matrix is held as full symmetric rows (both triangles kept current), so the product A·v is a sum
 * of rows, a vectorised loop. On return row k holds v_k in columns k+1..n−1, which is all the back-transformation
 * needs.
 *
 * <p>From {@value #BLOCKED_FROM} rows on the reduction is blocked (Dongarra, Sorensen and Hammarling, J. Comput.
 * Appl. Math. 27, 1989; LAPACK's dsytrd/dlatrd): a panel of {@value #PANEL} columns is reduced against the stale
 * trailing matrix, with the panel's own updates applied on the fly to the one column needed next, and the trailing
 * matrix then takes all the panel's updates at once as a rank-2b product, A ← A − V Wᵀ − W Vᵀ, on the product kernel.
 */
final class Tridiagonal {

    /** Order from which the blocked reduction pays off. */
    static final int BLOCKED_FROM = 192;
    /** Columns per panel of the blocked reduction. */
    static final int PANEL = 32;
    /** Rows per task of the parallel matrix-vector product in the blocked reduction. */
    private static final int SYMV_ROWS = 64;
    /** Trailing blocks of at least this many entries (512²) have their matrix-vector product split in two halves. */
    private static final long SYMV_SPLIT_WORK = 1L << 18;

    /** Smallest magnitude whose reciprocal is safe (LAPACK's safmin/eps), a power of two so scaling is exact. */
    private static final double SAFE_MIN = Math.scalb(1.0, Double.MIN_EXPONENT + 53);
    private static final double INV_SAFE_MIN = 1 / SAFE_MIN;

    private Tridiagonal() {
    }

    /**
     * Reduces the symmetric matrix in place.
     *
     * @param a   full symmetric rows, overwritten (row k keeps v_k in columns k+1..n−1)
     * @param d   receives the diagonal of T (n values)
     * @param e   receives the sub-diagonal of T (n−1 values)
     * @param tau receives τ_k (n−1 values; 0 where H_k = I)
     * @param p   threads for the blocked reduction's products
     */
    static void reduce(double[][] a, double[] d, double[] e, double[] tau, Parallelism p) {
        int n = a.length;
        if (n >= BLOCKED_FROM) {
            reduceBlocked(a, d, e, tau, p);
        } else {
            reduceUnblocked(a, d, e, tau, 0);
        }
    }

    /**
     * The reduction one column at a time, from column {@code from} on (earlier columns already reduced).
     *
     * <p>One pass over the trailing matrix per column instead of two: row k+1 is updated first and the next
     * reflector taken from it, then every further row is updated and at once added into the next column's product
     * A'v while it is still in the first-level cache. Each value sees the same operations in the same order as with
     * two separate passes.
     */
    private static void reduceUnblocked(double[][] a, double[] d, double[] e, double[] tau, int from) {
        int n = a.length;
        if (from >= n - 1) {
            d[n - 1] = a[n - 1][n - 1];
            return;
        }
        double[] p = new double[n];
        double[] next = new double[n];
        prepare(a, d, e, tau, from);
        double t = tau[from];
        if (t != 0) {
            // p = τ A' v as a sum of rows of the trailing matrix A' (rows and columns from+1..n−1).
            double[] v = a[from];
            for (int i = from + 1; i < n; i++) {
                Vectors.axpy(t * v[i], a[i], p, from + 1, n);
            }
        }
        for (int k = from; k < n - 1; k++) {
            double[] v = a[k];
            t = tau[k];
            if (t != 0) {
                // w = p − (τ/2)(pᵀv) v; A' ← A' − v wᵀ − w vᵀ, starting with row k+1.
                double half = -0.5 * t * Vectors.dot(p, k + 1, v, k + 1, n - k - 1);
                Vectors.axpy(half, v, p, k + 1, n);
                rank2(a[k + 1], -v[k + 1], p, -p[k + 1], v, k + 1, n);
            }
            if (k + 1 == n - 1) {
                break;
            }
            prepare(a, d, e, tau, k + 1);
            double tn = tau[k + 1];
            double[] vn = a[k + 1];
            Arrays.fill(next, k + 2, n, 0);
            int i = k + 2;
            if (t != 0 && tn != 0) {
                // Two rows per pass: both updated and accumulated while in registers (half the loop overhead of
                // separate passes, and p, v and next loaded once for two rows).
                for (; i + 1 < n; i += 2) {
                    double[] a0 = a[i];
                    double[] a1 = a[i + 1];
                    a0[k + 1] = Math.fma(-v[i], p[k + 1], Math.fma(-p[i], v[k + 1], a0[k + 1]));
                    a1[k + 1] = Math.fma(-v[i + 1], p[k + 1], Math.fma(-p[i + 1], v[k + 1], a1[k + 1]));
                    rank2Accumulate2(a0, a1, -v[i], -p[i], -v[i + 1], -p[i + 1], p, v, tn * vn[i], tn * vn[i + 1],
                            next, k + 2, n);
                }
            }
            for (; i < n; i++) {
                double[] ai = a[i];
                if (t != 0) {
                    rank2(ai, -v[i], p, -p[i], v, k + 1, n);
                }
                if (tn != 0) {
                    Vectors.axpy(tn * vn[i], ai, next, k + 2, n);
                }
            }
            double[] swap = p;
            p = next;
            next = swap;
        }
        d[n - 1] = a[n - 1][n - 1];
    }

    /** Column k's reflector from row k (kept current by symmetry): d[k], e[k], τ_k, and v_k in row k. */
    private static void prepare(double[][] a, double[] d, double[] e, double[] tau, int k) {
        int n = a.length;
        double[] rowK = a[k];
        d[k] = rowK[k];
        tau[k] = reflector(rowK, k + 1, n);
        e[k] = rowK[k + 1];
        rowK[k + 1] = 1;
    }

    /**
     * Rows y0 and y1 take their rank-2 updates, y_r[j] ← fma(α_r, x[j], fma(β_r, z[j], y_r[j])), and are then added
     * into acc, acc[j] ← fma(γ1, y1[j], fma(γ0, y0[j], acc[j])), on [j0, j1), in one pass: each value sees the same
     * operations in the same order as with {@link #rank2} and an axpy per row, at half the loop overhead (measured
     * 0.06 against 0.12 ms for a reduction's worth of rows at n = 96).
     */
    private static void rank2Accumulate2(double[] y0, double[] y1, double alpha0, double beta0, double alpha1,
                                         double beta1, double[] x, double[] z, double gamma0, double gamma1,
                                         double[] acc, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            double xj = x[j];
            double zj = z[j];
            double t0 = Math.fma(alpha0, xj, Math.fma(beta0, zj, y0[j]));
            y0[j] = t0;
            double t1 = Math.fma(alpha1, xj, Math.fma(beta1, zj, y1[j]));
            y1[j] = t1;
            acc[j] = Math.fma(gamma1, t1, Math.fma(gamma0, t0, acc[j]));
        }
    }

    /** y[j0, j1) += α·x[j0, j1) + β·z[j0, j1), fused. */
    private static void rank2(double[] y, double alpha, double[] x, double beta, double[] z, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            y[j] = Math.fma(alpha, x[j], Math.fma(beta, z[j], y[j]));
        }
    }

    /**
     * Turns x = row[from, to) into the reflector that maps it to (β, 0, ..., 0): on return row[from] = β and
     * row[from+1, to) holds v without its leading 1. Scaled so that neither overflow nor underflow distorts ‖x‖.
     *
     * @return τ, 0 when x is already of that form
     */
    private static double reflector(double[] row, int from, int to) {
        double alpha = row[from];
        double xnorm = Vectors.norm2(row, from + 1, to);
        if (xnorm == 0) {
            return 0;
        }
        double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
        // As LAPACK's dlarfg: a column so small that 1/(α − β) would overflow is scaled up by powers of two (exact)
        // until β is representable with room to spare, and β scaled back at the end.
        int rescaled = 0;
        while (Math.abs(beta) < SAFE_MIN && rescaled < 20) {
            for (int j = from; j < to; j++) {
                row[j] *= INV_SAFE_MIN;
            }
            rescaled++;
            alpha = row[from];
            beta = -Math.copySign(Math.hypot(alpha, Vectors.norm2(row, from + 1, to)), alpha);
        }
        double t = (beta - alpha) / beta;
        double scale = 1 / (alpha - beta);
        for (int j = from + 1; j < to; j++) {
            row[j] *= scale;
        }
        for (int i = 0; i < rescaled; i++) {
            beta *= SAFE_MIN;
        }
        row[from] = beta;
        return t;
    }

    /**
     * The blocked reduction. Panel columns are reduced against the stale trailing matrix: with V and W the reflectors
     * and update vectors of the panel so far, the current column is first brought up to date
     * (a ← a − V·w_row − W·v_row) and the product A'v uses the stale A' corrected by V(Wᵀv) + W(Vᵀv).
     */
    private static void reduceBlocked(double[][] a, double[] d, double[] e, double[] tau, Parallelism p) {
        int n = a.length;
        int k0 = 0;
        double[][] vs = new double[PANEL][];
        double[][] ws = new double[PANEL][];
        for (int j = 0; j < PANEL; j++) {
            ws[j] = new double[n];
        }
        double[] coefV = new double[PANEL];
        double[] coefW = new double[PANEL];
        while (n - k0 > BLOCKED_FROM / 2 && n - k0 > PANEL + 1) {
            int nb = PANEL;
            for (int j = 0; j < nb; j++) {
                int k = k0 + j;
                double[] rowK = a[k];
                // Bring row k (= column k) up to date with the panel's earlier reflectors.
                for (int t = 0; t < j; t++) {
                    double[] v = vs[t];
                    double[] w = ws[t];
                    rank2(rowK, -w[k], v, -v[k], w, k, n);
                }
                d[k] = rowK[k];
                double tk = reflector(rowK, k + 1, n);
                e[k] = rowK[k + 1];
                rowK[k + 1] = 1;
                tau[k] = tk;
                vs[j] = rowK;
                double[] w = ws[j];
                Arrays.fill(w, 0, n, 0);
                if (tk == 0) {
                    continue;
                }
                // w = τ (A' v − V(Wᵀv) − W(Vᵀv)) over coordinates k+1..n−1, with A' the stale trailing matrix.
                symv(a, rowK, k + 1, n, w, p);
                for (int t = 0; t < j; t++) {
                    coefV[t] = Vectors.dot(ws[t], k + 1, rowK, k + 1, n - k - 1);
                    coefW[t] = Vectors.dot(vs[t], k + 1, rowK, k + 1, n - k - 1);
                }
                for (int t = 0; t < j; t++) {
                    rank2(w, -coefV[t], vs[t], -coefW[t], ws[t], k + 1, n);
                }
                for (int i = k + 1; i < n; i++) {
                    w[i] *= tk;
                }
                double half = -0.5 * tk * Vectors.dot(w, k + 1, rowK, k + 1, n - k - 1);
                Vectors.axpy(half, rowK, w, k + 1, n);
            }
            // Trailing update A'' ← A'' − V Wᵀ − W Vᵀ on rows and columns k0+nb..n−1, as one product:
            // C += −[V W] · [W; V]ᵀ, with A(i, t) read from a negated copy of the panel vectors and the rows of B
            // the panel's own arrays (fma(−a, b, c) = fma(a, −b, c) exactly, so negating either side is the same).
            int r0 = k0 + nb;
            int m = n - r0;
            double[] panel = new double[2 * nb * m];
            double[][] bRows = new double[2 * nb][];
            for (int t = 0; t < nb; t++) {
                double[] v = vs[t];
                double[] w = ws[t];
                for (int i = 0; i < m; i++) {
                    panel[t * m + i] = -v[r0 + i];
                    panel[(nb + t) * m + i] = -w[r0 + i];
                }
                // Row t of the panel's reflectors is a row of a above r0, which the update does not touch.
                bRows[t] = w;
                bRows[nb + t] = v;
            }
            double[][] cRows = Arrays.copyOfRange(a, r0, n);
            Kernels.gemm(p, panel, 0, 1, m, m, 2 * nb, bRows, r0, n, cRows);
            k0 = r0;
        }
        reduceUnblocked(a, d, e, tau, k0);
    }

    /**
     * w[from, to) = A'·v for the trailing block A' = a[from..to)[from..to), as a sum of rows. Large blocks are split
     * into fixed groups of rows whose partial sums are added in a fixed order, so the result does not depend on the
     * number of threads.
     */
    private static void symv(double[][] a, double[] v, int from, int to, double[] w, Parallelism p) {
        int rows = to - from;
        int groups = (rows + SYMV_ROWS - 1) / SYMV_ROWS;
        // The split is fixed by the size alone (never by the threads available): the two halves' partial sums are
        // added in a fixed order, which rounds differently from one running sum.
        if ((long) rows * rows < SYMV_SPLIT_WORK || groups < 2) {
            for (int i = from; i < to; i++) {
                Vectors.axpy(v[i], a[i], w, from, to);
            }
            return;
        }
        // Two halves of the rows, each summed into its own vector, then added: a fixed order.
        int mid = from + (groups / 2) * SYMV_ROWS;
        double[][] partial = new double[2][];
        p.forEach(2, true, h -> {
            double[] acc = new double[to];
            int i0 = h == 0 ? from : mid;
            int i1 = h == 0 ? mid : to;
            for (int i = i0; i < i1; i++) {
                Vectors.axpy(v[i], a[i], acc, from, to);
            }
            partial[h] = acc;
        });
        double[] p0 = partial[0];
        double[] p1 = partial[1];
        for (int j = from; j < to; j++) {
            w[j] = p0[j] + p1[j];
        }
    }

    /**
     * Forms Qᵀ explicitly by backward accumulation (Q = H_0 (H_1 (⋯ H_{n−2}))), each H_k touching only the trailing
     * block, and returns it by rows: row i of the result is column i of Q. (For the small orders this serves, vectorised
     * row passes beat the blocked WY form: measured 0.11 against 0.21 ms at n = 95.)
     *
     * <p>One pass per reflector, two rows at a time: the rows are updated by H_k and at once added into the next
     * reflector's uᵀ = v_{k−1}ᵀQ while in registers ({@link #updateAccumulate2}; half the loop overhead of a pass per
     * row and operation).
     *
     * @param a   the reduced matrix (reflectors in rows)
     * @param tau the reflector coefficients
     * @return Qᵀ by rows
     */
    static double[][] formQTransposed(double[][] a, double[] tau) {
        int n = a.length;
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            q[i][i] = 1;
        }
        if (n < 2) {
            return q;
        }
        double[] u = new double[n];
        double[] next = new double[n];
        // u for the last reflector: rows n−1.. of Q are still the identity, so u[j] = 0 + v[j] (the sum, not the
        // copy, so that a −0.0 in v becomes +0.0 as when it was accumulated).
        int last = n - 2;
        double[] vl = a[last];
        for (int j = last + 1; j < n; j++) {
            u[j] = 0.0 + vl[j];
        }
        for (int k = last; k >= 0; k--) {
            double t = tau[k];
            double[] v = a[k];
            // Rows k+1.. of Q: Q' ← Q' − τ v uᵀ over columns k+1.. (columns below k+1 of these rows are still zero),
            // and with each updated row, next = v_{k−1}ᵀ Q over rows k.. (column k included) for the next reflector.
            double[] w = k > 0 ? a[k - 1] : null;
            if (w != null) {
                Arrays.fill(next, k, n, 0);
                // Row k is still e_k.
                next[k] += w[k];
            }
            int i = k + 1;
            if (t != 0 && w != null) {
                for (; i + 1 < n; i += 2) {
                    double[] q0 = q[i];
                    double[] q1 = q[i + 1];
                    // Column k is not changed by H_k but is accumulated, first, in the same order.
                    next[k] = Math.fma(w[i + 1], q1[k], Math.fma(w[i], q0[k], next[k]));
                    updateAccumulate2(q0, q1, -t * v[i], -t * v[i + 1], u, w[i], w[i + 1], next, k + 1, n);
                }
            }
            for (; i < n; i++) {
                double[] qi = q[i];
                if (t != 0) {
                    Vectors.axpy(-t * v[i], u, qi, k + 1, n);
                }
                if (w != null) {
                    Vectors.axpy(w[i], qi, next, k, n);
                }
            }
            double[] swap = u;
            u = next;
            next = swap;
        }
        return Kernels.transposedRows(q, n);
    }

    /**
     * q_r[j] ← fma(α_r, u[j], q_r[j]) for rows q0 and q1, then acc[j] ← fma(β1, q1[j], fma(β0, q0[j], acc[j])), on
     * [from, to), in one pass (the same operations in the same order as two axpys per row).
     */
    private static void updateAccumulate2(double[] q0, double[] q1, double alpha0, double alpha1, double[] u,
                                          double beta0, double beta1, double[] acc, int from, int to) {
        for (int j = from; j < to; j++) {
            double uj = u[j];
            double t0 = Math.fma(alpha0, uj, q0[j]);
            q0[j] = t0;
            double t1 = Math.fma(alpha1, uj, q1[j]);
            q1[j] = t1;
            acc[j] = Math.fma(beta1, t1, Math.fma(beta0, t0, acc[j]));
        }
    }

    /**
     * Z ← Q·Z for a matrix Z given by rows (row p = coordinate p), with Q the reduction's orthogonal factor, applied
     * a block of reflectors at a time in the compact WY form H_k ⋯ H_{k+b−1} = I − Y T Yᵀ (Schreiber and Van Loan,
     * SIAM J. Sci. Stat. Comput. 10, 1989), so the work is two products per block.
     *
     * @param a   the reduced matrix (reflectors in rows)
     * @param tau the reflector coefficients
     * @param z   n rows, overwritten with Q·Z
     * @param p   threads for the products
     */
    static void applyQ(double[][] a, double[] tau, double[][] z, Parallelism p) {
        int n = a.length;
        int cols = n == 0 ? 0 : z[0].length;
        int reflectors = n - 1;
        // Blocks from the last reflectors to the first: Q Z = H_0 (H_1 (⋯ (H_{n−2} Z))).
        int last = reflectors;
        while (last > 0) {
            int first = Math.max(0, last - PANEL);
            int nb = last - first;
            int r0 = first + 1;          // the block's reflectors touch coordinates r0..n−1
            int m = n - r0;
            // Y (m × nb) column t = v_{first+t} on coordinates r0.., zero above its leading 1.
            double[] y = new double[nb * m];          // y[t*m + i] = Y(i, t): column-major
            for (int t = 0; t < nb; t++) {
                int k = first + t;
                double[] v = a[k];
                for (int i = k + 1; i < n; i++) {
                    y[t * m + (i - r0)] = v[i];
                }
            }
            double[][] tm = triangularFactor(y, m, nb, tau, first);
            // M = Yᵀ Z (nb × cols), then M ← T M, then Z ← Z − Y M.
            double[][] zb = Arrays.copyOfRange(z, r0, n);
            int c0 = 0;
            double[][] mRows = new double[nb][cols];
            Kernels.gemm(p, y, 0, m, 1, nb, m, zb, c0, cols, mRows);
            double[][] tmRows = new double[nb][cols];
            for (int i = 0; i < nb; i++) {
                for (int t = i; t < nb; t++) {
                    double c = tm[i][t];
                    if (c != 0) {
                        Vectors.axpy(-c, mRows[t], tmRows[i], c0, cols);
                    }
                }
            }
            Kernels.gemm(p, y, 0, 1, m, m, nb, tmRows, c0, cols, zb);
            last = first;
        }
    }

    /**
     * The upper triangular T of the compact WY form I − Y T Yᵀ = H_first ⋯ H_{first+nb−1} (LAPACK's dlarft, forward,
     * columnwise): T_tt = τ_t and T[0..t, t] = −τ_t · T[0..t, 0..t] · (Y[:, 0..t]ᵀ y_t).
     */
    private static double[][] triangularFactor(double[] y, int m, int nb, double[] tau, int first) {
        double[][] tm = new double[nb][nb];
        double[] g = new double[nb];
        for (int t = 0; t < nb; t++) {
            double tt = tau[first + t];
            tm[t][t] = tt;
            if (tt == 0) {
                continue;
            }
            for (int s = 0; s < t; s++) {
                g[s] = -tt * Vectors.dot(y, s * m, y, t * m, m);
            }
            for (int s = 0; s < t; s++) {
                double acc = 0;
                for (int r = s; r < t; r++) {
                    acc += tm[s][r] * g[r];
                }
                tm[s][t] = acc;
            }
        }
        return tm;
    }
}
