package dev.tacit.api;

import dev.tacit.algebra.Matrix;

/**
 * An explicit penalty R(W) with its (sub)gradient. The training loss adds λ·R(W); the penalty itself is unweighted.
 *
 * <p>The state lets a spectral penalty warm-start its decomposition from the previous step; a penalty without memory
 * returns the state it was given.
 */
public interface Penalty {

    /** @return the state before the first evaluation */
    default State start() {
        return State.EMPTY;
    }

    /**
     * @param w     the matrix penalised
     * @param state the state returned by the previous evaluation on the same parameter (or {@link #start})
     * @return R(W), ∇R(W) and the new state
     */
    Value evaluate(Matrix w, State state);

    /**
     * @param w the matrix penalised
     * @return R(W) alone, from a fresh state
     */
    default double value(Matrix w) {
        return evaluate(w, start()).value();
    }

    /**
     * @param value    R(W)
     * @param gradient ∇R(W), same shape as W
     * @param state    the state for the next evaluation
     */
    record Value(double value, Matrix gradient, State state) {
    }
}
