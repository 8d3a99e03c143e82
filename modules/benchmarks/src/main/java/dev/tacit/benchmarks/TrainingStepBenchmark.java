package dev.tacit.benchmarks;

import dev.tacit.api.Optimizer;
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

/** One full training iteration (loss, gradients with the exact penalty gradient, Adam update) from a trained state. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainingStepBenchmark {

    /**
     * "rows x cols / depth / λ [/ warm-up steps]": the default problem after 3,000 steps and after 20,000 (the late
     * state most of a 30,000-step run is in), its depth-3 variant with and without the penalty, and the MovieLens-sized
     * depth-1 network.
     */
    @Param({"100x100/1/1e-3", "100x100/1/1e-3/20000", "100x100/3/1e-3", "100x100/3/0", "943x1682/1/1e-3"})
    public String setting;

    private Fixtures.Training training;

    /** Trains to a representative state. */
    @Setup
    public void setUp() {
        String[] parts = setting.split("/");
        String[] shape = parts[0].split("x");
        int rows = Integer.parseInt(shape[0]);
        int cols = Integer.parseInt(shape[1]);
        boolean big = rows > 100;
        int warmUp = parts.length > 3 ? Integer.parseInt(parts[3]) : big ? 5 : 3000;
        training = Fixtures.training(rows, cols, Integer.parseInt(parts[1]), Double.parseDouble(parts[2]),
                big ? 100_000 : 2000, warmUp);
    }

    /** @return the step, so the JIT cannot drop it */
    @Benchmark
    public Optimizer.Step iteration() {
        return training.step();
    }
}
