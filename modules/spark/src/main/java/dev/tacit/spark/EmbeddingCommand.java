package dev.tacit.spark;

import dev.tacit.api.UsageException;
import dev.tacit.data.io.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** {@code tacit-spark embedding}: the embedding model trained data-parallel on Spark, full batch. */
final class EmbeddingCommand {

    static final String NAME = "tacit-spark embedding";

    static final String HELP = """
            Usage: tacit-spark embedding (--data-dir PATH | --ratings FILE) [--split S] [--validation F] [--seed S]
                                         [--dimension D] [--lambda-user X] [--lambda-item X] [--optimizer NAME]
                                         [--lr X] [--steps N] [--eval-every N] [--partitions P] [--compare] [--json]
                                         --master URL

            Trains the embedding model r̂ = ⟨P_u, Q_i⟩ + b_u + b_i with the ratio penalty on both tables, full batch,
            data-parallel: the ratings partitioned over the executors, the tables broadcast at every step, the
            gradients and the tables' d×d Gram matrices added up with treeAggregate, the penalty taken from the Grams
            on the driver, the step taken by Tacit's trainer and optimizer. The data and split are those of
            'tacit fit' for the same options and seed.

            """ + RatingInput.HELP + """
              --dimension D      embedding width (default 128)
              --lambda-user X    weight of the ratio penalty on P (default 1e-5)
              --lambda-item X    weight of the ratio penalty on Q (default 1e-3)
              --optimizer NAME   any of Tacit's optimizers (default adam)
              --lr X             its learning rate (default 0.01)
              --steps N          full-batch steps (default 200)
              --eval-every N     steps between evaluations (default 10)
              --partitions P     partitions of the ratings (default: Spark's default parallelism)
              --compare          also train on this machine alone, from the same start, and report both
              --json             print one JSON object
              --master URL       local[N], spark://HOST:PORT, yarn, k8s://URL (not needed under spark-submit)
            """;

    private EmbeddingCommand() {
    }

    /**
     * @param args the words after {@code embedding}
     * @param out  standard output
     * @param err  standard error
     * @return the exit code
     * @throws IOException if the ratings cannot be read
     */
    static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Set<String> options = new HashSet<>(RatingInput.OPTIONS);
        options.addAll(Set.of("--dimension", "--lambda-user", "--lambda-item", "--optimizer", "--lr", "--steps",
                "--eval-every", "--partitions", "--master"));
        Arguments a = Arguments.parse(NAME, args, Set.of("--compare", "--json", "--help"), options, Map.of());
        if (a.flag("--help")) {
            out.print(HELP);
            return 0;
        }
        if (!a.positional().isEmpty()) {
            throw new UsageException(NAME + " takes no positional argument, got " + a.positional());
        }
        EmbeddingTraining training = new EmbeddingTraining(null, a.integer("--dimension", 128, 1),
                a.real("--lambda-user", 1e-5, 0, false), a.real("--lambda-item", 1e-3, 0, false),
                a.value("--optimizer").orElse("adam"), a.real("--lr", 0.01, 0, true), a.integer("--steps", 200, 1),
                a.integer("--eval-every", 10, 1));
        training = new EmbeddingTraining(RatingInput.of(a), training.dimension(), training.lambdaUser(),
                training.lambdaItem(), training.optimizer(), training.lr(), training.steps(), training.evalEvery());
        SparkSession session = Sessions.start(a.value("--master"), NAME);
        try {
            JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
            int partitions = a.integer("--partitions", spark.defaultParallelism(), 1);
            EmbeddingTraining.Trained distributed = training.onSpark(spark, partitions);
            EmbeddingTraining.Trained single = a.flag("--compare") ? training.onThisMachine() : null;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", "embedding");
            put(m, "", distributed);
            if (single != null) {
                put(m, "single_machine_", single);
                m.put("max_parameter_difference", maxDifference(distributed, single));
            }
            m.put("partitions", partitions);
            m.put("master", spark.master());
            m.put("data", training.input().describe());
            if (a.flag("--json")) {
                out.println(Json.write(m));
            } else {
                out.printf(Locale.ROOT, "Embedding d=%d, %s, %d full-batch steps on %s (%d partitions, %s)%n",
                        training.dimension(), training.optimizer(), training.steps(), training.input().data().name(),
                        partitions, spark.master());
                print(out, "data-parallel", distributed);
                if (single != null) {
                    print(out, "this machine", single);
                    out.printf(Locale.ROOT, "  largest parameter difference %.3g%n", maxDifference(distributed,
                            single));
                }
            }
            return 0;
        } finally {
            session.stop();
        }
    }

    private static void put(Map<String, Object> m, String prefix, EmbeddingTraining.Trained t) {
        m.put(prefix + "train_rmse", t.result().metrics().trainRmse());
        m.put(prefix + "validation_rmse", t.result().metrics().validationRmse());
        m.put(prefix + "test_rmse", t.test());
        m.put(prefix + "loss", t.result().metrics().loss());
        m.put(prefix + "seconds", t.seconds());
        m.put(prefix + "ms_per_step", t.msPerStep());
        m.put(prefix + "steps", t.result().end().iteration());
    }

    private static void print(PrintStream out, String what, EmbeddingTraining.Trained t) {
        out.printf(Locale.ROOT, "  %-14s train RMSE %.4f, validation %.4f, test %.4f; %.1f s (%.1f ms per step)%n",
                what, t.result().metrics().trainRmse(), t.result().metrics().validationRmse(), t.test(), t.seconds(),
                t.msPerStep());
    }

    /** @return the largest difference between the two trainings' final parameters, relative to the largest entry */
    static double maxDifference(EmbeddingTraining.Trained a, EmbeddingTraining.Trained b) {
        double diff = 0;
        double scale = 0;
        for (int k = 0; k < a.params().size(); k++) {
            diff = Math.max(diff, a.params().get(k).minus(b.params().get(k)).maxAbs());
            scale = Math.max(scale, b.params().get(k).maxAbs());
        }
        return scale == 0 ? diff : diff / scale;
    }
}
