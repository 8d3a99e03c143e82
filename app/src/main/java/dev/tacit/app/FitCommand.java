package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.data.io.Json;
import dev.tacit.data.ratings.ItemTitles;
import dev.tacit.data.ratings.RatingFile;
import dev.tacit.data.ratings.Ratings;
import dev.tacit.data.ratings.RatingsReader;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.models.ModelKind;
import dev.tacit.study.RatingConfig;
import dev.tacit.study.RatingExperiment;
import dev.tacit.study.model.SavedModel;
import dev.tacit.study.model.Scores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tacit fit}: trains a model on the user's own ratings file under the honest protocol (unless told otherwise),
 * scores a test file once if one is given, and saves the model for {@code predict}, {@code recommend},
 * {@code evaluate} and {@code serve}.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model on a ratings file (user, item, rating[, timestamp]: any delimiter, with or without "
                + "a header, .gz read as is) and save it.",
                "By default: the embedding model under the honest protocol (5%% of the training ratings held out for "
                        + "validation, early stopping, λ chosen from a grid), the best honest setting measured on "
                        + "MovieLens; --test FILE is scored once at the end."},
        footer = {"", "Progress goes to standard error; the summary (or the --json object) to standard output.",
                "Exit codes: 0 done, 1 the run failed, 2 bad usage or a bad input file."})
final class FitCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    TacitCommand parent;

    @Option(names = "--ratings", required = true, paramLabel = "FILE", description = "The training ratings.")
    Path ratingsFile;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to save the model (a NumPy "
            + ".npz archive, docs/model-format.md).")
    Path out;

    @Option(names = "--test", paramLabel = "FILE", description = "Held-out ratings, in the same layout, scored once "
            + "at the end; users or items the model never saw get the baseline prediction.")
    Path testFile;

    @Option(names = "--items", paramLabel = "FILE", description = "Item titles (MovieLens u.item, movies.csv or "
            + "movies.dat), kept in the model for 'tacit serve' and 'recommend'.")
    Path itemsFile;

    @Mixin
    ReadingOptions reading;

    @Mixin
    RatingOptions training;

    @Mixin
    OutputOptions output;

    @Mixin
    MonitoringOptions monitoring;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() throws IOException {
        RatingConfig config = training.config("all");
        if (testFile != null && !(config.split() instanceof dev.tacit.data.movielens.SplitSpec.All)) {
            throw new UsageException("--test gives the test ratings, so --split " + config.split().text() + " would "
                    + "hold out a second test part; drop one of them");
        }
        Path model = OutputFiles.check("--out", out);
        requireFile("--ratings", ratingsFile);
        if (testFile != null) {
            requireFile("--test", testFile);
        }
        if (itemsFile != null) {
            requireFile("--items", itemsFile);
        }
        Catalog catalog = plugins.catalog(parent.err);
        long t0 = System.nanoTime();
        Ratings ratings = RatingsReader.read(ratingsFile, reading.options());
        if (!output.quiet) {
            parent.err.println("tacit: read " + ratings.statistics() + " (" + ratings.layout().describe() + ")");
            parent.err.flush();
        }
        RatingFile data = RatingFile.of(ratings);
        if (config.model() == ModelKind.LNN) {
            requireNetworkFits(data.users(), data.items());
        }
        List<Scores.Rating> held = testFile == null ? List.of() : heldOut(RatingsReader.read(testFile,
                reading.options()));
        String[] titles = itemsFile == null ? null : titles(ItemTitles.read(itemsFile), data);
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        Execution.Observers observers = Execution.Observers.of(monitoring, output.quiet,
                Execution.tags(config.optimizer(), config.penalty(), config.embedding() ? 0 : config.depth(),
                        "ratings-file"));
        return Execution.run(parent, observers, context -> RatingExperiment.run(data, config, catalog,
                context.events(), context.stopRequested()), outcome -> {
                    RatingExperiment.Candidate chosen = outcome.chosenCandidate();
                    Map<String, Object> report = outcome.toMap(data, config);
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("settings", config.toMap(outcome.learningRate()));
                    metadata.put("training_data", data.describe());
                    Map<String, Object> metrics = new LinkedHashMap<>();
                    metrics.put("train_rmse", outcome.scored().trainRmse());
                    metrics.put("validation_rmse", outcome.scored().validationRmse());
                    metadata.put("metrics", metrics);
                    SavedModel saved = SavedModel.of(config.model(), outcome.model(), chosen.result().selection()
                            .params(), outcome.scaling(), data, outcome.seen(), titles, metadata);
                    Map<String, Object> results = new LinkedHashMap<>();
                    results.put("train_rmse", outcome.scored().trainRmse());
                    results.put("validation_rmse", outcome.scored().validationRmse());
                    if (testFile != null) {
                        Scores scores = scoreHeldOut(saved, held);
                        results.put("test_rmse", scores.rmse());
                        results.put("test_mae", scores.mae());
                        results.put("test_ratings", held.size());
                        results.put("test_unknown", scores.unknown());
                        metrics.put("test_rmse", scores.rmse());
                    } else if (outcome.sizes().test() > 0) {
                        results.put("test_rmse", outcome.scored().testRmse());
                        metrics.put("test_rmse", outcome.scored().testRmse());
                    }
                    results.put("seconds", outcome.seconds() + readSeconds);
                    results.put("read_seconds", readSeconds);
                    results.put("ratings", data.size());
                    results.put("users", data.users());
                    results.put("items", data.items());
                    results.put("model", model.toString());
                    report.remove("train_rmse");
                    report.remove("validation_rmse");
                    report.remove("test_rmse");
                    report.remove("seconds");
                    results.putAll(report);
                    boolean written = save(saved, model);
                    results.put("saved", written);
                    if (output.json) {
                        parent.out.println(Json.write(results));
                    } else {
                        print(results, config, chosen);
                    }
                    parent.out.flush();
                });
    }

    /** Saves the model; a failure is reported and the printed results stand. */
    private boolean save(SavedModel saved, Path model) {
        try {
            saved.save(model, TacitCommand.version());
            return true;
        } catch (IOException | RuntimeException e) {
            parent.err.println("tacit: could not save the model to " + model + " (" + e.getMessage() + "); the "
                    + "results below are complete");
            return false;
        }
    }

    private void print(Map<String, Object> r, RatingConfig c, RatingExperiment.Candidate chosen) {
        var out = parent.out;
        out.println("Fitted the " + (c.embedding() ? "embedding model (d " + c.dimension() + ")" : "depth-" + c.depth()
                + " network") + " on " + ratingsFile + ": " + r.get("ratings") + " ratings of " + r.get("users")
                + " users and " + r.get("items") + " items");
        row("protocol", c.protocol().label() + (c.honest() ? " (λ and the stopping point chosen on "
                + "validation ratings)" : ""));
        row("λ", c.penalty().equals("none") ? "no penalty" : c.embedding() ? "user "
                + Report.weight(chosen.lambdaUser()) + ", item " + Report.weight(chosen.lambdaItem())
                : Report.weight(chosen.lambdaUser()));
        row("train RMSE", String.format(Locale.ROOT, "%.4f", (Double) r.get("train_rmse")));
        if (!Double.isNaN((Double) r.get("validation_rmse"))) {
            row("validation RMSE", String.format(Locale.ROOT, "%.4f", (Double) r.get("validation_rmse")));
        }
        if (r.containsKey("test_rmse")) {
            row("test RMSE", String.format(Locale.ROOT, "%.4f", (Double) r.get("test_rmse"))
                    + (r.containsKey("test_unknown") && ((Number) r.get("test_unknown")).longValue() > 0
                    ? " (" + r.get("test_unknown") + " of " + r.get("test_ratings") + " with a user or item not in "
                    + "training: baseline)" : ""));
        }
        row("seconds", String.format(Locale.ROOT, "%.1f", (Double) r.get("seconds")));
        row("model", Boolean.TRUE.equals(r.get("saved")) ? r.get("model") + "" : "not saved");
    }

    private void row(String name, String value) {
        parent.out.println(String.format(Locale.ROOT, "  %-16s %s", name, value));
    }

    /** RMSE and MAE over every held-out rating, unknown users and items predicted by the baseline. */
    static Scores scoreHeldOut(SavedModel model, List<Scores.Rating> held) {
        double squares = 0;
        double absolute = 0;
        long unknown = 0;
        for (Scores.Rating r : held) {
            SavedModel.Prediction p = model.predict(r.user(), r.item(), SavedModel.Unknown.BASELINE);
            double e = p.value() - r.rating();
            squares += e * e;
            absolute += Math.abs(e);
            unknown += p.known() ? 0 : 1;
        }
        int n = held.size();
        return new Scores(n, unknown, n == 0 ? Double.NaN : Math.sqrt(squares / n), n == 0 ? Double.NaN
                : absolute / n, 0, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** @return the ratings of a file as (user id, item id, rating) */
    static List<Scores.Rating> heldOut(Ratings r) {
        List<Scores.Rating> out = new ArrayList<>(r.size());
        var e = r.entries();
        for (int k = 0; k < e.size(); k++) {
            out.add(new Scores.Rating(r.users().id(e.row(k)), r.items().id(e.col(k)), e.value(k)));
        }
        return out;
    }

    private static String[] titles(ItemTitles titles, RatingFile data) {
        String[] out = new String[data.items()];
        for (int i = 0; i < out.length; i++) {
            out[i] = titles.title(data.itemLabel(i)).orElse("");
        }
        return out;
    }

    /**
     * The largest users × items the network trains on: MovieLens-1M's 6,040 × 3,706 (22.4 M entries) with some room.
     * A step costs a decomposition of the whole matrix (seconds at that size, see docs/performance.md), so anything
     * larger is refused before the data is split, whatever the heap.
     */
    static final long NETWORK_MAX_ENTRIES = 25_000_000;

    /** The network holds the dense users×items matrix several times over; refuse what this JVM cannot hold. */
    private static void requireNetworkFits(int users, int items) {
        long entries = (long) users * items;
        if (entries > NETWORK_MAX_ENTRIES) {
            throw new UsageException(String.format(Locale.ROOT, "--model lnn trains on the dense %d×%d matrix "
                    + "(%,d entries); the largest it takes is %,d (MovieLens-1M's 6040×3706 is 22,384,240), since "
                    + "every step decomposes the whole matrix; use --model embedding, whose step costs in proportion "
                    + "to the batch", users, items, entries, NETWORK_MAX_ENTRIES));
        }
        long needed = entries * MemoryBudget.BYTES_PER_ENTRY;
        long available = Runtime.getRuntime().maxMemory();
        if (entries > Integer.MAX_VALUE || needed > available) {
            throw new UsageException(String.format(Locale.ROOT, "--model lnn trains on the dense %d×%d matrix "
                            + "(%,d entries, about %.1f GB with its gradient, optimizer state and decompositions), "
                            + "more than the %.1f GB this JVM may use; use --model embedding, whose memory grows "
                            + "with the ratings, not with users × items (or raise the limit: TACIT_OPTS=-Xmx%dg)",
                    users, items, entries, needed / 1e9, available / 1e9, (long) Math.ceil(needed * 1.25 / 1e9)));
        }
    }

    static void requireFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException(option + " " + file + " is a directory; give a file");
        }
        if (!Files.isReadable(file)) {
            throw new UsageException(option + " " + file + ": " + (Files.exists(file) ? "cannot be read"
                    : "no such file"));
        }
    }
}
