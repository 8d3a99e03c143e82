package dev.tacit.optim.baselines;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.SymmetricEigen;

/** Small dense symmetric linear systems, for the normal equations inside the baselines. */
final class SymmetricSolve {

    private SymmetricSolve() {
    }

    /**
     * Solves A s = b for symmetric positive semidefinite A: Cholesky when A is positive definite, otherwise the
     * minimum-norm least-squares solution from the eigendecomposition (eigenvalues below 1e-12·λ_max are dropped),
     * which happens when too few entries pin S down.
     */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        boolean definite = true;
        for (int i = 0; i < n && definite; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 1e-14 * Math.abs(a[i][i])) || sum <= 0) {
                        definite = false;
                        break;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        if (definite) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = b[i];
                for (int k = 0; k < i; k++) {
                    sum -= l[i][k] * z[k];
                }
                z[i] = sum / l[i][i];
            }
            double[] x = new double[n];
            for (int i = n - 1; i >= 0; i--) {
                double sum = z[i];
                for (int k = i + 1; k < n; k++) {
                    sum -= l[k][i] * x[k];
                }
                x[i] = sum / l[i][i];
            }
            return x;
        }
        SymmetricEigen.Result eig = SymmetricEigen.decompose(Matrix.fromRows(a));
        double[] values = eig.values();
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        Matrix z = eig.vectors();
        double[] x = new double[n];
        for (int c = 0; c < n; c++) {
            if (values[c] <= 1e-12 * largest) {
                continue;
            }
            double proj = 0;
            for (int i = 0; i < n; i++) {
                proj += z.get(i, c) * b[i];
            }
            proj /= values[c];
            for (int i = 0; i < n; i++) {
                x[i] += proj * z.get(i, c);
            }
        }
        return x;
    }

}
