package dev.tacit.app;

import dev.tacit.data.io.Json;
import dev.tacit.data.movielens.MovieLens100k;
import dev.tacit.data.movielens.SplitSpec;
import dev.tacit.optim.models.EmbeddingModel;
import dev.tacit.optim.models.EmbeddingObjective;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tacit movielens reproduce}: the eight rows of the study's MovieLens table (method.md §8) on one split, over
 * several seeds, written as Markdown and CSV beside the published numbers.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the eight rows of the study's MovieLens table on one split over several seeds and write "
                + "table.md and table.csv (mean ± std beside the published numbers) and runs.jsonl (every run).",
                "Rows: depth-1 network and user-item embedding, each with GD, GD + penalty, Adam, Adam + penalty."},
        footer = {"", "The network's penalty rows need a 943x1682 SVD per step: give them a step budget with "
                + "--iterations.", "Exit codes: 0 done, 1 a run failed, 2 bad usage or bad data."})
final class MovieLensReproduce implements Callable<Integer> {

    /**
     * One row of the table.
     *
     * @param number      1 to 8, as in method.md
     * @param model       lnn or embedding
     * @param optimizer   gd or adam
     * @param penalised   whether the ratio penalty is on
     * @param published9  the study's test RMSE on 90:10
     * @param published8  the study's test RMSE on 80:20
     */
    record Row(int number, String model, String optimizer, boolean penalised, double published9, double published8) {
        String title() {
            return (model.equals("lnn") ? "depth-1 network" : "user-item embedding") + ", "
                    + (optimizer.equals("gd") ? "GD" : "Adam") + (penalised ? " + penalty" : "");
        }
    }

    /** The poster's table (method.md §8). */
    static final List<Row> ROWS = List.of(
            new Row(1, "lnn", "gd", false, 2.814, 2.797),
            new Row(2, "lnn", "gd", true, 2.808, 2.821),
            new Row(3, "lnn", "adam", false, 1.844, 1.822),
            new Row(4, "lnn", "adam", true, 0.915, 0.921),
            new Row(5, "embedding", "gd", false, 2.453, 2.532),
            new Row(6, "embedding", "gd", true, 2.535, 2.519),
            new Row(7, "embedding", "adam", false, 1.282, 1.348),
            new Row(8, "embedding", "adam", true, 0.906, 0.919));

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

    @Option(names = "--protocol", defaultValue = "study", description = "study or honest. Default: ${DEFAULT-VALUE}.")
    String protocol;

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

    @Option(names = "--scaling", defaultValue = "none", description = "Rating scaling. Default: ${DEFAULT-VALUE}.")
    String scaling;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/movielens",
            description = "Directory for table.md, table.csv and runs.jsonl. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() {
        SplitSpec spec = SplitSpec.parse(split);
        for (int r : rows) {
            if (r < 1 || r > ROWS.size()) {
                throw new InputException("--rows takes numbers from 1 to " + ROWS.size() + ", got " + r);
            }
        }
        if (seeds.isEmpty()) {
            throw new InputException("--seeds needs at least one seed");
        }
        boolean honest = protocol.equals("honest");
        double v = validation != null ? validation : honest ? 0.05 : 0;
        List<MovieLensConfig> planned = new ArrayList<>();
        for (int r : rows) {
            Row row = ROWS.get(r - 1);
            for (long seed : seeds) {
                planned.add(config(row, spec, v, seed));
            }
        }
        MovieLens100k data = source.load();
        TacitCommand top = movielens.parent;
        StringBuilder jsonl = new StringBuilder();
        List<Result> results = new ArrayList<>();
        int k = 0;
        for (int r : rows) {
            Row row = ROWS.get(r - 1);
            List<Double> rmse = new ArrayList<>();
            List<Double> seconds = new ArrayList<>();
            List<Double> selected = new ArrayList<>();
            for (long seed : seeds) {
                MovieLensConfig c = planned.get(k++);
                if (!quiet) {
                    top.err.println("tacit: row " + r + " (" + row.title() + "), seed " + seed);
                }
                MovieLensExperiment.Outcome o = MovieLensExperiment.run(data, c,
                        new MovieLensCommand.MovieLensProgress(top.err, quiet, c.embedding()));
                Map<String, Object> report = MovieLensCommand.report(data, c, o);
                report.remove("curve");
                report.put("row", r);
                jsonl.append(Json.write(report)).append('\n');
                MovieLensCommand.writeAtomically(out.resolve("runs.jsonl"), jsonl.toString());
                rmse.add(o.scored().testRmse());
                seconds.add(o.seconds());
                selected.add(o.chosenCandidate().result().selection().iteration() / (double) o.iterationsPerEpoch());
            }
            results.add(new Result(row, rmse, seconds, selected));
        }
        String column = spec instanceof SplitSpec.Random rs && rs.trainFraction() == 0.8 ? "80:20"
                : spec instanceof SplitSpec.Random rs9 && rs9.trainFraction() == 0.9 ? "90:10" : "";
        String header = String.format(Locale.ROOT, "MovieLens-100K, split %s, seeds %s, protocol %s%s; embedding "
                        + "rows %d epochs, network rows %d steps; u.data SHA-256 %s%s", split, seeds, protocol,
                honest ? " (validation " + v + ", patience " + patience + ")" : "", epochs, iterations,
                data.sha256().substring(0, 12), data.official() ? " (official)" : " (NOT the official file)");
        MovieLensCommand.writeAtomically(out.resolve("table.csv"), csv(results, column));
        MovieLensCommand.writeAtomically(out.resolve("table.md"), markdown(results, column, header));
        top.out.print(markdown(results, column, header));
        top.out.println();
        top.out.println("Wrote " + out.resolve("table.md") + ", " + out.resolve("table.csv") + " and "
                + out.resolve("runs.jsonl"));
        return 0;
    }

    private MovieLensConfig config(Row row, SplitSpec spec, double v, long seed) {
        Double lr = row.optimizer().equals("adam") ? adamLr : gdLr;
        String penalty = row.penalised() ? "ratio" : "none";
        return new MovieLensConfig(row.model(), 1, 1e-3, 0, EmbeddingModel.DEFAULT_DIMENSION, row.optimizer(), lr,
                new TreeMap<>(), penalty, new TreeMap<>(), lambda, lambdaUser, lambdaItem, List.of(), spec, v, seed,
                epochs, iterations, evalEvery, EmbeddingObjective.DEFAULT_BATCH, scaling, protocol, patience);
    }

    /**
     * The runs of one row.
     *
     * @param row      the row
     * @param rmse     test RMSE per seed
     * @param seconds  wall time per seed
     * @param selected selected epoch (embedding) or step (network) per seed
     */
    record Result(Row row, List<Double> rmse, List<Double> seconds, List<Double> selected) {
        double mean(List<Double> xs) {
            return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** @return the sample standard deviation (n − 1), 0 for a single seed */
        double std(List<Double> xs) {
            if (xs.size() < 2) {
                return 0;
            }
            double m = mean(xs);
            double s = 0;
            for (double x : xs) {
                s += (x - m) * (x - m);
            }
            return Math.sqrt(s / (xs.size() - 1));
        }

        double published(String column) {
            return column.equals("90:10") ? row.published9() : column.equals("80:20") ? row.published8() : Double.NaN;
        }
    }

    static String markdown(List<Result> results, String column, String header) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!-- ").append(header).append(" -->\n");
        sb.append("| # | model / optimizer | published").append(column.isEmpty() ? "" : " (" + column + ")")
                .append(" | Tacit test RMSE (mean ± std) | per seed | selected epoch / step | seconds per run |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %.3f ± %.3f | %s | %s | %.1f |%n", r.row().number(),
                    r.row().title(), Double.isNaN(r.published(column)) ? "–"
                            : String.format(Locale.ROOT, "%.3f", r.published(column)),
                    r.mean(r.rmse()), r.std(r.rmse()), join(r.rmse(), "%.3f"), join(r.selected(), "%.4g"),
                    r.mean(r.seconds())));
        }
        return sb.toString();
    }

    static String csv(List<Result> results, String column) {
        StringBuilder sb = new StringBuilder("row,model,optimizer,penalty,published,mean_test_rmse,std_test_rmse,"
                + "seeds,test_rmse_per_seed,selected_per_seed,mean_seconds\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%.5f,%.5f,%d,%s,%s,%.2f%n", r.row().number(),
                    r.row().model(), r.row().optimizer(), r.row().penalised() ? "ratio" : "none",
                    Double.isNaN(r.published(column)) ? "" : String.format(Locale.ROOT, "%.3f", r.published(column)),
                    r.mean(r.rmse()), r.std(r.rmse()), r.rmse().size(),
                    join(r.rmse(), "%.5f").replace(", ", ";"), join(r.selected(), "%.4g").replace(", ", ";"),
                    r.mean(r.seconds())));
        }
        return sb.toString();
    }

    private static String join(List<Double> xs, String format) {
        return String.join(", ", xs.stream().map(x -> String.format(Locale.ROOT, format, x)).toList());
    }
}
