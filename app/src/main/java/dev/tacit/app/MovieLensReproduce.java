package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.data.io.Json;
import dev.tacit.data.movielens.MovieLens100k;
import dev.tacit.data.movielens.SplitSpec;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.models.EmbeddingModel;
import dev.tacit.optim.models.EmbeddingObjective;
import dev.tacit.optim.models.EmbeddingStep;
import dev.tacit.optim.models.Scaling;
import dev.tacit.study.Protocol;
import dev.tacit.study.RatingConfig;
import dev.tacit.study.RatingExperiment;
import dev.tacit.study.StudyTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tacit movielens reproduce}: the eight rows of the study's MovieLens table ({@link StudyTable}) on one split,
 * over several seeds, written as Markdown and CSV beside the published numbers.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the eight rows of the study's MovieLens table on one split over several seeds and write "
                + "table.md and table.csv (mean ± std beside the published numbers) and runs.jsonl (every run).",
                "Rows: depth-1 network and user-item embedding, each with GD, GD + penalty, Adam, Adam + penalty."},
        footer = {"", "The network's penalty rows need a 943x1682 SVD per step: give them a step budget with "
                + "--iterations.", "Exit codes: 0 done, 1 a run failed, 2 bad usage or bad data."})
final class MovieLensReproduce implements Callable<Integer> {

    @CommandLine.ParentCommand
    MovieLensCommand movielens;

    @CommandLine.Mixin
    MovieLensData source;

    @Option(names = "--split", defaultValue = "0.9",
            description = "0.9 or 0.8 (the table's columns), or any other split. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--seeds", split = ",", defaultValue = "0,1,2", description = "Seeds. Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(names = "--rows", split = ",", defaultValue = "1,2,3,4,5,6,7,8",
            description = "Rows to run, 1 to 8. Default: all.")
    List<Integer> rows;

    @Option(names = "--protocol", defaultValue = "study",
            description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Protocol protocol;

    @Option(names = "--validation", description = "Validation share (default 0.05 honest, 0 study).")
    Double validation;

    @Option(names = "--patience", defaultValue = "5", description = "honest: patience. Default: ${DEFAULT-VALUE}.")
    long patience;

    @Option(names = "--epochs", defaultValue = "40", description = "Embedding rows: epochs. Default: ${DEFAULT-VALUE}.")
    long epochs;

    @Option(names = "--iterations", defaultValue = "1000",
            description = "Network rows: full-batch steps. Default: ${DEFAULT-VALUE}.")
    long iterations;

    @Option(names = "--eval-every", defaultValue = "100", description = "Network rows: steps between evaluations.")
    long evalEvery;

    @Option(names = "--adam-lr", description = "Learning rate of the Adam rows. Default: Adam's 1e-3.")
    Double adamLr;

    @Option(names = "--gd-lr", description = "Learning rate of the GD rows. Default: GD's 1e-2.")
    Double gdLr;

    @Option(names = "--lambda", defaultValue = "1e-3", description = "Network penalty rows: λ. Default: ${DEFAULT-VALUE}.")
    double lambda;

    @Option(names = "--lambda-user", defaultValue = "1e-5", description = "Embedding penalty rows: λ_user.")
    double lambdaUser;

    @Option(names = "--lambda-item", defaultValue = "1e-3", description = "Embedding penalty rows: λ_item.")
    double lambdaItem;

    @Option(names = "--scaling", defaultValue = "none",
            description = "Rating scaling: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Scaling.Kind scaling;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/movielens",
            description = "Directory for table.md, table.csv and runs.jsonl. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Mixin
    MonitoringOptions monitoring;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        SplitSpec spec = SplitSpec.parse(split);
        for (int r : rows) {
            if (r < 1 || r > StudyTable.ROWS.size()) {
                throw new UsageException("--rows takes numbers from 1 to " + StudyTable.ROWS.size() + ", got " + r);
            }
        }
        if (seeds.isEmpty()) {
            throw new UsageException("--seeds needs at least one seed");
        }
        if (new java.util.HashSet<>(seeds).size() < seeds.size() || new java.util.HashSet<>(rows).size() < rows.size()) {
            // A repeated seed is the same run twice: it would count twice in the mean and shrink the spread.
            throw new UsageException("--seeds " + seeds.stream().map(String::valueOf).collect(
                    java.util.stream.Collectors.joining(",")) + " --rows " + rows.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")) + " repeats a value; give each seed and "
                    + "row once");
        }
        boolean honest = protocol == Protocol.HONEST;
        double v = validation != null ? validation : honest ? 0.05 : 0;
        List<RatingConfig> planned = new ArrayList<>();
        for (int r : rows) {
            for (long seed : seeds) {
                planned.add(config(StudyTable.ROWS.get(r - 1), spec, v, seed));
            }
        }
        OutputFiles.checkDirectory("--out", out);
        Path runsFile = OutputFiles.check("--out", out.resolve("runs.jsonl"));
        Path csvFile = OutputFiles.check("--out", out.resolve("table.csv"));
        Path markdownFile = OutputFiles.check("--out", out.resolve("table.md"));
        Catalog catalog = plugins.catalog(parent().err);
        MovieLens100k data = source.load();
        TacitCommand top = parent();
        Execution.Observers observers = Execution.Observers.of(monitoring, quiet,
                Execution.tags("table", "table", 1, "movielens-100k"));
        return Execution.run(top, observers, context -> {
            StringBuilder jsonl = new StringBuilder();
            List<StudyTable.Result> results = new ArrayList<>();
            int k = 0;
            for (int r : rows) {
                StudyTable.Row row = StudyTable.ROWS.get(r - 1);
                List<Double> rmse = new ArrayList<>();
                List<Double> seconds = new ArrayList<>();
                List<Double> selected = new ArrayList<>();
                for (long seed : seeds) {
                    if (context.stopRequested().getAsBoolean()) {
                        break;
                    }
                    RatingConfig c = planned.get(k++);
                    if (!quiet) {
                        top.err.println("tacit: row " + r + " (" + row.title() + "), seed " + seed);
                        top.err.flush();
                    }
                    RatingExperiment.Outcome o = RatingExperiment.run(data, c, catalog, context.events(),
                            context.stopRequested());
                    Map<String, Object> report = o.toMap(data, c);
                    report.remove("curve");
                    report.put("row", r);
                    jsonl.append(Json.write(report)).append('\n');
                    OutputFiles.write(top.err, "--out", runsFile, jsonl.toString());
                    rmse.add(o.scored().testRmse());
                    seconds.add(o.seconds());
                    selected.add(o.chosenCandidate().result().selection().iteration()
                            / (double) o.iterationsPerEpoch());
                }
                if (!rmse.isEmpty()) {
                    results.add(new StudyTable.Result(row, rmse, seconds, selected));
                }
            }
            return results;
        }, results -> {
            String column = spec instanceof SplitSpec.Random rs && rs.trainFraction() == 0.8 ? "80:20"
                    : spec instanceof SplitSpec.Random rs9 && rs9.trainFraction() == 0.9 ? "90:10" : "";
            String header = String.format(Locale.ROOT, "MovieLens-100K, split %s, seeds %s, protocol %s%s; embedding "
                            + "rows %d epochs, network rows %d steps; u.data SHA-256 %s%s", split, seeds, protocol,
                    honest ? " (validation " + v + ", patience " + patience + ")" : "", epochs, iterations,
                    data.sha256().substring(0, 12), data.official() ? " (official)" : " (NOT the official file)");
            String markdown = StudyTable.markdown(results, column, header);
            top.out.print(markdown);
            top.out.println();
            top.out.flush();
            boolean written = OutputFiles.write(top.err, "--out", csvFile, StudyTable.csv(results, column))
                    & OutputFiles.write(top.err, "--out", markdownFile, markdown);
            if (written) {
                top.out.println("Wrote " + markdownFile + ", " + csvFile + " and " + runsFile);
            }
        });
    }

    private TacitCommand parent() {
        return movielens.parent;
    }

    private RatingConfig config(StudyTable.Row row, SplitSpec spec, double v, long seed) {
        Double lr = row.optimizer().equals("adam") ? adamLr : gdLr;
        String penalty = row.penalty();
        return new RatingConfig(row.model(), 1, 1e-3, 0, EmbeddingModel.DEFAULT_DIMENSION, row.optimizer(), lr,
                new TreeMap<>(), penalty, new TreeMap<>(), lambda, lambdaUser, lambdaItem, List.of(), spec, v, seed,
                epochs, iterations, evalEvery, EmbeddingObjective.DEFAULT_BATCH, scaling, protocol, patience,
                // The study's reproduction keeps dense Adam, whatever the size rule would choose.
                EmbeddingStep.DENSE, 0);
    }
}
