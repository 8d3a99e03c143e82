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
 * The nuclear norm R(W) = ‖W‖_* = Σσ_i, the convex surrogate of rank. Gradient U Vᵀ; where σ_i = 0 the minimal-norm
 * subgradient (U Vᵀ over the non-zero singular values) is used.
 */
final class NuclearPenalty extends SpectralPenalty {

    /** @param route how W's SVD is computed */
    NuclearPenalty(SvdRoute route) {
        super(route);
    }

    @Override
    ValueAndGradient fromSpectrum(Matrix w, Svd svd) {
        return new ValueAndGradient(svd.nuclearNorm(), svd.polarFactor());
    }

    /** Registers {@code nuclear}. */
    public static final class Provider implements PenaltyProvider {
        @Override
        public String name() {
            return "nuclear";
        }

        @Override
        public String description() {
            return "‖W‖_*, the nuclear norm (sum of singular values)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of(ROUTE);
        }

        @Override
        public Penalty create(Settings settings) {
            return new NuclearPenalty(route(settings));
        }
    }
}
