package dev.tacit.optim.penalties;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Penalty;
import dev.tacit.api.PenaltyProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.List;

/**
 * R(W) = ‖W‖_F², weight decay on the end-to-end matrix. Gradient 2W, so λ·R acts like PyTorch's weight decay 2λ.
 */
final class SquaredFrobeniusPenalty implements Penalty {

    @Override
    public Value evaluate(Matrix w, State state) {
        return new Value(w.sumOfSquares(), w.scale(2), state);
    }

    /** Registers {@code frobenius}. */
    public static final class Provider implements PenaltyProvider {
        @Override
        public String name() {
            return "frobenius";
        }

        @Override
        public String description() {
            return "‖W‖_F², squared Frobenius norm (weight decay)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of();
        }

        @Override
        public Penalty create(Settings settings) {
            return new SquaredFrobeniusPenalty();
        }
    }
}
