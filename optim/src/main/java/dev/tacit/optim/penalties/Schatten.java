package dev.tacit.optim.penalties;

import dev.tacit.algebra.Svd;

/**
 * The smoothed Schatten-p quasi-norm shared by {@link SchattenPenalty} and {@link SchattenRatioPenalty}:
 * S(W) = (Σ_i (σ_i² + ε²)^(p/2))^(1/p) over all k = min(m, n) singular values, with
 * ∂S/∂σ_i = S^(1−p) · σ_i·(σ_i² + ε²)^(p/2 − 1), so ∇S = U diag(∂S/∂σ) Vᵀ.
 *
 * <p>Why smoothing: for p &lt; 1 the derivative p·σ^(p−1) of σ^p is infinite at σ = 0, and a training matrix has many
 * singular values near 0. Replacing σ by sqrt(σ² + ε²) gives a function of W that is smooth everywhere (an even,
 * smooth function of each singular value), whose derivative vanishes at σ = 0 and stays below about ε^(p−1); value
 * and gradient are of the same function, so they agree exactly. ε = 0 gives the exact quasi-norm; where σ_i = 0 its
 * derivative is then taken as 0, and at W = 0 the value is 0 with a zero gradient.
 */
final class Schatten {

    private Schatten() {
    }

    /**
     * @param value    S(W)
     * @param weights  ∂S/∂σ_i, one per singular value
     */
    record Part(double value, double[] weights) {
    }

    /**
     * @param svd the thin SVD of W
     * @param p   the exponent, in (0, 2]
     * @param eps the smoothing ε ≥ 0
     * @return S and its derivatives with respect to the singular values
     */
    static Part of(Svd svd, double p, double eps) {
        int k = svd.size();
        double[] smoothed = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double s = svd.singularValue(i);
            smoothed[i] = eps == 0 ? s : Math.hypot(s, eps);
            sum += Math.pow(smoothed[i], p);
        }
        double[] weights = new double[k];
        if (sum == 0) {
            return new Part(0, weights);
        }
        double value = Math.pow(sum, 1 / p);
        double outer = Math.pow(sum, 1 / p - 1);
        for (int i = 0; i < k; i++) {
            double s = svd.singularValue(i);
            // σ·r^(p−2) with r = sqrt(σ² + ε²) is the derivative of r^p / p; it is 0 at σ = 0 for any ε.
            weights[i] = s == 0 ? 0 : outer * s * Math.pow(smoothed[i], p - 2);
        }
        return new Part(value, weights);
    }
}
