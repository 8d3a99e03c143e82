package dev.tacit.algebra;

/**
 * A thin singular value decomposition W = U · diag(σ) · Vᵀ of an m×n matrix, k = min(m, n).
 *
 * <p>U is m×k and V is n×k with orthonormal columns, σ is in descending order and non-negative. Where σ_i = 0 the
 * i-th columns of U (and, for a rank-deficient oriented side, of V) are zero rather than an arbitrary completion, so
 * {@link #polarFactor()} is the minimal-norm partial isometry U Vᵀ on the range of W.
 *
 * <p>A decomposition computed by {@link GramSvd} keeps its factors in the form the algorithm produced them and
 * forms U and V only when asked: for a well-conditioned W it holds the short side's singular vectors E and W itself,
 * and {@link #compose} is one product, U·diag(f)·Vᵀ = W·(E·diag(f/σ)·Eᵀ) (or (E·diag(f/σ)·Eᵀ)·W); after refinement
 * it holds the columns of X = A·V and of V as rows and composes straight from them. The value is immutable either
 * way; forming a factor is idempotent and safe to race.
 */
public final class Svd {

    private final double[] sigma;
    private volatile Matrix u;
    private volatile Matrix v;
    /** How the factors are held when not explicit; null when u and v were given. */
    private final Factors factors;

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
        this.factors = null;
    }

    private Svd(double[] sigma, Factors factors) {
        this.sigma = checked(sigma);
        this.factors = factors;
    }

    /**
     * The decomposition of a well-conditioned W from its Gram matrix: E (k×k) holds the eigenvectors of the short
     * side's Gram matrix (WᵀW if W is tall, WWᵀ if wide), σ_i = sqrt(λ_i).
     */
    static Svd fromGram(Matrix w, boolean wide, double[] sigma, Matrix e, Parallelism p) {
        return new Svd(sigma, new GramFactors(w, wide, e, p));
    }

    /**
     * The decomposition from the columns of X = A·V and of V, both as rows in descending order of σ, with A = W (tall)
     * or Wᵀ (wide) scaled by 2^−exponent: σ_i = 2^exponent·‖x_i‖, u_i = x_i/‖x_i‖ on the long side.
     *
     * @param sigma    the singular values of W (not scaled)
     * @param xt       k rows of length max(m, n): the columns of X, scaled; taken over
     * @param vt       k rows of length k: the columns of V; taken over
     * @param wide     whether W is wide (then the long side is V)
     * @param norms    ‖x_i‖ as scaled (the divisor for u_i)
     * @param p        threads for forming factors and composing
     */
    static Svd fromColumns(double[] sigma, double[][] xt, double[][] vt, boolean wide, double[] norms,
                           Parallelism p) {
        return new Svd(sigma, new ColumnFactors(xt, vt, wide, norms, p));
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
            r = factors.u(sigma);
            u = r;
        }
        return r;
    }

    /** @return V, n×k */
    public Matrix v() {
        Matrix r = v;
        if (r == null) {
            r = factors.v(sigma);
            v = r;
        }
        return r;
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
        return Vectors.norm2(sigma, 0, sigma.length);
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
        if (factors != null) {
            return factors.compose(f, sigma);
        }
        Matrix uu = u;
        Matrix vv = v;
        int m = uu.rows();
        int n = vv.rows();
        // C = Σ_p f_p u_p v_pᵀ: A(i, p) = U(i, p)·f_p, B rows = columns of V.
        double[] us = Matrix.storage(uu.scaleColumns(f));
        double[] c = new double[m * n];
        Kernels.gemmToFlat(Parallelism.current(), us, k, 1, m, k, Matrix.columnArrays(vv), n, c);
        return new Matrix(m, n, c);
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

    /** Factors held in the form an algorithm produced them. */
    private interface Factors {
        Matrix u(double[] sigma);

        Matrix v(double[] sigma);

        Matrix compose(double[] f, double[] sigma);
    }

    /** W and the short side's Gram eigenvectors E; the long side's factor is W·E·Σ⁻¹ or Wᵀ·E·Σ⁻¹. */
    private record GramFactors(Matrix w, boolean wide, Matrix e, Parallelism p) implements Factors {

        @Override
        public Matrix u(double[] sigma) {
            return wide ? e : longFactor(sigma);
        }

        @Override
        public Matrix v(double[] sigma) {
            return wide ? longFactor(sigma) : e;
        }

        /** W·E·Σ⁻¹ (tall) or Wᵀ·E·Σ⁻¹ (wide), zero columns where σ = 0. */
        private Matrix longFactor(double[] sigma) {
            int k = sigma.length;
            double[] inv = new double[k];
            for (int i = 0; i < k; i++) {
                inv[i] = sigma[i] > 0 ? 1 / sigma[i] : 0;
            }
            Matrix scaled = e.scaleColumns(inv);
            return p.call(() -> wide ? w.transposeMultiply(scaled) : w.multiply(scaled));
        }

        /** U diag(f) Vᵀ = W·S (tall) or S·W (wide) with S = E·diag(f/σ)·Eᵀ over the non-zero singular values. */
        @Override
        public Matrix compose(double[] f, double[] sigma) {
            int k = sigma.length;
            double[] g = new double[k];
            boolean nonNegative = true;
            for (int i = 0; i < k; i++) {
                g[i] = sigma[i] > 0 ? f[i] / sigma[i] : 0;
                nonNegative &= g[i] >= 0;
            }
            double[][] s = new double[k][k];
            if (nonNegative) {
                // S = (E·diag(sqrt g))(E·diag(sqrt g))ᵀ on one triangle: half the work, exactly symmetric.
                double[] root = new double[k];
                for (int i = 0; i < k; i++) {
                    root[i] = Math.sqrt(g[i]);
                }
                double[] scaled = Matrix.storage(e.scaleColumns(root));
                double[][] cols = Kernels.transposedRows(scaled, k, k);
                Kernels.syrkLower(p, scaled, k, 1, k, k, cols, s);
                Kernels.mirrorLower(s);
            } else {
                double[] scaled = Matrix.storage(e.scaleColumns(g));
                Kernels.gemm(p, scaled, k, 1, k, k, Matrix.columnArrays(e), k, s);
            }
            int m = w.rows();
            int n = w.cols();
            double[] wd = Matrix.storage(w);
            double[] out = new double[m * n];
            if (wide) {
                // S (m×m) · W (m×n): A = S, B = rows of W.
                Kernels.gemmToFlat(p, Kernels.toFlat(s, k), k, 1, m, m, Matrix.rowArrays(w), n, out);
            } else {
                // W (m×n) · S (n×n): A = W, B = rows of S.
                Kernels.gemmToFlat(p, wd, n, 1, m, n, s, n, out);
            }
            return new Matrix(m, n, out);
        }
    }

    /** The columns x_i of X = A·V (scaled) and v_i of V as rows; u_i = x_i/‖x_i‖ on the long side. */
    private record ColumnFactors(double[][] xt, double[][] vt, boolean wide, double[] norms, Parallelism p)
            implements Factors {

        @Override
        public Matrix u(double[] sigma) {
            return wide ? shortFactor() : longFactor();
        }

        @Override
        public Matrix v(double[] sigma) {
            return wide ? longFactor() : shortFactor();
        }

        private Matrix longFactor() {
            int k = xt.length;
            int len = k == 0 ? 0 : xt[0].length;
            double[] f = new double[len * k];
            for (int c = 0; c < k; c++) {
                double inv = norms[c] > 0 ? 1 / norms[c] : 0;
                double[] x = xt[c];
                for (int i = 0; i < len; i++) {
                    f[i * k + c] = x[i] * inv;
                }
            }
            return new Matrix(len, k, f);
        }

        private Matrix shortFactor() {
            int k = vt.length;
            return new Matrix(k, k, Kernels.toFlatTransposed(vt, k));
        }

        /**
         * Σ_p (f_p/‖x_p‖)·x_p v_pᵀ on the oriented matrix, transposed back for a wide W, as one product from the rows
         * (no factor is formed).
         */
        @Override
        public Matrix compose(double[] f, double[] sigma) {
            int k = xt.length;
            int len = k == 0 ? 0 : xt[0].length;
            double[] g = new double[k];
            for (int p = 0; p < k; p++) {
                g[p] = norms[p] > 0 ? f[p] / norms[p] : 0;
            }
            double[] out = new double[len * k];
            if (wide) {
                // W-shaped k×len: row i = Σ_p V(i, p)·g_p·x_pᵀ. A(i, p) = vt[p][i]·g_p.
                double[] a = new double[k * k];
                for (int p = 0; p < k; p++) {
                    double[] vp = vt[p];
                    for (int i = 0; i < k; i++) {
                        a[i * k + p] = vp[i] * g[p];
                    }
                }
                Kernels.gemmToFlat(p, a, k, 1, k, k, xt, len, out);
                return new Matrix(k, len, out);
            }
            // len×k: row i = Σ_p x_p[i]·g_p·v_pᵀ. A(i, p) = xt[p][i]·g_p, read through strides of a scaled copy.
            double[] a = new double[k * len];
            for (int p = 0; p < k; p++) {
                double[] x = xt[p];
                double gp = g[p];
                for (int i = 0; i < len; i++) {
                    a[p * len + i] = x[i] * gp;
                }
            }
            Kernels.gemmToFlat(p, a, 1, len, len, k, vt, k, out);
            return new Matrix(len, k, out);
        }
    }
}
