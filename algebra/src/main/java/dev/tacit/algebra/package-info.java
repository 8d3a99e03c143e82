/**
 * Dense linear algebra for training: an immutable matrix, vector operations, thin SVDs and the spectral functions the
 * penalties need.
 *
 * <p>Where to start:
 * <ul>
 *   <li>{@link dev.tacit.algebra.Matrix}: an immutable dense matrix. Every operation returns a fresh matrix whose
 *   storage the package's kernels fill once; products are blocked, vectorised by the JIT and, when large, spread
 *   over threads. {@link dev.tacit.algebra.Matrix.Builder} fills a new matrix in one fused loop.</li>
 *   <li>{@link dev.tacit.algebra.Vectors}: dot, axpy, linear combinations, norms and Gram–Schmidt on plain
 *   {@code double[]} arrays, writing into arrays the caller owns.</li>
 *   <li>{@link dev.tacit.algebra.Svd}: a thin singular value decomposition, with the spectral gradient
 *   U·diag(f)·Vᵀ ({@link dev.tacit.algebra.Svd#compose}) and the polar factor U Vᵀ.</li>
 *   <li>{@link dev.tacit.algebra.SvdDecomposer} and {@link dev.tacit.algebra.SvdRoute}: how to compute one. The
 *   routes are {@code gram} ({@link dev.tacit.algebra.GramSvd}, the fast one, warm-started from the previous
 *   training step), {@code jacobi} ({@link dev.tacit.algebra.JacobiSvd}) and {@code hipparchus} (the textbook
 *   reference); all three are backward stable and agree to within what that allows.</li>
 *   <li>{@link dev.tacit.algebra.SymmetricEigen}: the symmetric eigen-decomposition underneath.</li>
 *   <li>{@link dev.tacit.algebra.Spectra}: one-call norms (nuclear, spectral), the polar factor and the effective
 *   rank.</li>
 *   <li>{@link dev.tacit.algebra.Parallelism}: how many threads an operation may use and where they come from, per
 *   call or for a whole run. Results never depend on it: work is cut into tasks fixed by the shapes alone.</li>
 * </ul>
 *
 * <p>The methods behind the decompositions, their accuracy and their cost are described in the repository's
 * docs/algorithms.md and docs/performance.md.
 */
package dev.tacit.algebra;
