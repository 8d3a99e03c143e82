package dev.tacit.benchmarks;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Parallelism;
import dev.tacit.api.Metrics;
import dev.tacit.optim.models.EmbeddingModel;
import dev.tacit.optim.models.SparseAdam;
import dev.tacit.optim.models.SparseEmbeddingTrainer;
import dev.tacit.optim.training.Trainer;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
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
 * One epoch of the embedding model's sparse step (lazy Adam, d = 128, batches of 256), per step: how its cost grows
 * with the tables (it should not) and what the penalty's cadence and the second core add. The ratings are random, with
 * heavy-tailed (log-normal) user and item activity like MovieLens's; their values do not matter for the cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 4)
public class SparseStepBenchmark {

    /** users x items: MovieLens-1M's and -25M's shapes, with the same 1,000,000 ratings. */
    @Param({"6040x3706", "162541x62423"})
    public String shape;

    /** λ on both tables: 0 (no penalty steps) or 1e-3 at the default cadence. */
    @Param({"0", "1e-3"})
    public double lambda;

    /** Threads: "serial" or "standard" (every core). */
    @Param({"serial", "standard"})
    public String threads;

    private static final int RATINGS = 1_000_000;

    private SparseEmbeddingTrainer trainer;
    private List<Matrix> init;
    private Parallelism parallelism;

    /** Builds the ratings and the initial tables. */
    @Setup
    public void setUp() {
        String[] s = shape.split("x");
        int users = Integer.parseInt(s[0]);
        int items = Integer.parseInt(s[1]);
        SplittableRandom rng = new SplittableRandom(1);
        double[] userWeight = logNormal(users, 1.2, rng);
        double[] itemWeight = logNormal(items, 1.8, rng);
        int[] r = new int[RATINGS];
        int[] c = new int[RATINGS];
        double[] v = new double[RATINGS];
        java.util.HashSet<Long> seen = new java.util.HashSet<>();
        for (int k = 0; k < RATINGS; ) {
            int u = pick(userWeight, rng);
            int i = pick(itemWeight, rng);
            if (seen.add((long) u * items + i)) {
                r[k] = u;
                c[k] = i;
                v[k] = 1 + rng.nextInt(5);
                k++;
            }
        }
        EmbeddingModel model = EmbeddingModel.reference(users, items, EmbeddingModel.DEFAULT_DIMENSION);
        Entries train = Entries.of(users, items, r, c, v);
        long perEpoch = (RATINGS + 255) / 256;
        trainer = new SparseEmbeddingTrainer(model, train, 256, new SparseAdam(3e-3, 0.9, 0.999, 1e-8, 0), lambda,
                lambda, SparseEmbeddingTrainer.defaultPenaltyEvery(perEpoch), 2);
        init = model.initialParameters(rng);
        parallelism = threads.equals("serial") ? Parallelism.serial() : Parallelism.standard();
    }

    /** Cumulative weights of a log-normal activity. */
    private static double[] logNormal(int n, double sigma, SplittableRandom rng) {
        double[] w = new double[n];
        double total = 0;
        for (int k = 0; k < n; k++) {
            total += Math.exp(sigma * rng.nextGaussian());
            w[k] = total;
        }
        return w;
    }

    private static int pick(double[] cumulative, SplittableRandom rng) {
        int at = java.util.Arrays.binarySearch(cumulative, rng.nextDouble() * cumulative[cumulative.length - 1]);
        return Math.min(cumulative.length - 1, at < 0 ? -at - 1 : at);
    }

    /** @return one epoch's result (3,907 steps, plus copying the tables in and out) */
    @Benchmark
    public Trainer.Result epoch() {
        return trainer.train(init, 1, (params, evaluation) -> new Metrics(evaluation.loss(), evaluation.penalty(),
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of()), Optional.empty(),
                new TreeMap<>(), e -> { }, () -> false, parallelism);
    }
}
