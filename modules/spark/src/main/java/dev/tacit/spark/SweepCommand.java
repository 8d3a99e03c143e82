package dev.tacit.spark;

import dev.tacit.api.UsageException;
import dev.tacit.data.io.AtomicFiles;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.study.experiment.ExperimentFile;
import dev.tacit.study.experiment.ExperimentRunner;
import dev.tacit.study.experiment.ExperimentSpec;
import dev.tacit.study.experiment.MethodExecutor;
import dev.tacit.study.experiment.Presets;
import dev.tacit.study.experiment.ResultStore;
import dev.tacit.study.experiment.RunSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tacit-spark experiment PRESET|FILE [options of tacit experiment] --master URL --out DIR}: the sweep of
 * {@code tacit experiment}, each run a Spark task; the same run files, ids and results, resumable.
 */
final class SweepCommand {

    static final String NAME = "tacit-spark experiment";

    static final String HELP = """
            Usage: tacit-spark experiment PRESET|FILE [--quick] [--set KEY=VALUE]... [--out DIR] [--jobs N]
                                          [--print] [--dry-run] [--quiet] --master URL

            Runs an experiment (a preset: figure4, depth; or an experiment file) on Apache Spark, each run a Spark
            task, and stores each finished run at once in DIR/runs/<id>.json, exactly as 'tacit experiment' does:
            the same ids and, for the same seeds, the same results. Running the same command again skips the runs
            already stored. Draw the tables, charts and report with 'tacit report DIR'.

              --quick            the preset's short form
              --set KEY=VALUE    override a line of the experiment, repeatable (--set method=... replaces all)
              --out DIR          output directory on the driver (default results/NAME)
              --jobs N           runs in flight at a time (default: Spark's default parallelism, its cores)
              --print            print the experiment file (after overrides) and exit
              --dry-run          list the runs and their ids and exit
              --quiet            no progress output
              --master URL       local[N], spark://HOST:PORT, yarn, k8s://URL (not needed under spark-submit)

            Exit codes: 0 the sweep ran to its end (a diverged run is a stored result), 1 it stopped on an error,
            2 bad usage or a bad experiment file.
            """;

    private static final Set<String> FLAGS = Set.of("--quick", "--print", "--dry-run", "--quiet", "--help");
    private static final Set<String> OPTIONS = Set.of("--set", "--out", "--jobs", "--master");
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "--plugin-path", "plugins load as JPMS modules, which Spark's class path cannot host",
            "--events", "the runs' events stay on the executors; each run's result comes back to the driver",
            "--metrics-port", "use Spark's own UI and metrics for a sweep on Spark",
            "--metrics-host", "use Spark's own UI and metrics for a sweep on Spark",
            "--linger", "use Spark's own UI and metrics for a sweep on Spark");

    private SweepCommand() {
    }

    /**
     * @param args the words after {@code experiment}
     * @param out  standard output
     * @param err  standard error
     * @return the exit code
     * @throws InterruptedException if interrupted while waiting for runs
     * @throws IOException          if the output directory cannot be written
     */
    static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException, IOException {
        Arguments a = Arguments.parse(NAME, args, FLAGS, OPTIONS, UNSUPPORTED);
        if (a.flag("--help")) {
            out.print(HELP);
            return 0;
        }
        if (a.positional().size() != 1) {
            throw new UsageException(NAME + " takes one preset (" + String.join(", ", Presets.NAMES) + ") or "
                    + "experiment file, got " + (a.positional().isEmpty() ? "none" : a.positional()));
        }
        String source = a.positional().get(0);
        boolean quick = a.flag("--quick");
        List<String> overrides = a.all("--set");
        String sourceName = Presets.NAMES.contains(source) ? "preset " + source + (quick ? "-quick" : "") : source;
        String text = experimentText(source, quick);
        MethodExecutor executor = new MethodExecutor(Catalog.builtIn());
        ExperimentSpec experiment = ExperimentFile.parse(sourceName, text, overrides, executor.baselineNames());
        List<RunSpec> runs = experiment.expand();
        if (a.flag("--print")) {
            out.print(ExperimentFile.resolve(text, overrides));
            return 0;
        }
        try {
            executor.check(runs);
        } catch (IllegalArgumentException e) {
            throw new UsageException(sourceName + ": " + e.getMessage(), e);
        }
        if (a.flag("--dry-run")) {
            runs.forEach(r -> out.println(r.id() + "  " + r.describe()));
            out.println(runs.size() + " runs");
            return 0;
        }
        Optional<Integer> jobsOption = a.value("--jobs").map(v -> a.integer("--jobs", 1, 1));
        boolean quiet = a.flag("--quiet");
        Path dir = a.value("--out").map(Path::of).orElse(Path.of("results", experiment.name()));
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve(ExperimentFile.STORED_NAME), ExperimentFile.resolve(text, overrides));
        ResultStore store = new ResultStore(dir);
        ExperimentRunner.Plan plan = ExperimentRunner.plan(runs, store);

        SparkSession session = Sessions.start(a.value("--master"), NAME + " " + experiment.name());
        try {
            JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
            int jobs = jobsOption.orElse(spark.defaultParallelism());
            if (!quiet) {
                err.println(plan.describe(jobs).replace(" worker", " Spark task slot") + " (master "
                        + spark.master() + ")");
            }
            AtomicInteger done = new AtomicInteger();
            int todo = plan.todo().size();
            ExperimentRunner.Outcome outcome = SparkSweep.run(spark, new RunTask(sourceName, text, overrides), plan,
                    store, jobs, f -> {
                        if (!quiet) {
                            err.printf(Locale.ROOT, "[%d/%d] %s %s: %s%s%n", done.incrementAndGet(), todo,
                                    f.run().id(), f.run().describe(), f.result().ok()
                                            ? String.format(Locale.ROOT, "test RMSE %.3g in %.1f s",
                                            f.result().testRmse(), f.result().seconds())
                                            : f.result().status(), f.stored() ? "" : " (already stored: kept)");
                        }
                    });
            out.printf(Locale.ROOT, "%s: %d runs (%d done before, %d now, %d failed%s) in %.1f s on %s; runs in %s;"
                            + " draw the report with: tacit report %s%n", experiment.name(), outcome.total(),
                    outcome.skipped(), outcome.completed(), outcome.failed(), outcome.interrupted() > 0
                            ? ", " + outcome.interrupted() + " stopped: run the same command to finish them" : "",
                    outcome.seconds(), spark.master(), dir.resolve("runs"), dir);
            return 0;
        } finally {
            session.stop();
        }
    }

    private static String experimentText(String source, boolean quick) throws IOException {
        if (Presets.NAMES.contains(source)) {
            return Presets.text(source, quick);
        }
        if (quick) {
            throw new UsageException("--quick applies to the presets (" + String.join(", ", Presets.NAMES)
                    + "); for your own file, shorten it with --set");
        }
        Path file = Path.of(source);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("'" + source + "' is neither a preset (" + String.join(", ", Presets.NAMES)
                    + ") nor a readable experiment file");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
