/**
 * The classical completion methods the study compares its networks with, each a
 * {@link dev.tacit.api.CompletionMethodProvider} found through {@link java.util.ServiceLoader}: minimum nuclear norm
 * completion ({@code cp}), SoftImpute ({@code softimpute}) and OptSpace ({@code optspace}).
 *
 * <p>Each class cites its paper and states its algorithm and defaults once. Every loop has a cap, and every run says in
 * its {@link dev.tacit.api.Convergence} whether it converged or hit a cap. The dense steps use the algebra module's
 * kernels ({@link dev.tacit.algebra.Spectra#svd}); the steps that only touch the observed entries work on primitive
 * arrays indexed by entry, so their cost grows with |Ω| rather than with m·n.
 */
package dev.tacit.optim.baselines;
