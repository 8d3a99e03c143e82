package dev.tacit.spark;

import dev.tacit.data.io.JsonReader;
import dev.tacit.study.experiment.ExperimentRunner;
import dev.tacit.study.experiment.ResultStore;
import dev.tacit.study.experiment.RunResult;
import dev.tacit.study.experiment.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * Runs the runs of an experiment still to do as Spark tasks and stores each result on the driver the moment it
 * arrives, in the same result store, under the same ids, as {@code tacit experiment}.
 *
 * <p>Each run is a job of one task, submitted from one of {@code jobs} driver threads, so that at most that many runs
 * are in flight and each result comes back (and is stored) as soon as its task ends, not when the whole sweep does.
 * Results come back through Spark itself, so executors need no file system shared with the driver. Spark delivers
 * one result per task however often it ran it (a retry after a lost executor, a speculative copy), and the store
 * writes each result through a temporary file and takes the name only if it is free: the first result of a run wins,
 * nothing is written twice or half. An interrupted sweep keeps every run it stored, and the next one skips them.
 */
final class SparkSweep {

    /**
     * A finished run, as it is reported.
     *
     * @param run    the run
     * @param result its result
     * @param stored whether this sweep stored it (false: a result for its id was already there, and was kept)
     */
    record Finished(RunSpec run, RunResult result, boolean stored) {
    }

    private SparkSweep() {
    }

    /**
     * @param spark    the Spark context (its master decides where the tasks run)
     * @param task     runs one run on an executor: from its id to its result's JSON line, or
     *                 {@link RunTask#INTERRUPTED} (normally a {@link RunTask})
     * @param plan     the runs to do
     * @param store    where results go, on the driver
     * @param jobs     runs in flight at a time, at least 1
     * @param finished told of each run as it is stored, on a driver thread
     * @return what happened
     * @throws InterruptedException if interrupted while waiting for runs
     * @throws IllegalStateException if a run failed on Spark (its task failed more often than Spark retries)
     */
    static ExperimentRunner.Outcome run(JavaSparkContext spark, Function<String, String> task, ExperimentRunner.Plan plan,
                                        ResultStore store, int jobs, Consumer<Finished> finished)
            throws InterruptedException {
        long t0 = System.nanoTime();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        ExecutorService drivers = ExperimentRunner.workers(jobs, "tacit-spark-sweep");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (RunSpec run : plan.todo()) {
                futures.add(drivers.submit(() -> {
                    // Shown in Spark's UI and logs beside the job.
                    spark.setJobDescription(run.id() + " " + run.describe());
                    List<String> out = spark.parallelize(List.of(run.id()), 1).map(task).collect();
                    String json = out.get(0);
                    if (json.equals(RunTask.INTERRUPTED)) {
                        interrupted.incrementAndGet();
                        return;
                    }
                    RunResult result = RunResult.fromMap(JsonReader.object(json));
                    boolean stored = store.saveIfAbsent(result);
                    completed.incrementAndGet();
                    if (!result.ok()) {
                        failed.incrementAndGet();
                    }
                    finished.accept(new Finished(run, result, stored));
                }));
            }
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // Every other run still finishes and is stored; the first failure is reported after them.
                    if (first == null) {
                        first = new IllegalStateException("a run failed on Spark: " + e.getCause().getMessage(),
                                e.getCause());
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            drivers.shutdownNow();
        }
        int total = plan.distinct().size();
        return new ExperimentRunner.Outcome(total, total - plan.todo().size(), completed.get(), failed.get(),
                interrupted.get(), (System.nanoTime() - t0) / 1e9);
    }
}
