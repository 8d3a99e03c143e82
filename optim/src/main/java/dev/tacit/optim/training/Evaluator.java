package dev.tacit.optim.training;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Evaluation;
import dev.tacit.api.Metrics;
import java.util.List;

/** Measures the current model, for periodic evaluations and the final result. */
@FunctionalInterface
public interface Evaluator {

    /**
     * @param params     the current parameters
     * @param evaluation the training loss and gradients there
     * @return the metrics
     */
    Metrics measure(List<Matrix> params, Evaluation evaluation);
}
