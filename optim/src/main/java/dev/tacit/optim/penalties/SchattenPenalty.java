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
 * A Schatten-p quasi-norm R(W) = (Σ σ_i^p)^(1/p) for p &lt; 1, a sharper surrogate of rank than the nuclear norm
 * (Nie, Huang and Ding, AAAI 2012; the study's p = 1/2, 1/3, 2/3), smoothed as σ → sqrt(σ² + ε²) so that it is
 * differentiable where singular values vanish:
 * <pre>
 *   R(W) = (Σ_i (σ_i² + ε²)^(p/2))^(1/p)
 *   ∇R   = U diag(R^(1−p) · σ_i (σ_i² + ε²)^(p/2 − 1)) Vᵀ
 * </pre>
 * over all min(m, n) singular values. Hyperparameter: eps, default 1e-6, far below the singular values that matter
 * for the study's matrices (entries of RMS 1; ‖W‖_F ≈ 0.01 at initialisation), and large enough to keep the gradient
 * of a near-zero singular value finite (at most about ε^(p−1)·R^(1−p)). eps = 0 is the exact quasi-norm (see
 * {@link Schatten} for σ = 0).
 */
final class SchattenPenalty extends SpectralPenalty {

    /** The default smoothing ε. */
    static final double DEFAULT_EPS = 1e-6;

    private final double p;
    private final double eps;

    /**
     * @param p   the exponent, in (0, 2]
     * @param eps the smoothing ε ≥ 0
     */
    SchattenPenalty(double p, double eps, SvdRoute route) {
        super(route);
        this.p = p;
        this.eps = eps;
    }

    @Override
    ValueAndGradient fromSpectrum(Matrix w, Svd svd) {
        Schatten.Part s = Schatten.of(svd, p, eps);
        return new ValueAndGradient(s.value(), svd.compose(s.weights()));
    }

    static List<Hyperparameter> parameters() {
        return List.of(ROUTE, Hyperparameter.real("eps", DEFAULT_EPS, 0, 1,
                "smoothing: σ is replaced by sqrt(σ² + eps²) (0: the exact quasi-norm)"));
    }

    /** Registers {@code schatten-half}, p = 1/2. */
    public static final class Half implements PenaltyProvider {
        @Override
        public String name() {
            return "schatten-half";
        }

        @Override
        public String description() {
            return "Schatten-1/2 quasi-norm (Σσ^(1/2))², smoothed by eps";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return SchattenPenalty.parameters();
        }

        @Override
        public Penalty create(Settings settings) {
            return new SchattenPenalty(0.5, settings.get("eps"), route(settings));
        }
    }

    /** Registers {@code schatten-third}, p = 1/3. */
    public static final class Third implements PenaltyProvider {
        @Override
        public String name() {
            return "schatten-third";
        }

        @Override
        public String description() {
            return "Schatten-1/3 quasi-norm (Σσ^(1/3))³, smoothed by eps";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return SchattenPenalty.parameters();
        }

        @Override
        public Penalty create(Settings settings) {
            return new SchattenPenalty(1.0 / 3, settings.get("eps"), route(settings));
        }
    }

    /** Registers {@code schatten-two-thirds}, p = 2/3. */
    public static final class TwoThirds implements PenaltyProvider {
        @Override
        public String name() {
            return "schatten-two-thirds";
        }

        @Override
        public String description() {
            return "Schatten-2/3 quasi-norm (Σσ^(2/3))^(3/2), smoothed by eps";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return SchattenPenalty.parameters();
        }

        @Override
        public Penalty create(Settings settings) {
            return new SchattenPenalty(2.0 / 3, settings.get("eps"), route(settings));
        }
    }
}
