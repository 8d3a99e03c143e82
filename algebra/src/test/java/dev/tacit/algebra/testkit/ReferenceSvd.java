package dev.tacit.algebra.testkit;

import dev.tacit.algebra.Matrix;

/**
 * A straightforward, slow and accurate SVD for checking the fast paths: one-sided Jacobi (Hestenes 1958) from V = I
 * on the columns of the tall orientation, cyclic sweeps until every pair satisfies |x_p·x_q| ≤ 1e-15·‖x_p‖‖x_q‖, then
 * σ_p = ‖x_p‖ and u_p = x_p/σ_p. No preconditioning, no Gram matrix, plain loops: backward stable (Demmel and
 * Veselić 1992) and independent of every kernel it is used to check.
 *
 * <p>Why a test-only judge rather than one of the routes of {@code dev.tacit.algebra.SvdRoute}: a judge must share
 * no code with what it judges. The {@code jacobi} route starts from the Gram eigenvectors and runs on the same product
 * kernels and eigensolver as {@code gram}, to a looser 1e-12, and {@code hipparchus} is itself under test (its
 * accuracy is not ours to state); this one is slow (scalar sweeps from the identity, 1e-15) and kept that way on
 * purpose. {@code SvdRouteAgreementTest} judges all three routes by it.
 */
public final class ReferenceSvd {

    private static final double TOLERANCE = 1e-15;
    private static final int MAX_SWEEPS = 300;

    private final Matrix polarFactor;
    private final double[] singularValues;

    private ReferenceSvd(Matrix polarFactor, double[] singularValues) {
        this.polarFactor = polarFactor;
        this.singularValues = singularValues;
    }

    /**
     * @param w a finite matrix
     * @return its decomposition by cold one-sided Jacobi
     */
    public static ReferenceSvd of(Matrix w) {
        boolean wide = w.rows() < w.cols();
        Matrix a = wide ? w.transpose() : w;
        int len = a.rows();
        int k = a.cols();
        double[][] x = a.transpose().toRows();
        double[][] v = Matrix.identity(k).toRows();
        boolean rotated = true;
        for (int sweep = 0; rotated; sweep++) {
            if (sweep == MAX_SWEEPS) {
                throw new ArithmeticException("reference Jacobi did not converge in " + MAX_SWEEPS + " sweeps");
            }
            rotated = false;
            for (int p = 0; p < k - 1; p++) {
                for (int q = p + 1; q < k; q++) {
                    double aa = 0;
                    double bb = 0;
                    double g = 0;
                    for (int i = 0; i < len; i++) {
                        aa += x[p][i] * x[p][i];
                        bb += x[q][i] * x[q][i];
                        g += x[p][i] * x[q][i];
                    }
                    if (aa == 0 || bb == 0 || Math.abs(g) <= TOLERANCE * Math.sqrt(aa) * Math.sqrt(bb)) {
                        continue;
                    }
                    double zeta = (bb - aa) / (2 * g);
                    double t = (zeta >= 0 ? 1.0 : -1.0) / (Math.abs(zeta) + Math.hypot(1, zeta));
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    rotate(x[p], x[q], c, s);
                    rotate(v[p], v[q], c, s);
                    rotated = true;
                }
            }
        }
        double[] sigma = new double[k];
        double[][] q = new double[len][k];
        for (int p = 0; p < k; p++) {
            double norm = 0;
            for (int i = 0; i < len; i++) {
                norm += x[p][i] * x[p][i];
            }
            norm = Math.sqrt(norm);
            sigma[p] = norm;
            if (norm == 0) {
                continue;
            }
            for (int i = 0; i < len; i++) {
                double ui = x[p][i] / norm;
                for (int j = 0; j < k; j++) {
                    q[i][j] += ui * v[p][j];
                }
            }
        }
        java.util.Arrays.sort(sigma);
        for (int i = 0, j = k - 1; i < j; i++, j--) {
            double tmp = sigma[i];
            sigma[i] = sigma[j];
            sigma[j] = tmp;
        }
        Matrix qm = Matrix.fromRows(q);
        return new ReferenceSvd(wide ? qm.transpose() : qm, sigma);
    }

    private static void rotate(double[] p, double[] q, double c, double s) {
        for (int i = 0; i < p.length; i++) {
            double xp = p[i];
            double xq = q[i];
            p[i] = c * xp - s * xq;
            q[i] = s * xp + c * xq;
        }
    }

    /** @return U Vᵀ over the non-zero singular values */
    public Matrix polarFactor() {
        return polarFactor;
    }

    /** @return the singular values, descending */
    public double[] singularValues() {
        return singularValues.clone();
    }
}
