package dev.tacit.algebra;

import java.util.Objects;

/**
 * Computes the thin singular value decomposition of a matrix, optionally warm-started from the decomposition of a
 * previous, similar matrix (the previous training step's W).
 *
 * <p>In the manner of Hipparchus' small decomposer interfaces: a decomposer is a stateless, thread-safe strategy
 * chosen once (see {@link SvdRoute} for the built-in ones), and everything one call needs to hand to the next is in
 * its {@link Result}. A caller that keeps {@link Result#warmStart()} (a training run keeps it in its penalty's state,
 * so a checkpoint carries it) passes it to the next call; routes without a warm start return an empty one and ignore
 * what they are given. A warm start never changes the accuracy a route promises, only its cost.
 */
public interface SvdDecomposer {

    /**
     * The cold decomposition.
     *
     * @param w a finite matrix
     * @return its thin SVD and a warm start for the next call
     * @throws IllegalArgumentException if w has NaN or infinite entries
     */
    default Result decompose(Matrix w) {
        return decompose(w, Result.noWarmStart(w));
    }

    /**
     * The decomposition, started from {@code warmStart} where this route can use it.
     *
     * @param w         a finite matrix
     * @param warmStart the {@link Result#warmStart()} of an earlier call on a similar matrix of the same shape, or a
     *                  matrix with no columns for none; one that does not fit (another shape, another route's) is
     *                  ignored
     * @return its thin SVD and a warm start for the next call
     * @throws IllegalArgumentException if w has NaN or infinite entries
     */
    Result decompose(Matrix w, Matrix warmStart);

    /**
     * One decomposition and what the next may start from.
     *
     * @param svd       the thin SVD W = U·diag(σ)·Vᵀ, σ descending
     * @param warmStart for the next call on a similar matrix: a k×r matrix (k = min(m, n)), r = 0 when the route has
     *                  nothing to offer; opaque to callers, who only keep it and pass it back
     */
    record Result(Svd svd, Matrix warmStart) {

        /**
         * Rejects missing parts.
         *
         * @param svd       the thin SVD
         * @param warmStart the warm start for the next call
         */
        public Result {
            Objects.requireNonNull(svd, "svd");
            Objects.requireNonNull(warmStart, "warmStart");
        }

        /**
         * @param w a matrix
         * @return the empty warm start for w's shape: min(m, n) rows, no columns
         */
        public static Matrix noWarmStart(Matrix w) {
            return Matrix.zeros(Math.min(w.rows(), w.cols()), 0);
        }
    }
}
