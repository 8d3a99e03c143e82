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

    @Mixin
    RatingOptions training;

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
        return Execution.run(parent, observers, context -> Execution.divergenceAsJson(parent, output,
                config.toMap(Double.NaN), () -> RatingExperiment.run(data, config, catalog, context.events(),
                        context.stopRequested())), outcome -> {
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
        return training.config("0.9");
    }

    private void print(PrintWriter out, RatingConfig c, RatingExperiment.Outcome o) {
        RatingExperiment.Candidate chosen = o.chosenCandidate();
        Trainer.Result r = chosen.result();
        Metrics m = o.scored();
        String what = c.embedding() ? "embedding model (d " + c.dimension() + ")" : "depth-" + c.depth() + " network";
        String lambdas = c.penalty().equals("none") ? "no penalty" : c.embedding()
                ? c.penalty() + " (λ_user " + Report.weight(chosen.lambdaUser()) + ", λ_item "
                + Report.weight(chosen.lambdaItem()) + ")"
                : c.penalty() + " (λ " + Report.weight(chosen.lambdaUser()) + ")";
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
