package dev.tacit.app;

import dev.tacit.data.io.Json;
import dev.tacit.data.ratings.RatingsReader;
import dev.tacit.study.model.SavedModel;
import dev.tacit.study.model.Scores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tacit evaluate}: a saved model's errors and top-K recommendation quality on held-out ratings. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a saved model on held-out ratings: RMSE and MAE of its predictions, and precision, "
                + "recall, NDCG and MAP of its top-K recommendations, averaged over users (docs/usage.md gives the "
                + "definitions).",
                "A rating is relevant when it is at least --relevance; ratings of users or items the model never "
                        + "saw are counted apart."},
        footer = {"", "Exit codes: 0 done, 2 bad usage, a bad model or a bad ratings file."})
final class EvaluateCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    TacitCommand parent;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model saved by 'tacit fit'.")
    Path modelFile;

    @Option(names = "--ratings", required = true, paramLabel = "FILE", description = "The held-out ratings.")
    Path ratingsFile;

    @Option(names = "--top", defaultValue = "10", paramLabel = "K", description = "K of the ranking metrics. "
            + "Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--relevance", defaultValue = "4", paramLabel = "RATING", description = "The rating at or above "
            + "which a held-out rating is relevant. Default: ${DEFAULT-VALUE}.")
    double relevance;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Mixin
    ReadingOptions reading;

    @Override
    public Integer call() throws IOException {
        if (top < 1) {
            throw new dev.tacit.api.UsageException("--top must be at least 1, got " + top);
        }
        if (!Double.isFinite(relevance)) {
            throw new dev.tacit.api.UsageException("--relevance must be a rating, got " + relevance);
        }
        FitCommand.requireFile("--ratings", ratingsFile);
        SavedModel model = ModelFiles.load(modelFile);
        long t0 = System.nanoTime();
        Scores s = Scores.of(model, FitCommand.heldOut(RatingsReader.read(ratingsFile, reading.options())), top,
                relevance);
        Map<String, Object> m = s.toMap();
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        if (json) {
            parent.out.println(Json.write(m));
        } else {
            parent.out.println("Evaluated " + modelFile + " on " + ratingsFile + ": " + s.ratings() + " ratings"
                    + (s.unknown() > 0 ? " (" + s.unknown() + " more with a user or item the model never saw, left "
                    + "out)" : ""));
            row("RMSE", s.rmse());
            row("MAE", s.mae());
            parent.out.println(String.format(Locale.ROOT, "  top %d, relevant from %s, over %d users:", top,
                    dev.tacit.api.Hyperparameter.format(relevance), s.rankedUsers()));
            row("precision@" + top, s.precision());
            row("recall@" + top, s.recall());
            row("NDCG@" + top, s.ndcg());
            row("MAP@" + top, s.map());
        }
        parent.out.flush();
        return 0;
    }

    private void row(String name, double value) {
        parent.out.println(String.format(Locale.ROOT, "  %-16s %.4f", name, value));
    }
}
