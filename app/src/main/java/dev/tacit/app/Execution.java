package dev.tacit.app;

import dev.tacit.algebra.Spectra;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.TrainingEvent;
import dev.tacit.data.Seeds;
import dev.tacit.data.io.AtomicFiles;
import dev.tacit.data.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one completion method on the synthetic problem with its observers and prints the report: the part every
 * command that completes a matrix shares.
 */
final class Execution {

    private Execution() {
    }

    /**
     * @param parent     the top-level command, for its output streams
     * @param method     what completes the matrix
     * @param data       the synthetic problem's options
     * @param output     how to report
     * @param monitoring the observers to attach (event log, metrics endpoint)
     * @param tags       the run's metric tags
     * @param config     the run's settings so far; the seed is added last
     * @param headline   the summary's first line, given the problem
     * @return the exit code: 0, or 1 if the event log is incomplete
     */
    static int run(TacitCommand parent, Completion method, SyntheticOptions data, OutputOptions output,
                   MonitoringOptions monitoring, Map<String, String> tags, Map<String, Object> config,
                   Function<CompletionProblem, String> headline) {
        return run(parent, method, data, output, monitoring, tags, config, headline, Optional.empty());
    }

    /**
     * As {@link #run(TacitCommand, Completion, SyntheticOptions, OutputOptions, MonitoringOptions, Map, Map,
     * Function)}, also writing the result's JSON atomically to a file.
     *
     * @param parent     the top-level command, for its output streams
     * @param method     what completes the matrix
     * @param data       the synthetic problem's options
     * @param output     how to report
     * @param monitoring the observers to attach (event log, metrics endpoint)
     * @param tags       the run's metric tags
     * @param config     the run's settings so far; the seed is added last
     * @param headline   the summary's first line, given the problem
     * @param resultFile where to write the result's JSON too, if anywhere
     * @return the exit code: 0, or 1 if the event log is incomplete
     */
    static int run(TacitCommand parent, Completion method, SyntheticOptions data, OutputOptions output,
                   MonitoringOptions monitoring, Map<String, String> tags, Map<String, Object> config,
                   Function<CompletionProblem, String> headline, Optional<Path> resultFile) {
        CompletionProblem problem = data.synthetic().problem();
        config.put("seed", data.seed);
        Monitoring observers = Monitoring.open(monitoring, output.quiet, parent.err, tags);
        CompletionResult result = observers.observe(events ->
                method.complete(problem, Seeds.stream(data.seed, Seeds.Purpose.INIT), events));
        double targetRank = Spectra.effectiveRank(problem.truth().orElseThrow());
        Report report = new Report(result, targetRank, config);
        String json = Json.write(report.toMap());
        if (resultFile.isPresent()) {
            try {
                AtomicFiles.writeString(resultFile.get(), json + "\n");
            } catch (IOException e) {
                parent.err.println("tacit: cannot write " + resultFile.get() + ": " + e.getMessage());
            }
        }
        if (output.json) {
            parent.out.println(json);
        } else {
            report.print(parent.out, headline.apply(problem));
        }
        return observers.finish(parent.out);
    }

    /** Completes a matrix: {@link CompletionMethod#complete}, or a network run that resumes or checkpoints. */
    @FunctionalInterface
    interface Completion {
        /**
         * @param problem the data
         * @param random  the initialisation's random source
         * @param events  receives the run's events
         * @return the result
         */
        CompletionResult complete(CompletionProblem problem, SplittableRandom random, Consumer<TrainingEvent> events);
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
