/**
 * The maths layer of Tacit: an immutable dense {@link dev.tacit.algebra.Matrix} with fast product kernels,
 * thin singular value decompositions, the polar factor, matrix norms and the effective rank.
 *
 * <p>Hipparchus does the reference decompositions but never appears in a public signature.
 */
module dev.tacit.algebra {
    requires hipparchus.core;

    exports dev.tacit.algebra;
}
