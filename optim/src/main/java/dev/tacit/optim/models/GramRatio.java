package dev.tacit.optim.models;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.SymmetricEigen;

/**
 * The ratio penalty R(W) = ‖W‖_* / ‖W‖_F of a tall table W (n×d, n ≫ d) and its gradient from the d×d Gram matrix
 * G = WᵀW alone (docs/method.md, "The ratio penalty from the Gram matrix").
 *
 * <p>With G = V Λ Vᵀ: the singular values of W are σ_i = √λ_i, so ‖W‖_* = Σ σ_i and ‖W‖_F² = tr G; the polar factor
 * is U Vᵀ = W V Λ^{-1/2} Vᵀ on the non-null part, hence
 * <pre>
 *   ∇R = U Vᵀ / ‖W‖_F − ‖W‖_* W / ‖W‖_F³ = W · M,   M = V Λ^{-1/2} Vᵀ / ‖W‖_F − (‖W‖_* / ‖W‖_F³) I
 * </pre>
 * The gradient is W times a d×d matrix: row u of it is row u of W times M. So a trainer can form M once (n·d² for the
 * Gram matrix, d³ for its eigen-decomposition) and then compute the gradient of any row it updates at d² each.
 *
 * <p>Accuracy: the Gram route squares the condition number, so eigenvalues below {@link #RELATIVE_CUT} · λ_max (σ below
 * 1e-6 σ_max) are taken as zero, as the dense penalty does for exact zeros (the minimal-norm
 * subgradient). Embedding tables are far from that: they start as i.i.d. Gaussian tables, whose singular values are
 * within a small factor of one another.
 *
 * <p>Public so that a trainer elsewhere (the data-parallel one on Spark adds the Gram matrix up over executors) takes
 * the penalty from the same code.
 */
public final class GramRatio {

    /**
     * Eigenvalues of G at or below this fraction of the largest count as zero: singular values below 1e-6·σ_max. The
     * eigenvalues of a rank-deficient table's Gram matrix come out as rounding noise of about n·ε·λ_max, whose inverse
     * square roots would swamp the gradient.
     */
    static final double RELATIVE_CUT = 1e-12;

    private GramRatio() {
    }

    /**
     * The value and the d×d factor of the gradient.
     *
     * @param value     R(W), 0 at W = 0
     * @param nuclear   ‖W‖_*
     * @param frobenius ‖W‖_F
     * @param factor    M, with ∇R = W · M (zero at W = 0)
     */
    public record Result(double value, double nuclear, double frobenius, Matrix factor) {
    }

    /**
     * @param gram the Gram matrix WᵀW of the table (d×d, symmetric)
     * @return R(W) and the factor M of its gradient
     */
    public static Result of(Matrix gram) {
        int d = gram.rows();
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += gram.get(j, j);
        }
        if (!(trace > 0)) {
            return new Result(0, 0, 0, Matrix.zeros(d, d));
        }
        SymmetricEigen.Result eig = SymmetricEigen.decompose(gram);
        double[] lambda = eig.values();
        Matrix v = eig.vectors();
        double cut = Math.max(lambda[0], 0) * RELATIVE_CUT;
        double nuclear = 0;
        double[] inverseSigma = new double[d];
        for (int i = 0; i < d; i++) {
            if (lambda[i] > cut) {
                double sigma = Math.sqrt(lambda[i]);
                nuclear += sigma;
                inverseSigma[i] = 1 / sigma;
            }
        }
        double fro = Math.sqrt(trace);
        // V Λ^{-1/2} Vᵀ, scaled by 1/‖W‖_F, minus ‖W‖_*/‖W‖_F³ on the diagonal.
        Matrix scaled = v.scaleColumns(inverseSigma).multiplyTranspose(v);
        double shift = nuclear / (fro * fro * fro);
        Matrix.Builder m = Matrix.builder(d, d);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                m.set(a * d + b, scaled.get(a, b) / fro - (a == b ? shift : 0));
            }
        }
        return new Result(nuclear / fro, nuclear, fro, m.build());
    }
}
