package dev.tacit.optim.models;

import dev.tacit.api.Named;

/**
 * How the embedding model takes a step: through the generic trainer with dense Adam (every row of both tables and of
 * Adam's moments at every step, the study's reference), or with {@link SparseEmbeddingTrainer} (lazy Adam on the rows a
 * batch touches, the ratio penalty from the Gram matrix on a cadence).
 */
public enum EmbeddingStep implements Named {
    /** The documented rule of {@link #resolve}: sparse for large data trained with Adam, dense otherwise. */
    AUTO("auto"),
    /** Dense Adam through the generic trainer, the penalty at every step; any optimizer. */
    DENSE("dense"),
    /** Lazy Adam on the touched rows; the ratio penalty from the Gram matrix every k steps. */
    SPARSE("sparse");

    /**
     * {@link #AUTO} takes the sparse step when the dataset holds more ratings than this (MovieLens-100K, with its
     * 100,000, and everything smaller keep dense Adam, so the study's results are unchanged).
     */
    public static final long SPARSE_ABOVE_RATINGS = 200_000;

    private final String label;

    EmbeddingStep(String label) {
        this.label = label;
    }

    /**
     * The step a run takes.
     *
     * @param adam    whether the optimizer is Adam (the only one with a sparse step)
     * @param ratings ratings in the dataset (training, validation and test)
     * @return {@link #DENSE} or {@link #SPARSE}: this one unless it is {@link #AUTO}, which is sparse when the
     *         optimizer is Adam and there are more than {@value #SPARSE_ABOVE_RATINGS} ratings
     */
    public EmbeddingStep resolve(boolean adam, long ratings) {
        if (this != AUTO) {
            return this;
        }
        return adam && ratings > SPARSE_ABOVE_RATINGS ? SPARSE : DENSE;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
