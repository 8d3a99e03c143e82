package dev.tacit.data.synth;

import dev.tacit.data.movielens.RatingScale;

/**
 * The distribution of r = quantise(s + ε), ε ~ N(0, σ²), given the score s: its mean E[r | s] (the best possible
 * prediction) and its variance Var(r | s) (that prediction's expected squared error). With levels ℓ_0 &lt; … &lt; ℓ_{L−1}
 * and boundaries b_k = (ℓ_k + ℓ_{k+1})/2, P(r = ℓ_k | s) = Φ((b_k − s)/σ) − Φ((b_{k−1} − s)/σ), b_{−1} = −∞,
 * b_{L−1} = +∞ (the clipping puts both tails on the end levels).
 *
 * <p>Both are tabulated on a grid of step min(0.005, σ/32) and interpolated linearly, which keeps the error far below
 * the fourth decimal the noise floor is reported to; outside the grid (more than 8σ beyond the outer boundaries) they
 * are constant to double precision.
 */
final class QuantisedNoise {

    private final RatingScale scale;
    private final double sigma;
    private final double lo;
    private final double step;
    private final double[] mean;
    private final double[] variance;

    QuantisedNoise(RatingScale scale, double sigma) {
        this.scale = scale;
        this.sigma = sigma;
        if (sigma == 0) {
            lo = step = 0;
            mean = variance = null;
            return;
        }
        double first = scale.min() + scale.step() / 2;
        double last = scale.max() - scale.step() / 2;
        step = Math.min(0.005, sigma / 32);
        lo = first - 8 * sigma;
        int n = (int) Math.ceil((last + 8 * sigma - lo) / step) + 2;
        mean = new double[n];
        variance = new double[n];
        for (int g = 0; g < n; g++) {
            double[] mv = exact(lo + g * step);
            mean[g] = mv[0];
            variance[g] = mv[1];
        }
    }

    /** @return {E[r | s], Var(r | s)} by summing over the levels */
    double[] exact(double s) {
        if (sigma == 0) {
            return new double[] {scale.quantise(s), 0};
        }
        int levels = scale.levels();
        double below = 0;
        double m = 0;
        double m2 = 0;
        for (int k = 0; k < levels; k++) {
            double upTo = k == levels - 1 ? 1 : cdf((scale.level(k) + scale.step() / 2 - s) / sigma);
            double p = Math.max(0, upTo - below);
            double level = scale.level(k);
            m += p * level;
            m2 += p * level * level;
            below = upTo;
        }
        return new double[] {m, Math.max(0, m2 - m * m)};
    }

    /**
     * @param s a score
     * @return E[r | s]
     */
    double mean(double s) {
        return sigma == 0 ? scale.quantise(s) : interpolate(mean, s);
    }

    /**
     * @param s a score
     * @return Var(r | s)
     */
    double variance(double s) {
        return sigma == 0 ? 0 : interpolate(variance, s);
    }

    private double interpolate(double[] table, double s) {
        double x = (s - lo) / step;
        if (x <= 0) {
            return table[0];
        }
        int g = (int) x;
        if (g >= table.length - 1) {
            return table[table.length - 1];
        }
        double f = x - g;
        return table[g] + f * (table[g + 1] - table[g]);
    }

    /**
     * The standard normal distribution function, through the complementary error function of Numerical Recipes
     * (§6.2, Chebyshev fit; relative error below 1.2e-7 everywhere).
     *
     * @param x a real number
     * @return Φ(x)
     */
    static double cdf(double x) {
        double z = -x / Math.sqrt(2);
        double a = Math.abs(z);
        double t = 1 / (1 + 0.5 * a);
        double erfc = t * Math.exp(-a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                + t * 0.17087277)))))))));
        return 0.5 * (z >= 0 ? erfc : 2 - erfc);
    }
}
