package dev.tacit.algebra;

/**
 * A thin singular value decomposition W = U · diag(σ) · Vᵀ of an m×n matrix, k = min(m, n).
 *
 * <p>U is m×k and V is n×k with orthonormal columns, σ is in descending order and non-negative. Where σ_i = 0 the
 * i-th columns of U (and, for a rank-deficient oriented side, of V) are zero rather than an arbitrary completion, so
 * {@link #polarFactor()} is the minimal-norm partial isometry U Vᵀ on the range of W.
 *
 * <p>A decomposition taken from the Gram matrix of a well-conditioned W ({@link GramSvd}) holds only the short
 * side's singular vectors E and W itself; the long side's factor (W·E·Σ⁻¹ or Wᵀ·E·Σ⁻¹) is formed on first request,
 * and {@link #compose} never forms it: U·diag(f)·Vᵀ = W·(E·diag(f/σ)·Eᵀ) (or (E·diag(f/σ)·Eᵀ)·W), one product with
 * W instead of two. The value is immutable either way; forming the factor is idempotent and safe to race.
 */
public final class Svd {

    private final double[] sigma;
    private volatile Matrix u;
    private volatile Matrix v;
    /** The decomposed matrix when the long side's factor is implicit, else null. */
    private final Matrix source;
    /** Whether W is wide (m &lt; n): then E = U (m×m) and V is implicit; otherwise E = V and U is implicit. */
    private final boolean wide;

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
        this.sigma = checked(sigma);
        this.u = u;
        this.v = v;
        this.source = null;
        this.wide = false;
    }

    private Svd(Matrix w, boolean wide, double[] sigma, Matrix e) {
        this.sigma = checked(sigma);
        this.source = w;
        this.wide = wide;
        this.u = wide ? e : null;
        this.v = wide ? null : e;
    }

    /**
     * The decomposition of a well-conditioned W from its Gram matrix: E holds the eigenvectors of the short side's
     * Gram matrix (WᵀW if W is tall, WWᵀ if wide), σ_i = sqrt(λ_i).
     */
    static Svd fromGram(Matrix w, boolean wide, double[] sigma, Matrix e) {
        return new Svd(w, wide, sigma, e);
    }

    private static double[] checked(double[] sigma) {
        for (int i = 0; i < sigma.length; i++) {
            if (!(sigma[i] >= 0) || (i > 0 && sigma[i] > sigma[i - 1])) {
                throw new IllegalArgumentException("Svd: singular values must be non-negative and descending, σ_" + i
                        + " = " + sigma[i]);
            }
        }
        return sigma.clone();
    }

    /** @return U, m×k */
    public Matrix u() {
        Matrix r = u;
        if (r == null) {
            r = longFactor();
            u = r;
        }
        return r;
    }

    /** @return V, n×k */
    public Matrix v() {
        Matrix r = v;
        if (r == null) {
            r = longFactor();
            v = r;
        }
        return r;
    }

    /** The implicit factor: W·E·Σ⁻¹ (tall) or Wᵀ·E·Σ⁻¹ (wide), zero columns where σ = 0. */
    private Matrix longFactor() {
        int k = sigma.length;
        double[] inv = new double[k];
        for (int i = 0; i < k; i++) {
            inv[i] = sigma[i] > 0 ? 1 / sigma[i] : 0;
        }
        Matrix e = wide ? u : v;
        Matrix scaled = e.scaleColumns(inv);
        return wide ? source.transposeMultiply(scaled) : source.multiply(scaled);
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
        int k = sigma.length;
        if (f.length != k) {
            throw new IllegalArgumentException("compose: " + f.length + " weights for " + k + " singular values");
        }
        if (source != null) {
            return composeThroughSource(f);
        }
        Matrix uu = u;
        Matrix vv = v;
        int m = uu.rows();
        int n = vv.rows();
        // C = Σ_p f_p u_p v_pᵀ: A(i, p) = U(i, p)·f_p, B rows = columns of V.
        double[] us = Matrix.storage(uu.scaleColumns(f));
        double[][] vCols = Kernels.transposedRows(Matrix.storage(vv), n, k);
        double[][] c = new double[m][n];
        Kernels.gemm(us, k, 1, m, k, vCols, n, c);
        return new Matrix(m, n, Kernels.toFlat(c, n));
    }

    /** U diag(f) Vᵀ = W·S (tall) or S·W (wide) with S = E·diag(f/σ)·Eᵀ, S over the non-zero singular values. */
    private Matrix composeThroughSource(double[] f) {
        int k = sigma.length;
        Matrix e = wide ? u : v;
        double[] g = new double[k];
        boolean nonNegative = true;
        for (int i = 0; i < k; i++) {
            g[i] = sigma[i] > 0 ? f[i] / sigma[i] : 0;
            nonNegative &= g[i] >= 0;
        }
        double[] ed = Matrix.storage(e);
        double[][] s = new double[k][k];
        if (nonNegative) {
            // S = (E·diag(sqrt g))(E·diag(sqrt g))ᵀ on one triangle: half the work, exactly symmetric.
            double[] root = new double[k];
            for (int i = 0; i < k; i++) {
                root[i] = Math.sqrt(g[i]);
            }
            double[] scaled = Matrix.storage(e.scaleColumns(root));
            double[][] cols = Kernels.transposedRows(scaled, k, k);
            Kernels.syrkLower(scaled, k, 1, k, k, cols, s);
            Kernels.mirrorLower(s);
        } else {
            double[] scaled = Matrix.storage(e.scaleColumns(g));
            double[][] cols = Kernels.transposedRows(ed, k, k);
            Kernels.gemm(scaled, k, 1, k, k, cols, k, s);
        }
        int m = source.rows();
        int n = source.cols();
        double[] w = Matrix.storage(source);
        double[][] c;
        if (wide) {
            // S (m×m) · W (m×n): A = S, B = rows of W.
            double[] sFlat = Kernels.toFlat(s, k);
            c = new double[m][n];
            Kernels.gemm(sFlat, k, 1, m, m, Kernels.toRows(w, m, n), n, c);
        } else {
            // W (m×n) · S (n×n): A = W, B = rows of S.
            c = new double[m][n];
            Kernels.gemm(w, n, 1, m, n, s, n, c);
        }
        return new Matrix(m, n, Kernels.toFlat(c, n));
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
