package dev.tacit.algebra;

/**
 * Spectral functions of a matrix: decompositions, norms, the polar factor and the effective rank.
 *
 * <p>{@link #svd} and the functions built on it use the standard route, {@link SvdRoute#GRAM} ({@link GramSvd}: the
 * Gram matrix's eigenvectors, refined where needed; backward stable, and only one product with W for a spectral
 * gradient when W is well-conditioned), with the threads of {@link Parallelism#current()}. To choose another route
 * or keep a warm start between calls, use an {@link SvdDecomposer} from {@link SvdRoute}; {@link #referenceSvd} is
 * the {@link SvdRoute#HIPPARCHUS} route, kept as an independent check.
 */
public final class Spectra {

    /** The additive constant in the effective rank's logarithm, as in Roy and Vetterli's reference code. */
    public static final double EFFECTIVE_RANK_EPSILON = 1e-10;

    private Spectra() {
    }

    /**
     * @param w a finite matrix
     * @return its thin SVD ({@link GramSvd})
     */
    public static Svd svd(Matrix w) {
        return GramSvd.decompose(w).svd();
    }

    /**
     * The thin SVD computed by Hipparchus ({@link SvdRoute#HIPPARCHUS}), an implementation independent of {@link #svd}.
     *
     * @param w a finite matrix
     * @return its thin SVD
     */
    public static Svd referenceSvd(Matrix w) {
        return HipparchusSvd.decompose(w);
    }

    /**
     * @param w a finite matrix
     * @return its singular values, descending
     */
    public static double[] singularValues(Matrix w) {
        return svd(w).singularValues();
    }

    /**
     * @param w a finite matrix
     * @return the nuclear norm ‖W‖_* = Σσ_i
     */
    public static double nuclearNorm(Matrix w) {
        return svd(w).nuclearNorm();
    }

    /**
     * @param w a finite matrix
     * @return the spectral norm ‖W‖_2 = σ_max
     */
    public static double spectralNorm(Matrix w) {
        return svd(w).spectralNorm();
    }

    /**
     * @param w a finite matrix
     * @return the polar factor U Vᵀ (over the non-zero singular values)
     */
    public static Matrix polarFactor(Matrix w) {
        return svd(w).polarFactor();
    }

    /**
     * The effective rank of Roy and Vetterli (EUSIPCO 2007): with p_k = σ_k / Σσ_j,
     * erank = exp(−Σ p_k ln(p_k + 1e-10)). It is 0 for the zero matrix by convention.
     *
     * @param singularValues all min(m, n) singular values, non-negative
     * @return the effective rank
     */
    public static double effectiveRank(double[] singularValues) {
        double total = 0;
        for (double s : singularValues) {
            if (!(s >= 0)) {
                throw new IllegalArgumentException("singular values must be non-negative, got " + s);
            }
            total += s;
        }
        if (total == 0) {
            return 0;
        }
        double entropy = 0;
        for (double s : singularValues) {
            double p = s / total;
            entropy -= p * Math.log(p + EFFECTIVE_RANK_EPSILON);
        }
        return Math.exp(entropy);
    }

    /**
     * @param w a finite matrix
     * @return its effective rank
     */
    public static double effectiveRank(Matrix w) {
        return effectiveRank(singularValues(w));
    }
}
