package dev.tacit.optim.baselines;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.SymmetricEigen;

/**
 * Singular value soft-thresholding S_τ(A) = U diag((σ_i − τ)₊) Vᵀ, the proximal operator of τ‖·‖_* (Cai, Candès and
 * Shen 2010), shared by the nuclear-norm methods.
 *
 * <p>It works from the eigendecomposition of the smaller Gram matrix (AᵀA = V Σ² Vᵀ when m ≥ n) rather than a full
 * SVD, which is about twice as fast ({@link SymmetricEigen} without Jacobi sweeps): with V_k the eigenvectors whose
 * σ_i exceed τ, S_τ(A) = A V_k diag(1 − τ/σ_i) V_kᵀ. The Gram route resolves σ_i only to about ε·σ_1²/σ_i in absolute
 * terms, which is what keeps general-purpose SVDs off it; here only the singular values above τ matter, and for
 * those that error stays near ε·σ_1²/τ, far below the tolerances of the methods that call this.
 *
 * @param matrix      S_τ(A)
 * @param nuclearNorm ‖S_τ(A)‖_* = Σ (σ_i − τ)₊, NaN if A is not finite
 * @param rank        how many singular values exceed τ
 * @param largest     σ_1(A), the largest singular value before thresholding
 */
record Shrinkage(Matrix matrix, double nuclearNorm, int rank, double largest) {

    /**
     * @param a         the matrix to threshold
     * @param threshold τ ≥ 0
     * @return S_τ(A) with its nuclear norm and rank
     */
    static Shrinkage of(Matrix a, double threshold) {
        double largestEntry = a.maxAbs();
        if (!a.isFinite()) {
            // Callers check the nuclear norm and stop the run; a decomposition of NaNs would tell them nothing.
            return new Shrinkage(a, Double.NaN, 0, Double.NaN);
        }
        if (largestEntry == 0) {
            return ofScaled(a, threshold, 1);
        }
        // Scale by a power of two (exact) so the Gram matrix can neither overflow nor underflow.
        double scale = Math.scalb(1.0, -Math.getExponent(largestEntry));
        return ofScaled(a.scale(scale), threshold * scale, scale);
    }

    private static Shrinkage ofScaled(Matrix a, double threshold, double scale) {
        boolean tall = a.rows() >= a.cols();
        SymmetricEigen.Result eig = SymmetricEigen.decompose(tall ? a.transposeMultiply(a) : a.multiplyTranspose(a));
        double[] lambda = eig.values();
        int rank = 0;
        while (rank < lambda.length && Math.sqrt(Math.max(lambda[rank], 0)) > threshold) {
            rank++;
        }
        double largest = lambda.length == 0 ? 0 : Math.sqrt(Math.max(lambda[0], 0));
        double[] weights = new double[rank];
        double nuclear = 0;
        for (int i = 0; i < rank; i++) {
            double sigma = Math.sqrt(lambda[i]);
            weights[i] = 1 - threshold / sigma;
            nuclear += sigma - threshold;
        }
        Matrix basis = leadingColumns(eig.vectors(), rank);
        // Tall: A V_k diag(w) V_kᵀ. Wide (AAᵀ = U Σ² Uᵀ): U_k diag(w) U_kᵀ A.
        Matrix z = tall ? a.multiply(basis).scaleColumns(weights).multiplyTranspose(basis)
                : basis.scaleColumns(weights).multiply(basis.transposeMultiply(a));
        return scale == 1 ? new Shrinkage(z, nuclear, rank, largest)
                : new Shrinkage(z.scale(1 / scale), nuclear / scale, rank, largest / scale);
    }

    /**
     * @param m a matrix
     * @param k how many columns, at most m.cols()
     * @return its first k columns
     */
    static Matrix leadingColumns(Matrix m, int k) {
        int cols = m.cols();
        Matrix.Builder b = Matrix.builder(m.rows(), k);
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < k; j++) {
                b.set(i * k + j, m.at(i * cols + j));
            }
        }
        return b.build();
    }
}
