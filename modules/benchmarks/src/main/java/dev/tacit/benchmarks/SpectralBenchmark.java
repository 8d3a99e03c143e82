package dev.tacit.benchmarks;

import dev.tacit.algebra.GramSvd;
import dev.tacit.algebra.JacobiSvd;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Parallelism;
import dev.tacit.algebra.Spectra;
import dev.tacit.algebra.SymmetricEigen;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The spectral building blocks on trained matrices (docs/performance.md): the polar factor by the fast path cold and
 * warm-started, by the previous route (Gram-preconditioned one-sided Jacobi) and by Hipparchus' SVD (the textbook
 * route, only at 100×100: it takes 30 s at 943×1682), plus the Gram product and the eigen-decomposition of the Gram
 * matrix alone. All in one run so their ratios are measured under the same load.
 *
 * <p>{@code threads} is the both-cores lever, before and after in one run: {@code standard} (the calling thread and
 * Tacit's polling workers, the default), {@code serial}, and {@code commonpool} (helpers from the common fork-join
 * pool, which park between tasks). Results are the same under all three; only the time differs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpectralBenchmark {

    /** See {@link Fixtures#trainedRun}: the default problem early and late, MovieLens-sized, embedding tables. */
    @Param({"100x100", "100x100-late", "943x1682", "943x128", "1682x128"})
    public String shape;

    /** Where helper threads come from: {@code standard}, {@code serial} or {@code commonpool}. */
    @Param({"standard", "serial"})
    public String threads;

    private Matrix w;
    private Matrix basis;
    private Matrix gram;
    private Parallelism parallelism;

    /** Trains a matrix of the given shape to a representative state. */
    @Setup
    public void setUp() {
        Fixtures.Training run = Fixtures.trainedRun(shape);
        w = run.params().get(0);
        basis = Fixtures.warmBasis(run);
        gram = w.rows() <= w.cols() ? w.gramOfRows() : w.gramOfColumns();
        parallelism = switch (threads) {
            case "standard" -> Parallelism.standard();
            case "serial" -> Parallelism.serial();
            case "commonpool" -> Parallelism.commonPool();
            default -> throw new IllegalArgumentException("unknown threads " + threads);
        };
    }

    /** @return the polar factor U Vᵀ from a cold start, what a spectral penalty needs each step */
    @Benchmark
    public Matrix polarFactor() {
        return parallelism.call(() -> GramSvd.decompose(w, null, parallelism).svd().polarFactor());
    }

    /** @return the polar factor warm-started from the previous training step, as the penalty runs it */
    @Benchmark
    public Matrix polarFactorWarm() {
        return parallelism.call(() -> GramSvd.decompose(w, basis, parallelism).svd().polarFactor());
    }

    /** @return the polar factor by the previous route: Gram eigenvectors, then one-sided Jacobi sweeps */
    @Benchmark
    public Matrix jacobiPolarFactor() {
        return JacobiSvd.decompose(w, parallelism).svd().polarFactor();
    }

    /** @return Hipparchus' SVD polar factor (the textbook route; only at 100×100, it takes 30 s at 943×1682) */
    @Benchmark
    public Matrix hipparchusPolarFactor() {
        if (w.rows() > 100) {
            return w;
        }
        return Spectra.referenceSvd(w).polarFactor();
    }

    /** @return the singular values alone (what the metrics need) */
    @Benchmark
    public double[] singularValues() {
        return GramSvd.decompose(w, null, parallelism).svd().singularValues();
    }

    /** @return the Gram matrix of the shorter side, computed on one triangle */
    @Benchmark
    public Matrix gram() {
        return parallelism.call(() -> w.rows() <= w.cols() ? w.gramOfRows() : w.gramOfColumns());
    }

    /** @return the same Gram matrix as a general product, for the ratio */
    @Benchmark
    public Matrix gramAsGeneralProduct() {
        return parallelism.call(() -> w.rows() <= w.cols() ? w.multiplyTranspose(w) : w.transposeMultiply(w));
    }

    /** @return the eigen-decomposition of the Gram matrix (reduction, tridiagonal solver, back-transformation) */
    @Benchmark
    public SymmetricEigen.Result gramEigen() {
        return SymmetricEigen.decompose(gram, parallelism);
    }
}
