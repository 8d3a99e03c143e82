package dev.tacit.app.experiment;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the runs of an experiment that are not yet stored, on a fixed number of worker threads (by default one per
 * core), storing each result the moment it finishes and printing overall progress.
 */
public final class ExperimentRunner {

    /** Executes one run; a run that fails returns a result whose status says why rather than throwing. */
    @FunctionalInterface
    public interface RunExecutor {
        /**
         * @param run the run
         * @return its result
         */
        RunResult execute(RunSpec run);
    }

    /**
     * What a sweep did.
     *
     * @param total     distinct runs in the grid
     * @param skipped   runs found already stored
     * @param completed runs executed now
     * @param failed    of those, runs whose status is not ok
     * @param seconds   wall time of this invocation
     */
    public record Outcome(int total, int skipped, int completed, int failed, double seconds) {
    }

    private ExperimentRunner() {
    }

    /**
     * @param runs     the grid (duplicates by id are run once)
     * @param store    where results go
     * @param executor runs one
     * @param jobs     worker threads, at least 1
     * @param progress where progress lines go (standard error)
     * @param quiet    no progress lines
     * @return what happened
     * @throws InterruptedException if interrupted while waiting for runs
     */
    public static Outcome run(List<RunSpec> runs, ResultStore store, RunExecutor executor, int jobs,
                              PrintWriter progress, boolean quiet) throws InterruptedException {
        long t0 = System.nanoTime();
        Map<String, RunSpec> distinct = new LinkedHashMap<>();
        runs.forEach(r -> distinct.putIfAbsent(r.id(), r));
        Set<String> done = store.completedIds();
        List<RunSpec> todo = distinct.values().stream().filter(r -> !done.contains(r.id())).toList();
        int skipped = distinct.size() - todo.size();
        if (!quiet) {
            progress.printf(Locale.ROOT, "%d runs: %d already done, %d to run on %d worker%s%n", distinct.size(),
                    skipped, todo.size(), jobs, jobs == 1 ? "" : "s");
        }
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "tacit-experiment");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (RunSpec spec : todo) {
                futures.add(pool.submit(() -> {
                    RunResult result = executor.execute(spec);
                    store.save(result);
                    int n = finished.incrementAndGet();
                    if (!result.ok()) {
                        failed.incrementAndGet();
                    }
                    if (!quiet) {
                        double elapsed = (System.nanoTime() - t0) / 1e9;
                        double eta = elapsed / n * (todo.size() - n);
                        synchronized (progress) {
                            progress.printf(Locale.ROOT, "[%d/%d] %s: %s  (%.1f s, ETA %s)%n", n, todo.size(),
                                    spec.describe(), result.ok() ? String.format(Locale.ROOT, "test RMSE %.3e, "
                                            + "erank %.2f", result.testRmse(), result.effectiveRank())
                                            : result.status(), result.seconds(), eta(eta));
                            progress.flush();
                        }
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
        return new Outcome(distinct.size(), skipped, finished.get(), failed.get(), (System.nanoTime() - t0) / 1e9);
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
