package dev.tacit.app;

import dev.tacit.algebra.Spectra;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.data.Seeds;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one completion method on the synthetic problem with its observers and prints the report: the part every
 * command that completes a matrix shares.
 */
final class Execution {

    private Execution() {
    }

    /**
     * @param parent   the top-level command, for its output streams
     * @param method   what completes the matrix
     * @param data     the synthetic problem's options
     * @param output     how to report
     * @param monitoring the observers to attach (event log, metrics endpoint)
     * @param tags       the run's metric tags
     * @param config   the run's settings so far; the seed is added last
     * @param headline the summary's first line, given the problem
     * @return the exit code: 0, or 1 if the event log is incomplete
     */
    static int run(TacitCommand parent, CompletionMethod method, SyntheticOptions data, OutputOptions output,
                   MonitoringOptions monitoring, Map<String, String> tags, Map<String, Object> config,
                   Function<CompletionProblem, String> headline) {
        CompletionProblem problem = data.synthetic().problem();
        config.put("seed", data.seed);
        Monitoring observers = Monitoring.open(monitoring, output.quiet, parent.err, tags);
        CompletionResult result = observers.observe(events ->
                method.complete(problem, Seeds.stream(data.seed, Seeds.Purpose.INIT), events));
        double targetRank = Spectra.effectiveRank(problem.truth().orElseThrow());
        Report report = new Report(result, targetRank, config);
        if (output.json) {
            parent.out.println(Json.write(report.toMap()));
        } else {
            report.print(parent.out, headline.apply(problem));
        }
        return observers.finish(parent.out);
    }

    /**
     * The bounded tags every metric of a run carries. A completion method that is not a network reports its name as
     * the optimizer, no penalty and depth 0, so every run exposes the same tag keys.
     *
     * @param optimizer the optimizer, or the completion method's name
     * @param penalty   the penalty
     * @param depth     the network depth, 0 for other methods
     * @return the tags
     */
    static Map<String, String> tags(String optimizer, String penalty, int depth) {
        return Map.of("optimizer", optimizer, "penalty", penalty, "depth", Integer.toString(depth),
                "dataset", "synthetic");
    }
}
