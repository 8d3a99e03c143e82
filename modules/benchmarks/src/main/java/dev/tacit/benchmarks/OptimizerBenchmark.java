package dev.tacit.benchmarks;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Evaluation;
import dev.tacit.api.Optimizer;
import dev.tacit.api.State;
import dev.tacit.optim.catalog.Catalog;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/** The Adam update alone (one fused pass writing θ, m and v). */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OptimizerBenchmark {

    /** Parameter shapes. */
    @Param({"100x100", "943x1682"})
    public String shape;

    private Optimizer adam;
    private Optimizer.Input input;
    private State state;

    /** Random parameters, gradients and moments. */
    @Setup
    public void setUp() {
        String[] s = shape.split("x");
        int rows = Integer.parseInt(s[0]);
        int cols = Integer.parseInt(s[1]);
        SplittableRandom rng = new SplittableRandom(1);
        Matrix param = Matrix.generate(rows, cols, (i, j) -> rng.nextGaussian());
        Matrix grad = Matrix.generate(rows, cols, (i, j) -> rng.nextGaussian());
        adam = Catalog.builtIn().optimizer("adam").orElseThrow().create(Map.of()).get();
        input = new Optimizer.Input(List.of(param), new Evaluation(0, 0, List.of(grad)), p -> {
            throw new IllegalStateException("not used");
        }, 1e-3);
        state = adam.start(List.of(param));
    }

    /** @return one Adam step */
    @Benchmark
    public Optimizer.Step adamStep() {
        return adam.step(input, state);
    }
}
