package dev.tacit.algebra;

import java.util.Arrays;

/**
 * Eigen-decomposition A = Z Λ Zᵀ of a real symmetric matrix: Householder reduction to tridiagonal form, then the
 * implicit symmetric QR iteration with Wilkinson shifts (Golub and Van Loan, Matrix Computations, 4th ed., algorithms
 * 8.3.1 and 8.3.3).
 *
 * <p>Eigenvalues are accurate to about eps·‖A‖ in absolute terms, not relative to each eigenvalue; callers that need
 * tiny eigenvalues of a Gram matrix accurately refine with {@link JacobiSvd}. Internally every vector is its own array
 * so the rotation and update loops run on two distinct arrays at the same index, which the JIT vectorises.
 */
public final class SymmetricEigen {

    private static final double EPS = 0x1.0p-52;

    /** Iterations of the QR step allowed per eigenvalue before giving up (it converges cubically; 2 are typical). */
    private static final int MAX_STEPS_PER_EIGENVALUE = 30;

    private SymmetricEigen() {
    }

    /**
     * The decomposition.
     *
     * @param values  the eigenvalues, descending
     * @param vectors the orthonormal eigenvectors, column i for values[i]
     */
    public record Result(double[] values, Matrix vectors) {
        /** Copies the values. */
        public Result {
            values = values.clone();
        }

        /** @return a copy of the eigenvalues, descending */
        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /**
     * @param a a symmetric matrix (only its lower triangle is read)
     * @return the eigenvalues (descending) and orthonormal eigenvectors
     */
    public static Result decompose(Matrix a) {
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException("symmetric eigen-decomposition needs a square matrix, got " + a.shape());
        }
        int n = a.rows();
        double[] values = new double[n];
        double[][] zt = decomposeRows(symmetricRows(a), values);
        double[] v = new double[n * n];
        for (int c = 0; c < n; c++) {
            for (int i = 0; i < n; i++) {
                v[i * n + c] = zt[c][i];
            }
        }
        return new Result(values, new Matrix(n, n, v));
    }

    /** Rows of the symmetric matrix built from the lower triangle of a. */
    private static double[][] symmetricRows(Matrix a) {
        int n = a.rows();
        double[] d = Matrix.storage(a);
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                rows[i][j] = d[i * n + j];
                rows[j][i] = d[i * n + j];
            }
        }
        return rows;
    }

    /**
     * Decomposes the symmetric matrix whose rows are given (destroyed in the process).
     *
     * @param a      the rows of a symmetric matrix, overwritten
     * @param values receives the eigenvalues, descending
     * @return the eigenvectors as rows, row i for values[i]
     */
    static double[][] decomposeRows(double[][] a, double[] values) {
        int n = a.length;
        double[] d = new double[n];
        double[] e = new double[Math.max(n - 1, 0)];
        double[][] zt = tridiagonalize(a, d, e);
        qrIterate(d, e, zt);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(d[y], d[x]));
        double[][] sorted = new double[n][];
        for (int i = 0; i < n; i++) {
            values[i] = d[order[i]];
            sorted[i] = zt[order[i]];
        }
        return sorted;
    }

    /**
     * Householder tridiagonalisation A = Q T Qᵀ. Fills the diagonal d and sub-diagonal e of T and returns Qᵀ by rows
     * (row i is column i of Q).
     */
    private static double[][] tridiagonalize(double[][] a, double[] d, double[] e) {
        int n = a.length;
        double[][] vs = new double[Math.max(n - 2, 0)][];
        double[] betas = new double[Math.max(n - 2, 0)];
        double[] p = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n - 2; k++) {
            // x = A[k+1.., k], read from row k by symmetry.
            double[] rowK = a[k];
            double alphaScale = 0;
            for (int j = k + 1; j < n; j++) {
                alphaScale = Math.max(alphaScale, Math.abs(rowK[j]));
            }
            d[k] = rowK[k];
            double[] v = new double[n];
            if (alphaScale == 0) {
                e[k] = 0;
                vs[k] = v;
                betas[k] = 0;
                continue;
            }
            double norm2 = 0;
            for (int j = k + 1; j < n; j++) {
                v[j] = rowK[j] / alphaScale;
                norm2 += v[j] * v[j];
            }
            double norm = Math.sqrt(norm2);
            double alpha = v[k + 1] >= 0 ? -norm : norm;
            v[k + 1] -= alpha;
            double vv = 0;
            for (int j = k + 1; j < n; j++) {
                vv += v[j] * v[j];
            }
            double beta = 2 / vv;
            e[k] = alpha * alphaScale;
            // p = β A' v as a sum of rows (A' symmetric): vectorised axpys.
            Arrays.fill(p, 0);
            for (int i = k + 1; i < n; i++) {
                double coef = beta * v[i];
                double[] ai = a[i];
                for (int j = k + 1; j < n; j++) {
                    p[j] += coef * ai[j];
                }
            }
            double pv = 0;
            for (int j = k + 1; j < n; j++) {
                pv += p[j] * v[j];
            }
            double half = beta * pv / 2;
            for (int j = k + 1; j < n; j++) {
                w[j] = p[j] - half * v[j];
            }
            // A' ← A' − v wᵀ − w vᵀ
            for (int i = k + 1; i < n; i++) {
                double vi = v[i];
                double wi = w[i];
                double[] ai = a[i];
                for (int j = k + 1; j < n; j++) {
                    ai[j] -= vi * w[j] + wi * v[j];
                }
            }
            vs[k] = v;
            betas[k] = beta;
        }
        if (n >= 2) {
            d[n - 2] = a[n - 2][n - 2];
            e[n - 2] = a[n - 1][n - 2];
        }
        if (n >= 1) {
            d[n - 1] = a[n - 1][n - 1];
        }
        // Backward accumulation Q = H_0 (H_1 (⋯ H_{n−3})), each H_k touching only the trailing block.
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            q[i][i] = 1;
        }
        double[] u = new double[n];
        for (int k = n - 3; k >= 0; k--) {
            double beta = betas[k];
            if (beta == 0) {
                continue;
            }
            double[] v = vs[k];
            Arrays.fill(u, 0);
            for (int i = k + 1; i < n; i++) {
                double vi = v[i];
                if (vi == 0) {
                    continue;
                }
                double[] qi = q[i];
                for (int j = k + 1; j < n; j++) {
                    u[j] += vi * qi[j];
                }
            }
            for (int i = k + 1; i < n; i++) {
                double coef = beta * v[i];
                double[] qi = q[i];
                for (int j = k + 1; j < n; j++) {
                    qi[j] -= coef * u[j];
                }
            }
        }
        // Rows of Qᵀ are the columns of Q.
        double[][] qt = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] qi = q[i];
            for (int j = 0; j < n; j++) {
                qt[j][i] = qi[j];
            }
        }
        return qt;
    }

    /**
     * Implicit symmetric QR with Wilkinson shifts on the tridiagonal (d, e), applying every rotation to the rows of
     * zt. On return d holds the eigenvalues (unsorted) and zt the matching eigenvectors.
     */
    private static void qrIterate(double[] d, double[] e, double[][] zt) {
        int n = d.length;
        int hi = n - 1;
        int steps = 0;
        // Negligible means small next to its neighbours on the diagonal or, failing that (both near zero), next to
        // the whole matrix: the second test perturbs eigenvalues by at most eps·‖T‖, the accuracy class of the
        // method, and guarantees progress when a block's diagonal has underflowed to zero.
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm = Math.max(norm, Math.abs(d[i]) + (i < n - 1 ? Math.abs(e[i]) : 0) + (i > 0 ? Math.abs(e[i - 1]) : 0));
        }
        double floor = EPS * norm;
        while (hi > 0) {
            for (int i = 0; i < hi; i++) {
                double ei = Math.abs(e[i]);
                if (ei <= EPS * (Math.abs(d[i]) + Math.abs(d[i + 1])) || ei <= floor) {
                    e[i] = 0;
                }
            }
            while (hi > 0 && e[hi - 1] == 0) {
                hi--;
            }
            if (hi == 0) {
                break;
            }
            int lo = hi - 1;
            while (lo > 0 && e[lo - 1] != 0) {
                lo--;
            }
            if (++steps > MAX_STEPS_PER_EIGENVALUE * n) {
                throw new ArithmeticException("symmetric QR iteration did not converge for a " + n + "x" + n
                        + " matrix");
            }
            step(d, e, zt, lo, hi);
        }
    }

    /** One implicit QR step with Wilkinson shift on the unreduced block [lo, hi]. */
    private static void step(double[] d, double[] e, double[][] zt, int lo, int hi) {
        double delta = (d[hi - 1] - d[hi]) / 2;
        double b = e[hi - 1];
        // μ = d − b²/(δ + sign(δ)·hypot(δ, b)), written so b² is never formed (it can overflow).
        double mu = d[hi] - b * (b / (delta + (delta >= 0 ? 1 : -1) * Math.hypot(delta, b)));
        double x = d[lo] - mu;
        double z = e[lo];
        for (int k = lo; k < hi; k++) {
            double r = Math.hypot(x, z);
            double c = r == 0 ? 1 : x / r;
            double s = r == 0 ? 0 : z / r;
            if (k > lo) {
                e[k - 1] = r;
            }
            double ak = d[k];
            double ak1 = d[k + 1];
            double bk = e[k];
            double cs = c * s;
            d[k] = c * c * ak + 2 * cs * bk + s * s * ak1;
            d[k + 1] = s * s * ak - 2 * cs * bk + c * c * ak1;
            e[k] = cs * (ak1 - ak) + (c * c - s * s) * bk;
            if (k < hi - 1) {
                z = s * e[k + 1];
                e[k + 1] = c * e[k + 1];
                x = e[k];
            }
            rotate(zt[k], zt[k + 1], c, s);
        }
    }

    /** (p, q) ← (c·p + s·q, −s·p + c·q) on two distinct arrays. */
    private static void rotate(double[] p, double[] q, double c, double s) {
        for (int i = 0; i < p.length; i++) {
            double a = p[i];
            double b = q[i];
            p[i] = c * a + s * b;
            q[i] = c * b - s * a;
        }
    }
}
