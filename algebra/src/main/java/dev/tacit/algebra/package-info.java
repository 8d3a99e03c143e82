/**
 * Immutable dense matrices and the spectral functions training needs.
 *
 * <p>{@link dev.tacit.algebra.Matrix} is a read-only facade: every operation returns a fresh matrix whose storage the
 * kernels of this package fill exactly once. {@link dev.tacit.algebra.Spectra} holds the norms, the effective rank
 * and the decompositions; {@link dev.tacit.algebra.JacobiSvd} is the warm-startable decomposition used on the
 * training hot path.
 */
package dev.tacit.algebra;
