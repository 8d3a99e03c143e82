package dev.tacit.benchmarks;

import dev.tacit.algebra.JacobiSvd;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Spectra;
import dev.tacit.algebra.Svd;
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
 * The spectral building blocks on trained matrices: the Gram product, the thin SVD and the polar factor, against
 * Hipparchus' SVD (the textbook route) at 100×100.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpectralBenchmark {

    /** The default problem's size and MovieLens-100K's. */
    @Param({"100x100", "943x1682"})
    public String shape;

    private Matrix w;

    /** Trains a matrix of the given shape to a representative state. */
    @Setup
    public void setUp() {
        w = Fixtures.trainedMatrix(shape);
    }

    /** @return the thin SVD (Gram eigenvectors, then one-sided Jacobi) */
    @Benchmark
    public Svd svd() {
        return JacobiSvd.decompose(w).svd();
    }

    /** @return the polar factor U Vᵀ, what the ratio penalty needs each step */
    @Benchmark
    public Matrix polarFactor() {
        return JacobiSvd.decompose(w).svd().polarFactor();
    }

    /** @return the Gram matrix of the shorter side, computed on one triangle */
    @Benchmark
    public Matrix gram() {
        return w.rows() <= w.cols() ? w.gramOfRows() : w.gramOfColumns();
    }

    /** @return the same Gram matrix as a general product, for the ratio */
    @Benchmark
    public Matrix gramAsGeneralProduct() {
        return w.rows() <= w.cols() ? w.multiplyTranspose(w) : w.transposeMultiply(w);
    }

    /** @return Hipparchus' SVD polar factor (the textbook route; only measured at 100×100, it takes 30 s at 943×1682) */
    @Benchmark
    public Matrix hipparchusPolarFactor() {
        if (w.rows() > 100) {
            return w;
        }
        return Spectra.referenceSvd(w).polarFactor();
    }
}
