package dev.tacit.app;

import dev.tacit.api.Metrics;
import dev.tacit.api.TrainingEvent;
import dev.tacit.data.io.AtomicFiles;
import dev.tacit.data.io.Json;
import dev.tacit.data.movielens.MovieLens100k;
import dev.tacit.data.movielens.SplitSpec;
import dev.tacit.optim.models.EmbeddingModel;
import dev.tacit.optim.models.EmbeddingObjective;
import dev.tacit.optim.training.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tacit movielens}: one configuration on MovieLens-100K, under the study's protocol or the honest one. */
@Command(name = "movielens", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model on MovieLens-100K and score it on held-out ratings.",
                "Models: 'embedding', r̂_ui = ⟨P_u, Q_i⟩ + b_u + b_i (d 128, mini-batches of 256, ratio penalties "
                        + "λ_item·R(Q) + λ_user·R(P)); 'lnn', the depth-N network on the 943x1682 rating matrix.",
                "Protocols: 'study' trains a fixed number of epochs (or steps) and scores the end; 'honest' picks "
                        + "the epoch (and λ from --lambda-grid) on validation ratings carved from the training "
                        + "ratings, then scores the test ratings once."},
        subcommands = {MovieLensReproduce.class},
        footer = {"", "Progress goes to standard error; the summary (or the --json object) to standard output.",
                "Exit codes: 0 done, 1 the run failed (for example diverged), 2 bad usage or bad data."})
final class MovieLensCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    TacitCommand parent;

    @CommandLine.Mixin
    MovieLensData source;

    @Option(names = "--model", defaultValue = "embedding",
            description = "embedding or lnn. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--depth", defaultValue = "1", description = "lnn: depth N. Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(names = "--init-scale", defaultValue = "1e-3",
            description = "lnn: scale of W at initialisation. Default: ${DEFAULT-VALUE}.")
    double initScale;

    @Option(names = "--init-rank", defaultValue = "0", description = "lnn: start from the rank-R spectral estimate "
            + "of the training ratings (zero-filled, truncated, scaled by least squares on the training ratings), "
            + "plus the random start; 0 for the random start alone. Default: ${DEFAULT-VALUE}.")
    int initRank;

    @Option(names = "--dimension", defaultValue = "" + EmbeddingModel.DEFAULT_DIMENSION,
            description = "embedding: width d. Default: ${DEFAULT-VALUE}.")
    int dimension;

    @Option(names = "--batch-size", defaultValue = "" + EmbeddingObjective.DEFAULT_BATCH,
            description = "embedding: ratings per mini-batch. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adam", description = "Optimizer name. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate. Default: the optimizer's own (Adam 1e-3, GD 1e-2).")
    Double lr;

    @Option(names = "--opt", paramLabel = "KEY=VALUE", description = "Optimizer hyperparameter, repeatable.")
    Map<String, String> optimizerSettings = new TreeMap<>();

    @Option(names = "--penalty", defaultValue = "ratio",
            description = "Penalty: ratio, nuclear, frobenius, none. Default: ${DEFAULT-VALUE}.")
    String penalty;

    @Option(names = "--penalty-opt", paramLabel = "KEY=VALUE", description = "Penalty hyperparameter, repeatable.")
    Map<String, String> penaltySettings = new TreeMap<>();

    @Option(names = "--lambda", description = "Penalty weight: lnn λ (default 1e-3); embedding: both tables.")
    Double lambda;

    @Option(names = "--lambda-user", description = "embedding: weight of R(P). Default: 1e-5.")
    Double lambdaUser;

    @Option(names = "--lambda-item", description = "embedding: weight of R(Q). Default: 1e-3.")
    Double lambdaItem;

    @Option(names = "--lambda-grid", split = ",", paramLabel = "X,Y,...",
            description = "honest: λ values to choose from on validation ratings (embedding: both tables).")
    List<Double> lambdaGrid = new ArrayList<>();

    @Option(names = "--split", defaultValue = "0.9", description = "Training share (0.9 = 90:10), a release "
            + "split (u1..u5, ua, ub) or kfold:K:I. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--validation", description = "Share of the training ratings held out for validation. "
            + "Default: 0.05 under the honest protocol, 0 under the study's.")
    Double validation;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the split, the initialisation and the batch order. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--epochs", defaultValue = "40", description = "embedding: passes over the training ratings "
            + "(the most under the honest protocol). Default: ${DEFAULT-VALUE}.")
    long epochs;

    @Option(names = "--iterations", defaultValue = "1000", description = "lnn: full-batch steps (the most under the "
            + "honest protocol). Default: ${DEFAULT-VALUE}.")
    long iterations;

    @Option(names = "--eval-every", defaultValue = "100",
            description = "lnn: steps between evaluations. Default: ${DEFAULT-VALUE}.")
    long evalEvery;

    @Option(names = "--scaling", defaultValue = "none",
            description = "Rating scaling for training: none, center, zscore, minmax, or biases (minus the baseline "
                    + "μ + b_user + b_item fitted on the training ratings). Default: ${DEFAULT-VALUE}.")
    String scaling;

    @Option(names = "--protocol", defaultValue = "study", description = "study or honest. Default: ${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--patience", defaultValue = "5", description = "honest: evaluations without a better "
            + "validation RMSE before stopping. Default: ${DEFAULT-VALUE}.")
    long patience;

    @Option(names = "--curve", paramLabel = "FILE.csv", description = "Also write the learning curve(s) as CSV.")
    Path curveFile;

    @Option(names = "--json", description = "Print one JSON object with the results and configuration on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() {
        MovieLensConfig config = config();
        MovieLens100k data = source.load();
        MovieLensProgress progress = new MovieLensProgress(parent.err, quiet, config.embedding());
        MovieLensExperiment.Outcome outcome = MovieLensExperiment.run(data, config, progress);
        if (curveFile != null) {
            writeCurves(curveFile, outcome);
        }
        Map<String, Object> report = report(data, config, outcome);
        if (json) {
            parent.out.println(Json.write(report));
        } else {
            print(parent.out, config, outcome);
        }
        return 0;
    }

    MovieLensConfig config() {
        SplitSpec spec = SplitSpec.parse(split);
        boolean honest = protocol.equals("honest");
        double v = validation != null ? validation : honest ? 0.05 : 0;
        double lu = lambdaUser != null ? lambdaUser : lambda != null ? lambda : 1e-5;
        double li = lambdaItem != null ? lambdaItem : lambda != null ? lambda : 1e-3;
        return new MovieLensConfig(model, depth, initScale, initRank, dimension, optimizer, lr, optimizerSettings,
                penalty, penaltySettings, lambda != null ? lambda : 1e-3, lu, li, lambdaGrid, spec, v, seed, epochs,
                iterations, evalEvery, batchSize, scaling, protocol, patience);
    }

    /** The JSON object of a run: results first, then the data, the candidates, the curve and the configuration. */
    static Map<String, Object> report(MovieLens100k data, MovieLensConfig config, MovieLensExperiment.Outcome o) {
        MovieLensExperiment.Candidate chosen = o.chosenCandidate();
        Trainer.Result r = chosen.result();
        Metrics m = o.scored();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("train_rmse", m.trainRmse());
        out.put("validation_rmse", m.validationRmse());
        out.put("test_rmse", m.testRmse());
        out.put("seconds", o.seconds());
        out.put("iterations", r.end().iteration());
        out.put("selected_iteration", r.selection().iteration());
        if (config.embedding()) {
            out.put("epochs_run", (double) r.end().iteration() / o.iterationsPerEpoch());
            out.put("selected_epoch", (double) r.selection().iteration() / o.iterationsPerEpoch());
        }
        out.put("stop_reason", r.selection().reason());
        out.put("ms_per_iteration", r.end().iteration() == 0 ? Double.NaN : 1e3 * r.seconds() / r.end().iteration());
        out.put("peak_heap_mb", peakHeapMegabytes());
        if (config.embedding()) {
            out.put("lambda_user", chosen.lambdaUser());
            out.put("lambda_item", chosen.lambdaItem());
        } else {
            out.put("lambda", chosen.lambdaUser());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("location", data.location());
        d.put("u_data_sha256", data.sha256());
        d.put("official", data.official());
        d.put("users", data.users());
        d.put("items", data.items());
        d.put("ratings", data.size());
        d.put("split", o.problemName());
        d.put("train", o.sizes()[0]);
        d.put("validation", o.sizes()[1]);
        d.put("test", o.sizes()[2]);
        out.put("data", d);
        List<Object> candidates = new ArrayList<>();
        for (MovieLensExperiment.Candidate c : o.candidates()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("lambda_user", c.lambdaUser());
            cm.put("lambda_item", c.lambdaItem());
            cm.put("selected_iteration", c.result().selection().iteration());
            cm.put("validation_rmse", c.selected().validationRmse());
            cm.put("train_rmse", c.selected().trainRmse());
            cm.put("iterations", c.result().end().iteration());
            cm.put("seconds", c.result().seconds());
            candidates.add(cm);
        }
        out.put("candidates", candidates);
        List<Object> curve = new ArrayList<>();
        for (MovieLensExperiment.Point p : chosen.curve()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("iteration", p.iteration());
            pm.put("epoch", p.epoch());
            pm.put("seconds", p.seconds());
            pm.put("loss", p.loss());
            pm.put("train_rmse", p.trainRmse());
            pm.put("validation_rmse", p.validationRmse());
            pm.put("test_rmse", p.testRmse());
            curve.add(pm);
        }
        out.put("curve", curve);
        out.put("config", config.toMap(o.learningRate()));
        return out;
    }

    /** @return the summed peak usage of the heap's memory pools since the JVM started, in MB */
    static double peakHeapMegabytes() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1e6;
    }

    private void print(PrintWriter out, MovieLensConfig c, MovieLensExperiment.Outcome o) {
        MovieLensExperiment.Candidate chosen = o.chosenCandidate();
        Trainer.Result r = chosen.result();
        Metrics m = o.scored();
        String what = c.embedding() ? "embedding model (d " + c.dimension() + ")" : "depth-" + c.depth() + " network";
        String lambdas = c.penalty().equals("none") ? "no penalty" : c.embedding()
                ? String.format(Locale.ROOT, "%s (λ_user %.3g, λ_item %.3g)", c.penalty(), chosen.lambdaUser(),
                chosen.lambdaItem())
                : String.format(Locale.ROOT, "%s (λ %.3g)", c.penalty(), chosen.lambdaUser());
        out.println("Trained the " + what + ", " + c.optimizer() + " (lr " + o.learningRate() + "), " + lambdas
                + " on " + o.problemName());
        row(out, "ratings", o.sizes()[0] + " train, " + o.sizes()[1] + " validation, " + o.sizes()[2] + " test");
        row(out, "protocol", c.honest() ? "honest: epoch" + (c.lambdaGrid().isEmpty() ? "" : " and λ")
                + " chosen on validation ratings, test scored once" : "study: fixed budget, final model scored");
        String unit = c.embedding() ? "epoch" : "step";
        double per = o.iterationsPerEpoch();
        row(out, "selected", String.format(Locale.ROOT, "%s %.4g of %.4g run (%s)", unit,
                r.selection().iteration() / per, r.end().iteration() / per, r.selection().reason()));
        row(out, "train RMSE", String.format(Locale.ROOT, "%.4f", m.trainRmse()));
        if (m.hasValidationRmse()) {
            row(out, "validation RMSE", String.format(Locale.ROOT, "%.4f", m.validationRmse()));
        }
        row(out, "test RMSE", String.format(Locale.ROOT, "%.4f", m.testRmse()));
        row(out, "seconds", String.format(Locale.ROOT, "%.1f (%.3f ms per step)", o.seconds(),
                1e3 * r.seconds() / Math.max(1, r.end().iteration())));
    }

    private static void row(PrintWriter out, String name, String value) {
        out.println(String.format(Locale.ROOT, "  %-16s %s", name, value));
    }

    /** Writes every candidate's curve to a CSV file, atomically (a temporary file renamed into place). */
    static void writeCurves(Path file, MovieLensExperiment.Outcome o) {
        StringBuilder sb = new StringBuilder("lambda_user,lambda_item,iteration,epoch,seconds,loss,train_rmse,"
                + "validation_rmse,test_rmse\n");
        for (MovieLensExperiment.Candidate c : o.candidates()) {
            for (MovieLensExperiment.Point p : c.curve()) {
                sb.append(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.3f,%s,%s,%s,%s%n", c.lambdaUser(),
                        c.lambdaItem(), p.iteration(), p.epoch(), p.seconds(), num(p.loss()), num(p.trainRmse()),
                        num(p.validationRmse()), num(p.testRmse())));
            }
        }
        writeAtomically(file, sb.toString());
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    /** Writes a file atomically ({@link AtomicFiles}), creating its directory, so a reader never sees half of it. */
    static void writeAtomically(Path file, String content) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            AtomicFiles.writeString(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Progress on standard error: one line per evaluation, and the selection at the end of each candidate. */
    static final class MovieLensProgress implements Consumer<TrainingEvent> {
        private final PrintWriter err;
        private final boolean quiet;
        private final boolean epochs;
        private long planned;
        private String label = "";
        private long perEpoch = 1;

        MovieLensProgress(PrintWriter err, boolean quiet, boolean epochs) {
            this.err = err;
            this.quiet = quiet;
            this.epochs = epochs;
        }

        @Override
        public void accept(TrainingEvent event) {
            if (quiet) {
                return;
            }
            if (event instanceof TrainingEvent.RunStarted s) {
                planned = s.iterations();
                Map<String, String> c = s.configuration();
                perEpoch = epochs ? Math.max(1, planned / Long.parseLong(c.getOrDefault("epochs", "1"))) : 1;
                label = c.get("model") + " " + c.get("optimizer") + " " + (c.get("penalty").equals("none") ? "none"
                        : c.get("penalty") + (epochs ? " λ_u " + c.get("lambda_user") + " λ_i " + c.get("lambda_item")
                        : " λ " + c.get("lambda_user")));
            } else if (event instanceof TrainingEvent.Evaluated e) {
                Metrics m = e.metrics();
                String at = epochs ? String.format(Locale.ROOT, "epoch %d/%d", e.iteration() / perEpoch,
                        planned / perEpoch) : String.format(Locale.ROOT, "step %d/%d", e.iteration(), planned);
                err.println(String.format(Locale.ROOT, "[%s] %s  loss %.4f  train %.4f  valid %s  test %s  %.1fs",
                        label, at, m.loss(), m.trainRmse(), fmt(m.validationRmse()), fmt(m.testRmse()), e.seconds()));
            } else if (event instanceof TrainingEvent.RunFinished f) {
                err.println("[" + label + "] finished at " + (epochs ? "epoch " + f.iteration() / perEpoch
                        : "step " + f.iteration()) + " (" + f.reason() + ")");
            }
        }

        private static String fmt(double v) {
            return Double.isNaN(v) ? "  -   " : String.format(Locale.ROOT, "%.4f", v);
        }
    }
}
