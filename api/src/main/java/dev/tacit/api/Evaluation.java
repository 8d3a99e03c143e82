package dev.tacit.api;

import dev.tacit.algebra.Matrix;
import java.util.List;

/**
 * The loss at a point and its gradient with respect to every parameter.
 *
 * @param dataLoss  the data term (mean squared error over the observed entries)
 * @param penalty   the weighted penalty λ·R
 * @param gradients ∂L/∂θ_k, one per parameter, each of the parameter's shape
 */
public record Evaluation(double dataLoss, double penalty, List<Matrix> gradients) {

    /** Copies the gradient list. */
    public Evaluation {
        gradients = List.copyOf(gradients);
    }

    /** @return the total loss, data term plus penalty */
    public double loss() {
        return dataLoss + penalty;
    }
}
