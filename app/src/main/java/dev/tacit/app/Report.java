package dev.tacit.app;

import dev.tacit.api.CompletionResult;
import dev.tacit.api.Convergence;
import dev.tacit.api.Metrics;
import dev.tacit.api.StopReason;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The result of a run as the user sees it, the same for every completion method: a short summary, or one JSON object.
 *
 * @param result              the method's result
 * @param targetEffectiveRank effective rank of the ground truth
 * @param configuration       every setting of the run
 */
record Report(CompletionResult result, double targetEffectiveRank, Map<String, Object> configuration) {

    /** @return the JSON keys: metrics, then how the run ended, then the configuration under "config" */
    Map<String, Object> toMap() {
        Metrics m = result.metrics();
        Convergence c = result.convergence();
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
        out.put("iterations", c.iterations());
        out.put("seconds", result.seconds());
        out.put("ms_per_iteration", msPerIteration());
        out.put("converged", c.converged());
        out.put("stop_reason", c.status().label());
        out.put("max_iterations", c.maxIterations());
        out.put("criterion", c.criterion());
        out.put("tolerance", c.tolerance());
        out.put("criterion_value", c.finalValue());
        out.put("diagnostics", c.diagnostics());
        out.put("config", configuration);
        return out;
    }

    private double msPerIteration() {
        long iterations = result.convergence().iterations();
        return iterations == 0 ? Double.NaN : 1e3 * result.seconds() / iterations;
    }

    /**
     * @param out      where to print
     * @param headline the first line, saying what ran on what
     */
    void print(PrintWriter out, String headline) {
        Metrics m = result.metrics();
        Convergence c = result.convergence();
        out.println(headline);
        row(out, "iterations", Long.toString(c.iterations()));
        if (c.status() != StopReason.PLANNED) {
            row(out, "stopped", String.format(Locale.ROOT, "%s after %d of at most %d iterations: %s %.3g (tolerance "
                    + "%.3g)", c.status().label(), c.iterations(), c.maxIterations(), c.criterion(), c.finalValue(),
                    c.tolerance()));
        }
        row(out, "seconds", String.format(Locale.ROOT, "%.2f (%.3f ms per iteration)", result.seconds(),
                msPerIteration()));
        row(out, "train RMSE", String.format(Locale.ROOT, "%.4e", m.trainRmse()));
        row(out, "test RMSE", String.format(Locale.ROOT, "%.4e", m.testRmse()));
        if (m.hasRelativeError()) {
            row(out, "relative error", String.format(Locale.ROOT, "%.4e", m.relativeError()));
        }
        row(out, "effective rank", String.format(Locale.ROOT, "%.3f (ground truth %.3f)", m.effectiveRank(),
                targetEffectiveRank));
        row(out, "top singular values", m.topSingularValues().stream()
                .map(v -> String.format(Locale.ROOT, "%.4g", v)).toList().toString());
        if (!c.diagnostics().isEmpty()) {
            row(out, "diagnostics", c.diagnostics().entrySet().stream()
                    .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4g", e.getValue()))
                    .collect(Collectors.joining(", ")));
        }
    }

    /**
     * @param lambda a penalty weight
     * @return it with three significant digits, and "0" for no penalty rather than "0.00"
     */
    static String weight(double lambda) {
        return lambda == 0 ? "0" : String.format(Locale.ROOT, "%.3g", lambda);
    }

    private static void row(PrintWriter out, String name, String value) {
        out.println(String.format(Locale.ROOT, "  %-20s %s", name, value));
    }
}
