package dev.tacit.algebra;

/**
 * A thin singular value decomposition W = U · diag(σ) · Vᵀ of an m×n matrix, k = min(m, n).
 *
 * <p>U is m×k and V is n×k with orthonormal columns, σ is in descending order and non-negative. Where σ_i = 0 the
 * i-th columns of U (and, for a rank-deficient oriented side, of V) are zero rather than an arbitrary completion, so
 * {@link #polarFactor()} is the minimal-norm partial isometry U Vᵀ on the range of W.
 */
public final class Svd {

    private final Matrix u;
    private final double[] sigma;
    private final Matrix v;

    /**
     * @param u     m×k left singular vectors
     * @param sigma k singular values in descending order; not retained
     * @param v     n×k right singular vectors
     */
    public Svd(Matrix u, double[] sigma, Matrix v) {
        int k = sigma.length;
        if (u.cols() != k || v.cols() != k) {
            throw new IllegalArgumentException(
                    "Svd: U " + u.shape() + " and V " + v.shape() + " must both have " + k + " columns");
        }
        for (int i = 0; i < k; i++) {
            if (!(sigma[i] >= 0) || (i > 0 && sigma[i] > sigma[i - 1])) {
                throw new IllegalArgumentException("Svd: singular values must be non-negative and descending, σ_" + i
                        + " = " + sigma[i]);
            }
        }
        this.u = u;
        this.sigma = sigma.clone();
        this.v = v;
    }

    /** @return U, m×k */
    public Matrix u() {
        return u;
    }

    /** @return V, n×k */
    public Matrix v() {
        return v;
    }

    /** @return a copy of the singular values, descending */
    public double[] singularValues() {
        return sigma.clone();
    }

    /**
     * @param i index, 0 for the largest
     * @return σ_i
     */
    public double singularValue(int i) {
        return sigma[i];
    }

    /** @return k = min(m, n) */
    public int size() {
        return sigma.length;
    }

    /** @return the nuclear norm Σσ_i */
    public double nuclearNorm() {
        double s = 0;
        for (double x : sigma) {
            s += x;
        }
        return s;
    }

    /** @return the Frobenius norm sqrt(Σσ_i²) */
    public double frobeniusNorm() {
        return Kernels.norm2(sigma, 0, sigma.length);
    }

    /** @return the spectral norm σ_0 (0 for an empty matrix) */
    public double spectralNorm() {
        return sigma.length == 0 ? 0 : sigma[0];
    }

    /**
     * U · diag(f) · Vᵀ, the gradient of any spectral function Σ g(σ_i) whose derivative at σ_i is f_i.
     *
     * @param f k weights, one per singular value; not retained
     * @return the m×n matrix U diag(f) Vᵀ
     */
    public Matrix compose(double[] f) {
        if (f.length != sigma.length) {
            throw new IllegalArgumentException("compose: " + f.length + " weights for " + sigma.length + " singular values");
        }
        return u.scaleColumns(f).multiplyTranspose(v);
    }

    /** @return U Vᵀ over the non-zero singular values, the gradient of the nuclear norm */
    public Matrix polarFactor() {
        double[] ones = new double[sigma.length];
        for (int i = 0; i < ones.length; i++) {
            ones[i] = sigma[i] > 0 ? 1.0 : 0.0;
        }
        return compose(ones);
    }

    /** @return U diag(σ) Vᵀ, which equals the decomposed matrix up to rounding */
    public Matrix reconstruct() {
        return compose(sigma);
    }
}
