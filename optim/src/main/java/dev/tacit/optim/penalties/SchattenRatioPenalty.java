package dev.tacit.optim.penalties;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Svd;
import dev.tacit.algebra.SvdRoute;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Penalty;
import dev.tacit.api.PenaltyProvider;
import dev.tacit.api.Settings;
import java.util.List;

/**
 * A ratio of two Schatten quasi-norms R(W) = S_p(W) / S_q(W) with p &lt; q, the study's scale-invariant sharpenings of
 * ‖W‖_* / ‖W‖_F (which is S_1/S_2): 1/2 over 2/3, 1/3 over 2/3 and 1/3 over 1/2. Both quasi-norms are smoothed as in
 * {@link SchattenPenalty} (σ → sqrt(σ² + ε²), one ε for both):
 * <pre>
 *   ∇R = ∇S_p / S_q − S_p · ∇S_q / S_q² = U diag(∂S_p/∂σ / S_q − S_p·∂S_q/∂σ / S_q²) Vᵀ
 * </pre>
 * With ε = 0, R lies in [1, rank(W)^(1/p − 1/q)] and is scale invariant; at W = 0 it is then undefined and taken as 0
 * with a zero gradient, like the ratio penalty. Hyperparameter: eps, default 1e-6.
 */
final class SchattenRatioPenalty extends SpectralPenalty {

    private final double p;
    private final double q;
    private final double eps;

    /**
     * @param p   the exponent of the numerator
     * @param q   the exponent of the denominator
     * @param eps the smoothing ε ≥ 0
     */
    SchattenRatioPenalty(double p, double q, double eps, SvdRoute route) {
        super(route);
        this.p = p;
        this.q = q;
        this.eps = eps;
    }

    @Override
    ValueAndGradient fromSpectrum(Matrix w, Svd svd) {
        Schatten.Part top = Schatten.of(svd, p, eps);
        Schatten.Part bottom = Schatten.of(svd, q, eps);
        if (bottom.value() == 0) {
            return new ValueAndGradient(0, Matrix.zeros(w.rows(), w.cols()));
        }
        double ratio = top.value() / bottom.value();
        double[] weights = new double[svd.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (top.weights()[i] - ratio * bottom.weights()[i]) / bottom.value();
        }
        return new ValueAndGradient(ratio, svd.compose(weights));
    }

    private abstract static class RatioProvider implements PenaltyProvider {
        private final String name;
        private final String description;
        private final double p;
        private final double q;

        RatioProvider(String name, String description, double p, double q) {
            this.name = name;
            this.description = description;
            this.p = p;
            this.q = q;
        }

        @Override
        public final String name() {
            return name;
        }

        @Override
        public final String description() {
            return description;
        }

        @Override
        public final List<Hyperparameter> parameters() {
            return SchattenPenalty.parameters();
        }

        @Override
        public final Penalty create(Settings settings) {
            return new SchattenRatioPenalty(p, q, settings.get("eps"), route(settings));
        }
    }

    /** Registers {@code schatten-half-over-two-thirds}, S_{1/2} / S_{2/3}. */
    public static final class HalfOverTwoThirds extends RatioProvider {
        /** The provider. */
        public HalfOverTwoThirds() {
            super("schatten-half-over-two-thirds", "S_1/2 / S_2/3, ratio of Schatten quasi-norms, smoothed by eps",
                    0.5, 2.0 / 3);
        }
    }

    /** Registers {@code schatten-third-over-two-thirds}, S_{1/3} / S_{2/3}. */
    public static final class ThirdOverTwoThirds extends RatioProvider {
        /** The provider. */
        public ThirdOverTwoThirds() {
            super("schatten-third-over-two-thirds", "S_1/3 / S_2/3, ratio of Schatten quasi-norms, smoothed by eps",
                    1.0 / 3, 2.0 / 3);
        }
    }

    /** Registers {@code schatten-third-over-half}, S_{1/3} / S_{1/2}. */
    public static final class ThirdOverHalf extends RatioProvider {
        /** The provider. */
        public ThirdOverHalf() {
            super("schatten-third-over-half", "S_1/3 / S_1/2, ratio of Schatten quasi-norms, smoothed by eps",
                    1.0 / 3, 0.5);
        }
    }
}
