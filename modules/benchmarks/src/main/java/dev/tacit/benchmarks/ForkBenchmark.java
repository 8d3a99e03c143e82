package dev.tacit.benchmarks;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Parallelism;
import java.util.SplittableRandom;
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
 * What a fork costs: a product made of exactly two tasks of 16 rows (32×400 times 400×400, about 40 µs a task), on
 * one thread, with Tacit's polling workers and with the common fork-join pool, run back to back ({@code gap} 0) or
 * after {@code gap} µs of other work on the calling thread, as between the phases of a decomposition or the steps of
 * a run. Subtract the gap from the figure. (docs/performance.md)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ForkBenchmark {

    /** {@code serial}, {@code standard} (Tacit's polling workers) or {@code commonpool}. */
    @Param({"serial", "standard", "commonpool"})
    public String threads;

    /** Microseconds of busy work on the calling thread before each product. */
    @Param({"0", "200"})
    public int gap;

    private Matrix a;
    private Matrix b;
    private Parallelism parallelism;

    /** Random operands. */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(3);
        a = Matrix.generate(32, 400, (i, j) -> rng.nextDouble());
        b = Matrix.generate(400, 400, (i, j) -> rng.nextDouble());
        parallelism = switch (threads) {
            case "standard" -> Parallelism.standard();
            case "serial" -> Parallelism.serial();
            case "commonpool" -> Parallelism.commonPool();
            default -> throw new IllegalArgumentException("unknown threads " + threads);
        };
    }

    /** @return the product, after the gap */
    @Benchmark
    public Matrix product() {
        long until = System.nanoTime() + gap * 1000L;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        return parallelism.call(() -> a.multiply(b));
    }
}
