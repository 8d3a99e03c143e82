package dev.tacit.optim.penalties;

import dev.tacit.algebra.GramSvd;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Svd;
import dev.tacit.api.Penalty;
import dev.tacit.api.State;

/**
 * A penalty that is a function of the singular values, evaluated from one thin SVD of W per step ({@link GramSvd}:
 * the Gram matrix's eigenvectors, refined level by level where they are not accurate enough, so tiny singular values
 * keep a backward stable treatment). When W is well-conditioned the long side's singular vectors are never formed and
 * the gradient U·diag(f)·Vᵀ costs one product with W.
 */
abstract class SpectralPenalty implements Penalty {

    @Override
    public final Value evaluate(Matrix w, State state) {
        ValueAndGradient v = fromSpectrum(w, GramSvd.decompose(w).svd());
        return new Value(v.value(), v.gradient(), state);
    }

    /**
     * @param w   the matrix
     * @param svd its thin SVD
     * @return R(W) and ∇R(W)
     */
    abstract ValueAndGradient fromSpectrum(Matrix w, Svd svd);

    /**
     * @param value    R(W)
     * @param gradient ∇R(W)
     */
    record ValueAndGradient(double value, Matrix gradient) {
    }
}
