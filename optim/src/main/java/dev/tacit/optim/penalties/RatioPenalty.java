package dev.tacit.optim.penalties;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Svd;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Penalty;
import dev.tacit.api.PenaltyProvider;
import dev.tacit.api.Settings;
import java.util.List;

/**
 * The study's penalty R(W) = ‖W‖_* / ‖W‖_F (Zhao, NeurIPS 2022). Scale invariant, between 1 and sqrt(rank W).
 * With W = U Σ Vᵀ: ∇R = U Vᵀ / ‖W‖_F − ‖W‖_* · W / ‖W‖_F³ (method.md §3).
 *
 * <p>Where σ_i = 0 the nuclear norm is not differentiable; U Vᵀ is then taken over the non-zero singular values (the
 * minimal-norm subgradient). At W = 0 the ratio is undefined; it is taken as 0 with a zero gradient.
 */
final class RatioPenalty extends SpectralPenalty {

    @Override
    ValueAndGradient fromSpectrum(Matrix w, Svd svd) {
        double fro = svd.frobeniusNorm();
        if (fro == 0) {
            return new ValueAndGradient(0, Matrix.zeros(w.rows(), w.cols()));
        }
        double nuclear = svd.nuclearNorm();
        Matrix gradient = svd.polarFactor().combine(1 / fro, -nuclear / (fro * fro * fro), w);
        return new ValueAndGradient(nuclear / fro, gradient);
    }

    /** Registers {@code ratio}. */
    public static final class Provider implements PenaltyProvider {
        @Override
        public String name() {
            return "ratio";
        }

        @Override
        public String description() {
            return "‖W‖_* / ‖W‖_F, nuclear over Frobenius norm (Zhao 2022)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of();
        }

        @Override
        public Penalty create(Settings settings) {
            return new RatioPenalty();
        }
    }
}
