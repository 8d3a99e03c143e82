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

/**
 * Adam's element-wise update in a JVM that has run only Adam, against one that ran six other element-wise optimizers
 * first (as an experiment comparing optimizers does): their rules all pass through the shared update loop, whose call
 * of the rule then sees many receiver types (a megamorphic call site the JIT cannot inline). Each case runs in a fork
 * of its own, so the profiles do not mix; the ratio of the two is the cost of sharing the loop.
 */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ElementwiseProfileBenchmark {

    /** The optimizers run before Adam in the polluted case, each through the shared element-wise loop. */
    private static final List<String> OTHERS = List.of("rmsprop", "adagrad", "adamax", "amsgrad", "nadam", "adamw");

    /** Whether other optimizers ran first. */
    @Param({"adam-only", "after-six-others"})
    public String profile;

    private Optimizer adam;
    private Optimizer.Input input;
    private State state;

    /** Random parameters and gradients at the default problem's size; runs the other optimizers if asked. */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(1);
        Matrix param = Matrix.generate(100, 100, (i, j) -> rng.nextGaussian());
        Matrix grad = Matrix.generate(100, 100, (i, j) -> rng.nextGaussian());
        input = new Optimizer.Input(List.of(param), new Evaluation(0, 0, List.of(grad)), p -> {
            throw new IllegalStateException("not used");
        }, 1e-3);
        Catalog catalog = Catalog.builtIn();
        if (profile.equals("after-six-others")) {
            for (String name : OTHERS) {
                Optimizer other = catalog.optimizer(name).orElseThrow().create(Map.of()).get();
                State s = other.start(List.of(param));
                for (int k = 0; k < 3000; k++) {
                    s = other.step(input, s).state();
                }
            }
        }
        adam = catalog.optimizer("adam").orElseThrow().create(Map.of()).get();
        state = adam.start(List.of(param));
    }

    /** @return one Adam step on a 100×100 parameter */
    @Benchmark
    public Optimizer.Step adamStep() {
        return adam.step(input, state);
    }
}
