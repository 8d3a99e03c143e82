package dev.tacit.api;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import java.util.Optional;

/**
 * A matrix completion task: which entries a method may fit, which may steer model selection, and which score it.
 *
 * @param name       a short description for reports, for example {@code synthetic 100x100 rank 5}
 * @param train      the observed entries a method fits
 * @param validation entries held out of training for early stopping and model selection (may be empty)
 * @param test       the entries it is scored on, never seen during training or selection
 * @param truth      the whole matrix when it is known (synthetic data), for the relative error
 */
public record CompletionProblem(String name, Entries train, Entries validation, Entries test,
                                Optional<Matrix> truth) {

    /** Checks that all parts describe the same shape. */
    public CompletionProblem {
        for (Entries o : new Entries[] {validation, test}) {
            if (o.rows() != train.rows() || o.cols() != train.cols()) {
                throw new IllegalArgumentException("parts of " + name + " differ in shape: " + train + " and " + o);
            }
        }
        truth.ifPresent(t -> {
            if (t.rows() != train.rows() || t.cols() != train.cols()) {
                throw new IllegalArgumentException("truth " + t.shape() + " does not match " + train);
            }
        });
    }

    /** @return rows of the matrix */
    public int rows() {
        return train.rows();
    }

    /** @return columns of the matrix */
    public int cols() {
        return train.cols();
    }
}
