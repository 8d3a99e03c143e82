package dev.tacit.spark;

import dev.tacit.api.UsageException;
import dev.tacit.data.io.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/** {@code tacit-spark als}: Spark MLlib's ALS on Tacit's data and splits, with Tacit's metrics. */
final class AlsCommand {

    static final String NAME = "tacit-spark als";

    static final String HELP = """
            Usage: tacit-spark als (--data-dir PATH | --ratings FILE) [--split S] [--validation F] [--seed S]
                                   [--rank R] [--reg X[,Y...]] [--iterations N] [--blocks B] [--json] --master URL

            Spark MLlib's ALS (explicit ratings) as a baseline, on the training, validation and test ratings that
            'tacit fit' and 'tacit movielens' use for the same --split, --validation and --seed, scored the same way
            (predictions clipped to the ratings' range; RMSE and MAE). A --reg grid is chosen on the validation
            ratings; the test ratings are scored once, on the chosen model.

            """ + RatingInput.HELP + """
              --rank R           width of the factors (default 10)
              --reg X[,Y...]     regularisation, or a grid to choose from on validation (default 0.1)
              --iterations N     alternations (default 10)
              --blocks B         user and item blocks (default: Spark's default parallelism)
              --json             print one JSON object (the keys of 'tacit fit --json': train_rmse, validation_rmse,
                                 test_rmse, ..., and the MAEs, the candidates and the configuration)
              --master URL       local[N], spark://HOST:PORT, yarn, k8s://URL (not needed under spark-submit)
            """;

    private AlsCommand() {
    }

    /**
     * @param args the words after {@code als}
     * @param out  standard output
     * @param err  standard error
     * @return the exit code
     * @throws IOException if the ratings cannot be read
     */
    static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Set<String> options = new HashSet<>(RatingInput.OPTIONS);
        options.addAll(Set.of("--rank", "--reg", "--iterations", "--blocks", "--master"));
        Arguments a = Arguments.parse(NAME, args, Set.of("--json", "--help"), options, Map.of());
        if (a.flag("--help")) {
            out.print(HELP);
            return 0;
        }
        if (!a.positional().isEmpty()) {
            throw new UsageException(NAME + " takes no positional argument, got " + a.positional());
        }
        int rank = a.integer("--rank", 10, 1);
        int iterations = a.integer("--iterations", 10, 1);
        List<Double> grid = regGrid(a.value("--reg").orElse("0.1"));
        RatingInput input = RatingInput.of(a);
        if (grid.size() > 1 && input.validation() == 0) {
            throw new UsageException("a --reg grid is chosen on validation ratings: give --validation above 0");
        }
        SparkSession session = Sessions.start(a.value("--master"), NAME);
        try {
            int blocks = a.integer("--blocks", session.sparkContext().defaultParallelism(), 1);
            AlsBaseline.Config config = new AlsBaseline.Config(rank, grid, iterations, input.seed(), blocks);
            AlsBaseline.Outcome o = AlsBaseline.run(session, input, config);
            if (a.flag("--json")) {
                out.println(Json.write(AlsBaseline.toMap(input, config, o, session.sparkContext().master())));
            } else {
                AlsBaseline.Candidate best = o.chosenCandidate();
                out.printf(Locale.ROOT, "ALS rank %d, reg %s, %d iterations on %s (%d ratings), split %s seed %d%n",
                        rank, best.reg(), iterations, input.data().name(), input.data().size(), input.splitText(),
                        input.seed());
                out.printf(Locale.ROOT, "  train RMSE       %.4f%n  validation RMSE  %.4f%n  test RMSE        %.4f"
                                + "%n  test MAE         %.4f%n  seconds          %.1f%n", best.train().rmse(),
                        best.validation().rmse(), o.test().rmse(), o.test().mae(), o.seconds());
            }
            return 0;
        } finally {
            session.stop();
        }
    }

    private static List<Double> regGrid(String text) {
        List<Double> grid = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                double v = Double.parseDouble(part.strip());
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new NumberFormatException();
                }
                grid.add(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--reg must be numbers ≥ 0 separated by commas, got '" + text + "'");
            }
        }
        return grid;
    }
}
