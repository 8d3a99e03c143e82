package dev.tacit.spark;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.SymmetricEigen;

/**
 * The ratio penalty R(X) = ‖X‖_* / ‖X‖_F of a tall table X (n×d, n ≥ d) and its gradient, from the d×d Gram G = XᵀX
 * alone, which the executors add up block by block: with G = V Λ Vᵀ, the singular values of X are σ_i = √λ_i, so
 * ‖X‖_* = Σ σ_i and ‖X‖_F = √(Σ λ_i); the polar factor is U Vᵀ = X V Σ⁻¹ Vᵀ, and the gradient of docs/method.md §3,
 * U Vᵀ/‖X‖_F − ‖X‖_*·X/‖X‖_F³, is X·K with the d×d matrix K = V Σ⁻¹ Vᵀ/‖X‖_F − (‖X‖_* / ‖X‖_F³)·I. Nothing of size
 * n is decomposed, and no table is gathered beyond the one the driver holds anyway.
 *
 * <p>As in the single-machine penalty, U Vᵀ is taken over the non-zero singular values (the minimal-norm
 * subgradient); here a σ_i counts as zero below σ_max·√(d·ε), where the Gram's eigenvalue no longer holds a digit of
 * it. So the Gram route matches the SVD route for well-conditioned tables (an embedding table from a random start
 * is one), not for nearly rank-deficient ones, where squaring the condition number costs accuracy.
 *
 * @param value    R(X), 0 at X = 0
 * @param gradient ∇R(X), zero at X = 0
 */
record GramRatio(double value, Matrix gradient) {

    /**
     * @param x    the table X
     * @param gram XᵀX, whose lower triangle is read
     * @return R(X) and its gradient
     */
    static GramRatio of(Matrix x, Matrix gram) {
        int d = gram.rows();
        SymmetricEigen.Result eigen = SymmetricEigen.decompose(gram);
        double[] lambda = eigen.values();
        double frobeniusSquared = 0;
        double largest = 0;
        for (double l : lambda) {
            frobeniusSquared += Math.max(l, 0);
            largest = Math.max(largest, Math.sqrt(Math.max(l, 0)));
        }
        if (frobeniusSquared == 0) {
            return new GramRatio(0, Matrix.zeros(x.rows(), x.cols()));
        }
        double fro = Math.sqrt(frobeniusSquared);
        double cutoff = largest * Math.sqrt(d * Math.ulp(1.0));
        double nuclear = 0;
        double[] inverse = new double[d];
        for (int i = 0; i < d; i++) {
            double sigma = Math.sqrt(Math.max(lambda[i], 0));
            nuclear += sigma;
            inverse[i] = sigma > cutoff ? 1 / (sigma * fro) : 0;
        }
        Matrix v = eigen.vectors();
        Matrix k = v.scaleColumns(inverse).multiplyTranspose(v)
                .axpy(-nuclear / (fro * fro * fro), Matrix.identity(d));
        return new GramRatio(nuclear / fro, x.multiply(k));
    }

    /**
     * @param lower a d×d lower triangle, row-major, as the blocks add it up
     * @param d     the size
     * @return the symmetric matrix
     */
    static Matrix symmetric(double[] lower, int d) {
        return Matrix.generate(d, d, (a, b) -> a >= b ? lower[a * d + b] : lower[b * d + a]);
    }
}
