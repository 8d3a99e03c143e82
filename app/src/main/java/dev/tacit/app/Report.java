package dev.tacit.app;

import dev.tacit.api.Metrics;
import dev.tacit.optim.Trainer;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a training run as the user sees it: a short summary, or one JSON object.
 *
 * @param result             the training result
 * @param targetEffectiveRank effective rank of the ground truth
 * @param configuration      every setting of the run
 */
record Report(Trainer.Result result, double targetEffectiveRank, Map<String, Object> configuration) {

    /** @return the JSON keys: metrics first, then the configuration under "config" */
    Map<String, Object> toMap() {
        Metrics m = result.metrics();
        long iterations = result.end().iteration();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("train_rmse", m.trainRmse());
        out.put("test_rmse", m.testRmse());
        out.put("relative_error", m.relativeError());
        out.put("effective_rank", m.effectiveRank());
        out.put("target_effective_rank", targetEffectiveRank);
        out.put("loss", m.loss());
        out.put("penalty", m.penalty());
        out.put("nuclear_norm", m.nuclearNorm());
        out.put("top_singular_values", m.topSingularValues());
        out.put("iterations", iterations);
        out.put("seconds", result.seconds());
        out.put("ms_per_iteration", iterations == 0 ? Double.NaN : 1e3 * result.seconds() / iterations);
        out.put("config", configuration);
        return out;
    }

    void print(PrintWriter out, String title) {
        Metrics m = result.metrics();
        long iterations = result.end().iteration();
        out.println("Trained " + title);
        row(out, "iterations", Long.toString(iterations));
        row(out, "seconds", String.format(Locale.ROOT, "%.2f (%.3f ms per iteration)", result.seconds(),
                iterations == 0 ? Double.NaN : 1e3 * result.seconds() / iterations));
        row(out, "train RMSE", String.format(Locale.ROOT, "%.4e", m.trainRmse()));
        row(out, "test RMSE", String.format(Locale.ROOT, "%.4e", m.testRmse()));
        if (m.hasRelativeError()) {
            row(out, "relative error", String.format(Locale.ROOT, "%.4e", m.relativeError()));
        }
        row(out, "effective rank", String.format(Locale.ROOT, "%.3f (ground truth %.3f)", m.effectiveRank(),
                targetEffectiveRank));
        row(out, "top singular values", m.topSingularValues().stream()
                .map(v -> String.format(Locale.ROOT, "%.4g", v)).toList().toString());
    }

    private static void row(PrintWriter out, String name, String value) {
        out.println(String.format(Locale.ROOT, "  %-20s %s", name, value));
    }
}
