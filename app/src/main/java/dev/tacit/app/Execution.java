package dev.tacit.app;

import dev.tacit.algebra.Spectra;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.StopReason;
import dev.tacit.api.TrainingEvent;
import dev.tacit.app.pipeline.SweepProgress;
import dev.tacit.data.Seeds;
import dev.tacit.data.io.AtomicFiles;
import dev.tacit.data.io.Json;
import dev.tacit.optim.training.DivergenceException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one run path of every command that trains or completes ({@code train}, {@code complete}, {@code movielens},
 * {@code movielens reproduce}, {@code experiment}): the command resolves its choices from the catalog of
 * {@link PluginOptions} (built-in and plugins) and checks its outputs; then this path installs the signal handling
 * ({@link Interruption}), opens the observers ({@link Monitoring}: console progress, the event log, the metrics
 * endpoint), runs the work with the event sinks and the stop request, waits until the observers have seen every
 * event, hands the result to the command to print, and ends the observers (lingering if asked).
 */
final class Execution {

    private Execution() {
    }

    /**
     * What the work of a command sees of the run path.
     */
    interface Context {
        /** @return where a single run sends its events, in order, from one thread */
        Consumer<TrainingEvent> events();

        /**
         * @param run the name of one of several runs (an experiment's run id)
         * @return where that run sends its events; usable from any thread
         */
        Consumer<TrainingEvent> events(String run);

        /** @return whether a signal asked the command to stop; the work ends early and keeps what it has */
        BooleanSupplier stopRequested();
    }

    /**
     * The work of a command.
     *
     * @param <R> its result
     */
    @FunctionalInterface
    interface Work<R> {
        /**
         * @param context the event sinks and the stop request
         * @return the result
         */
        R run(Context context);
    }

    /**
     * How a run is observed.
     *
     * @param options the monitoring options (event log, metrics endpoint, linger)
     * @param quiet   no console progress
     * @param tags    the bounded tags of every metric
     * @param sweep   for a command of several runs, the progress of the sweep instead of one run's
     */
    record Observers(MonitoringOptions options, boolean quiet, Map<String, String> tags,
                     Optional<SweepProgress> sweep) {

        /**
         * @param options the monitoring options
         * @param quiet   no console progress
         * @param tags    the bounded tags of every metric
         * @return the observers of a single run
         */
        static Observers of(MonitoringOptions options, boolean quiet, Map<String, String> tags) {
            return new Observers(options, quiet, tags, Optional.empty());
        }
    }

    /**
     * Runs the work on the run path and hands its result to the command.
     *
     * @param parent    the top-level command, for its output streams
     * @param observers how the run is observed
     * @param work      what to run
     * @param report    prints the result; it writes its secondary outputs last, so that a failure there cannot lose
     *                  the printed result
     * @param <R>       the result
     * @return the exit code: 0, or 1 if the event log is incomplete
     */
    static <R> int run(TacitCommand parent, Observers observers, Work<R> work, Consumer<R> report) {
        try (Interruption interruption = Interruption.install()) {
            Monitoring monitoring = Monitoring.open(observers.options(), observers.quiet(), parent.err,
                    observers.tags(), observers.sweep(), interruption::requested);
            interruption.arm();
            R result = monitoring.observe(events -> work.run(new Context() {
                @Override
                public Consumer<TrainingEvent> events() {
                    return events;
                }

                @Override
                public Consumer<TrainingEvent> events(String run) {
                    return monitoring.channel(run);
                }

                @Override
                public BooleanSupplier stopRequested() {
                    return interruption::requested;
                }
            }));
            report.accept(result);
            return monitoring.finish(parent.out);
        }
    }

    /**
     * Runs one completion method on the synthetic problem and prints the report every such command shares.
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
    static int synthetic(TacitCommand parent, Completion method, SyntheticOptions data, OutputOptions output,
                         MonitoringOptions monitoring, Map<String, String> tags, Map<String, Object> config,
                         Function<CompletionProblem, String> headline, Optional<Path> resultFile) {
        CompletionProblem problem = data.synthetic().problem();
        config.put("seed", data.seed);
        return run(parent, Observers.of(monitoring, output.quiet, tags), context -> divergenceAsJson(parent, output,
                config, () -> method.complete(problem, Seeds.stream(data.seed, Seeds.Purpose.INIT), context.events(),
                        context.stopRequested())), result -> {
                    double targetRank = Spectra.effectiveRank(problem.truth().orElseThrow());
                    Report report = new Report(result, targetRank, config);
                    String json = Json.write(report.toMap());
                    if (output.json) {
                        parent.out.println(json);
                    } else {
                        report.print(parent.out, headline.apply(problem));
                    }
                    parent.out.flush();
                    resultFile.ifPresent(file -> {
                        try {
                            AtomicFiles.writeString(file, json + "\n");
                        } catch (IOException e) {
                            parent.err.println("tacit: cannot write " + file + ": " + e.getMessage());
                        }
                    });
                });
    }

    /**
     * Runs work that may diverge. With {@code --json}, a diverged run still prints its one JSON object (how it
     * stopped, where, why, what to try, and the configuration) before the failure goes on to its exit code 1 and its
     * message on standard error: a script reading standard output is never left with nothing.
     *
     * @param parent the top-level command, for its output
     * @param output whether {@code --json} was given
     * @param config the run's settings
     * @param work   the work
     * @param <R>    its result
     * @return what the work returned
     */
    static <R> R divergenceAsJson(TacitCommand parent, OutputOptions output, Map<String, Object> config,
                                  Supplier<R> work) {
        try {
            return work.get();
        } catch (DivergenceException e) {
            if (output.json) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("stop_reason", StopReason.DIVERGED.label());
                json.put("iterations", e.iteration());
                json.put("diverged", e.quantity());
                json.put("error", e.getMessage());
                json.put("remedy", e.remedy());
                json.put("config", config);
                parent.out.println(Json.write(json));
                parent.out.flush();
            }
            throw e;
        }
    }

    /** Completes a matrix: a completion method, or a network run that resumes, checkpoints or stops on request. */
    @FunctionalInterface
    interface Completion {
        /**
         * @param problem       the data
         * @param random        the initialisation's random source
         * @param events        receives the run's events
         * @param stopRequested whether a signal asked the run to stop
         * @return the result
         */
        CompletionResult complete(CompletionProblem problem, SplittableRandom random, Consumer<TrainingEvent> events,
                                  BooleanSupplier stopRequested);
    }

    /**
     * The bounded tags every metric of a run carries. A completion method that is not a network reports its name as
     * the optimizer, no penalty and depth 0, so every run exposes the same tag keys.
     *
     * @param optimizer the optimizer, or the completion method's name
     * @param penalty   the penalty
     * @param depth     the network depth, 0 for other methods
     * @param dataset   the data: {@code synthetic}, {@code movielens-100k}
     * @return the tags
     */
    static Map<String, String> tags(String optimizer, String penalty, int depth, String dataset) {
        return Map.of("optimizer", optimizer, "penalty", penalty, "depth", Integer.toString(depth),
                "dataset", dataset);
    }
}
