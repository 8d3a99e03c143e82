package dev.tacit.optim.penalties;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Penalty;
import dev.tacit.api.PenaltyProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.List;

/** R(W) = 0: training on the data term alone. */
final class NoPenalty implements Penalty {

    @Override
    public Value evaluate(Matrix w, State state) {
        return new Value(0, Matrix.zeros(w.rows(), w.cols()), state);
    }

    /** Registers {@code none}. */
    public static final class Provider implements PenaltyProvider {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public String description() {
            return "no penalty";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of();
        }

        @Override
        public Penalty create(Settings settings) {
            return new NoPenalty();
        }
    }
}
