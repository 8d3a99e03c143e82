package dev.tacit.optim.models;

import dev.tacit.algebra.Matrix;
import java.util.List;
import java.util.SplittableRandom;

/** A parametrisation of a completed m×n matrix. */
public interface CompletionModel {

    /** @return rows of the completed matrix */
    int rows();

    /** @return columns of the completed matrix */
    int cols();

    /**
     * @param rng the source of the initial values, seeded by the caller
     * @return the initial parameters
     */
    List<Matrix> initialParameters(SplittableRandom rng);

    /**
     * @param params the parameters, in the order of {@link #initialParameters}
     * @return the completed m×n matrix they represent
     */
    Matrix predict(List<Matrix> params);

    /**
     * Entry-wise predictions, for scoring a few entries without necessarily forming the whole matrix. The default
     * forms it once; a model whose entries are cheap on their own (an embedding model) overrides this.
     *
     * @param params the parameters
     * @return the value of entry (i, j) of the completed matrix
     */
    default Matrix.EntryFunction predictor(List<Matrix> params) {
        Matrix w = predict(params);
        return w::get;
    }
}
