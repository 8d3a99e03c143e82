package dev.tacit.api;

import dev.tacit.algebra.Matrix;
import java.util.List;

/**
 * The loss as a function of the parameters, for optimizers that evaluate it at other points than the current one
 * (line searches, L-BFGS).
 */
@FunctionalInterface
public interface Objective {

    /**
     * @param params one matrix per parameter, in the model's order
     * @return the loss and gradients there
     */
    Evaluation evaluate(List<Matrix> params);
}
