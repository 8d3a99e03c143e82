/**
 * The maths layer of Tacit: an immutable dense {@link dev.tacit.algebra.Matrix} with fast product kernels, vector
 * operations, thin singular value decompositions behind one interface ({@link dev.tacit.algebra.SvdDecomposer}, with
 * the built-in routes of {@link dev.tacit.algebra.SvdRoute}), the symmetric eigen-decomposition, the polar factor,
 * matrix norms and the effective rank; thread use chosen per call or per run ({@link dev.tacit.algebra.Parallelism}).
 *
 * <p>Hipparchus computes the {@code hipparchus} reference route but never appears in a public signature.
 */
module dev.tacit.algebra {
    requires hipparchus.core;

    exports dev.tacit.algebra;
}
