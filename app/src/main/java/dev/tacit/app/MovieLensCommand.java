package dev.tacit.app;

import dev.tacit.api.Metrics;
import dev.tacit.data.io.Json;
import dev.tacit.data.movielens.MovieLens100k;
import dev.tacit.data.movielens.SplitSpec;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.models.EmbeddingModel;
import dev.tacit.optim.models.EmbeddingObjective;
import dev.tacit.optim.models.ModelKind;
import dev.tacit.optim.models.Scaling;
import dev.tacit.optim.training.Trainer;
import dev.tacit.study.Protocol;
import dev.tacit.study.RatingConfig;
import dev.tacit.study.RatingExperiment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    ModelKind model;

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
    Scaling.Kind scaling;

    @Option(names = "--protocol", defaultValue = "study",
            description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Protocol protocol;

    @Option(names = "--patience", defaultValue = "5", description = "honest: evaluations without a better "
            + "validation RMSE before stopping. Default: ${DEFAULT-VALUE}.")
    long patience;

    @Option(names = "--curve", paramLabel = "FILE.csv", description = "Also write the learning curve(s) as CSV.")
    Path curveFile;

    @Mixin
    OutputOptions output;

    @Mixin
    MonitoringOptions monitoring;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        RatingConfig config = config();
        Catalog catalog = plugins.catalog(parent.err);
        Optional<Path> curve = Optional.ofNullable(curveFile).map(f -> OutputFiles.check("--curve", f));
        MovieLens100k data = source.load();
        Execution.Observers observers = Execution.Observers.of(monitoring, output.quiet, tags(config));
        return Execution.run(parent, observers, context -> RatingExperiment.run(data, config, catalog,
                context.events(), context.stopRequested()), outcome -> {
                    if (output.json) {
                        parent.out.println(Json.write(outcome.toMap(data, config)));
                    } else {
                        print(parent.out, config, outcome);
                    }
                    parent.out.flush();
                    curve.ifPresent(f -> OutputFiles.write(parent.err, "--curve", f, outcome.curvesCsv()));
                });
    }

    /**
     * @param config a configuration
     * @return the bounded metric tags of its runs
     */
    static Map<String, String> tags(RatingConfig config) {
        return Execution.tags(config.optimizer(), config.penalty(), config.embedding() ? 0 : config.depth(),
                "movielens-100k");
    }

    RatingConfig config() {
        SplitSpec spec = SplitSpec.parse(split);
        boolean honest = protocol == Protocol.HONEST;
        double v = validation != null ? validation : honest ? 0.05 : 0;
        double lu = lambdaUser != null ? lambdaUser : lambda != null ? lambda : 1e-5;
        double li = lambdaItem != null ? lambdaItem : lambda != null ? lambda : 1e-3;
        return new RatingConfig(model, depth, initScale, initRank, dimension, optimizer, lr, optimizerSettings,
                penalty, penaltySettings, lambda != null ? lambda : 1e-3, lu, li, lambdaGrid, spec, v, seed, epochs,
                iterations, evalEvery, batchSize, scaling, protocol, patience);
    }

    private void print(PrintWriter out, RatingConfig c, RatingExperiment.Outcome o) {
        RatingExperiment.Candidate chosen = o.chosenCandidate();
        Trainer.Result r = chosen.result();
        Metrics m = o.scored();
        String what = c.embedding() ? "embedding model (d " + c.dimension() + ")" : "depth-" + c.depth() + " network";
        String lambdas = c.penalty().equals("none") ? "no penalty" : c.embedding()
                ? String.format(Locale.ROOT, "%s (λ_user %.3g, λ_item %.3g)", c.penalty(), chosen.lambdaUser(),
                chosen.lambdaItem())
                : String.format(Locale.ROOT, "%s (λ %.3g)", c.penalty(), chosen.lambdaUser());
        out.println("Trained the " + what + ", " + c.optimizer() + " (lr " + o.learningRate() + "), " + lambdas
                + " on " + o.problemName());
        row(out, "ratings", o.sizes().train() + " train, " + o.sizes().validation() + " validation, "
                + o.sizes().test() + " test");
        row(out, "protocol", c.honest() ? "honest: epoch" + (c.lambdaGrid().isEmpty() ? "" : " and λ")
                + " chosen on validation ratings, test scored once" : "study: fixed budget, final model scored");
        String unit = c.embedding() ? "epoch" : "step";
        double per = o.iterationsPerEpoch();
        row(out, "selected", String.format(Locale.ROOT, "%s %.4g of %.4g run (%s)", unit,
                r.selection().iteration() / per, r.end().iteration() / per, r.selection().reason().label()));
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
}
