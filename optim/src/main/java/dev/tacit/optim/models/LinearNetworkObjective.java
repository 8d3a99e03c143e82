package dev.tacit.optim.models;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.api.Evaluation;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Penalty;
import dev.tacit.api.State;
import dev.tacit.optim.training.TrainingObjective;
import java.util.List;

/**
 * L(A_1..A_N) = mean over Ω of (W_ij − W*_ij)² + λ·R(W), W = A_1⋯A_N (docs/method.md §3): the data term is a mean over
 * all observed entries (full batch) and the penalty acts on the end-to-end matrix.
 *
 * @param network the model
 * @param train   the observed entries Ω
 * @param penalty R
 * @param lambda  λ ≥ 0; at 0 the penalty is not evaluated at all
 */
public record LinearNetworkObjective(LinearNetwork network, Entries train, Penalty penalty, double lambda)
        implements TrainingObjective {

    /** Validates λ and the shapes. */
    public LinearNetworkObjective {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new InvalidValueException("lambda", lambda, "a finite number >= 0");
        }
        if (train.rows() != network.rows() || train.cols() != network.cols()) {
            throw new IllegalArgumentException("observations " + train + " do not fit a " + network.rows() + "x"
                    + network.cols() + " network");
        }
    }

    @Override
    public State start() {
        return penalty.start();
    }

    @Override
    public Outcome evaluate(List<Matrix> params, State state) {
        LinearNetwork.Forward forward = network.forward(params);
        Matrix w = forward.endToEnd();
        // The data term's gradient lives on Ω only: kept as one value per observed entry and written into the dense
        // gradient once, together with the penalty's, rather than as a dense m×n matrix of its own.
        int n = train.size();
        double[] residual = new double[n];
        train.residuals(w, residual);
        double squares = 0;
        for (int k = 0; k < n; k++) {
            squares += residual[k] * residual[k];
            residual[k] *= 2.0 / n;
        }
        double data = n == 0 ? 0 : squares / n;
        if (!w.isFinite()) {
            // Finite factors whose product overflowed: no penalty can be evaluated on W, and the trainer reports the
            // non-finite loss as divergence at this iteration.
            return new Outcome(new Evaluation(Double.POSITIVE_INFINITY, lambda > 0 ? Double.NaN : 0,
                    forward.factorGradients(train.scatter(residual, 0, null))), state);
        }
        if (lambda == 0) {
            return new Outcome(new Evaluation(data, 0, forward.factorGradients(train.scatter(residual, 0, null))),
                    state);
        }
        Penalty.Value pv = penalty.evaluate(w, state);
        Matrix g = train.scatter(residual, lambda, pv.gradient());
        return new Outcome(new Evaluation(data, lambda * pv.value(), forward.factorGradients(g)), pv.state());
    }
}
