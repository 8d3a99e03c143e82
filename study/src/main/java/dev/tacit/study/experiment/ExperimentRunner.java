package dev.tacit.study.experiment;

import dev.tacit.api.TrainingEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the runs of an experiment that are not yet stored, on a fixed number of worker threads (by default one per
 * core), storing each result the moment it finishes. Each run publishes its events on a channel of its own, named by
 * its id, so observers (progress, an event log, metrics) can follow a sweep whose runs overlap.
 *
 * <p>A stop request (a signal) starts no further run and asks the runs in flight to stop; a run that stopped before
 * its plan was done is not stored, so the next invocation runs it again from its start.
 */
public final class ExperimentRunner {

    /** Executes one run; a run that fails returns a result whose status says why rather than throwing. */
    @FunctionalInterface
    public interface RunExecutor {
        /**
         * @param run           the run
         * @param events        receives the run's events
         * @param stopRequested asked as the run goes; once it answers yes the run may end early, interrupted
         * @return its result, or empty if it stopped on request before it finished
         */
        Optional<RunResult> execute(RunSpec run, Consumer<TrainingEvent> events, BooleanSupplier stopRequested);
    }

    /**
     * What a sweep did.
     *
     * @param total       distinct runs in the grid
     * @param skipped     runs found already stored
     * @param completed   runs executed now and stored
     * @param failed      of those, runs whose status is not ok
     * @param interrupted runs stopped by a stop request before they finished (not stored), or never started
     * @param seconds     wall time of this invocation
     */
    public record Outcome(int total, int skipped, int completed, int failed, int interrupted, double seconds) {
    }

    /**
     * The runs of a grid still to do.
     *
     * @param distinct the grid's runs, duplicates by id removed, in order
     * @param todo     those not yet stored
     */
    public record Plan(List<RunSpec> distinct, List<RunSpec> todo) {
        /** Copies the lists. */
        public Plan {
            distinct = List.copyOf(distinct);
            todo = List.copyOf(todo);
        }

        /**
         * @param jobs the worker threads
         * @return for example {@code 12 runs: 3 already done, 9 to run on 2 workers}
         */
        public String describe(int jobs) {
            return distinct.size() + " runs: " + (distinct.size() - todo.size()) + " already done, " + todo.size()
                    + " to run on " + jobs + " worker" + (jobs == 1 ? "" : "s");
        }
    }

    private ExperimentRunner() {
    }

    /**
     * @param runs  the grid (duplicates by id are planned once)
     * @param store where results are
     * @return the runs, and those not yet stored
     */
    public static Plan plan(List<RunSpec> runs, ResultStore store) {
        Map<String, RunSpec> distinct = new LinkedHashMap<>();
        runs.forEach(r -> distinct.putIfAbsent(r.id(), r));
        Set<String> done = store.completedIds();
        return new Plan(List.copyOf(distinct.values()),
                distinct.values().stream().filter(r -> !done.contains(r.id())).toList());
    }

    /**
     * The threads that carry a sweep's runs: a fixed pool of daemon threads, so a sweep stopped by a signal never
     * keeps the JVM alive. Shared with the sweep on Spark, whose threads each wait for one Spark job.
     *
     * @param jobs runs at a time
     * @param name the threads' name
     * @return the pool; the caller shuts it down
     */
    public static ExecutorService workers(int jobs, String name) {
        return Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param plan          the runs to do
     * @param store         where results go
     * @param executor      runs one
     * @param jobs          worker threads, at least 1
     * @param channels      the event channel of each run, by run id
     * @param stopRequested asked before each run starts and by the runs in flight
     * @return what happened
     * @throws InterruptedException if interrupted while waiting for runs
     */
    public static Outcome run(Plan plan, ResultStore store, RunExecutor executor, int jobs,
                              Function<String, Consumer<TrainingEvent>> channels,
                              BooleanSupplier stopRequested) throws InterruptedException {
        long t0 = System.nanoTime();
        List<RunSpec> todo = plan.todo();
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        ExecutorService pool = workers(jobs, "tacit-experiment");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (RunSpec spec : todo) {
                futures.add(pool.submit(() -> {
                    if (stopRequested.getAsBoolean()) {
                        interrupted.incrementAndGet();
                        return;
                    }
                    Optional<RunResult> done = executor.execute(spec, channels.apply(spec.id()), stopRequested);
                    if (done.isEmpty()) {
                        interrupted.incrementAndGet();
                        return;
                    }
                    RunResult result = done.get();
                    store.save(result);
                    finished.incrementAndGet();
                    if (!result.ok()) {
                        failed.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("run failed unexpectedly: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(plan.distinct().size(), plan.distinct().size() - todo.size(), finished.get(),
                failed.get(), interrupted.get(), (System.nanoTime() - t0) / 1e9);
    }
}
