package dev.tacit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tacit.optim.catalog.Catalog;
import dev.tacit.study.experiment.ExperimentFile;
import dev.tacit.study.experiment.ExperimentRunner;
import dev.tacit.study.experiment.MethodExecutor;
import dev.tacit.study.experiment.ResultStore;
import dev.tacit.study.experiment.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that Spark retries stores its run once, whole, with the result of a task that ran once. */
class RetryTest {

    @TempDir
    Path tmp;

    /** Runs the run, then fails its first attempt after the work is done, as a task on a lost executor would. */
    static final class FailsFirstAttempt implements Function<String, String> {
        private static final long serialVersionUID = 1L;
        private final RunTask task;

        FailsFirstAttempt(RunTask task) {
            this.task = task;
        }

        @Override
        public String call(String id) throws Exception {
            String result = task.call(id);
            if (TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("injected failure of the first attempt of run " + id);
            }
            return result;
        }
    }

    @Test
    void aRetriedTaskStoresItsRunOnce() throws Exception {
        String text = SweepTest.EXPERIMENT;
        MethodExecutor executor = new MethodExecutor(Catalog.builtIn());
        List<RunSpec> runs = ExperimentFile.parse("retry", text, List.of(), executor.baselineNames()).expand();
        Path local = tmp.resolve("local");
        ResultStore localStore = new ResultStore(local);
        ExperimentRunner.run(ExperimentRunner.plan(runs, localStore), localStore, executor, 1, id -> e -> { },
                () -> false);

        Path dir = tmp.resolve("spark");
        ResultStore store = new ResultStore(dir);
        // local[2,2]: two threads, and a task may fail once before its job fails.
        SparkSession session = SparkSession.builder().master("local[2,2]").appName("retry")
                .config("spark.ui.enabled", "false").getOrCreate();
        ExperimentRunner.Outcome outcome;
        try {
            outcome = SparkSweep.run(JavaSparkContext.fromSparkContext(session.sparkContext()),
                    new FailsFirstAttempt(new RunTask("retry", text, List.of())), ExperimentRunner.plan(runs, store),
                    store, 2, f -> { });
        } finally {
            session.stop();
        }
        assertEquals(runs.size(), outcome.completed());
        Map<String, String> expected = SweepTest.runFiles(local);
        Map<String, String> actual = SweepTest.runFiles(dir);
        assertEquals(expected.keySet(), actual.keySet(), "every run once, no temporary file left");
        expected.forEach((name, json) -> assertEquals(SweepTest.withoutSeconds(json),
                SweepTest.withoutSeconds(actual.get(name)), name));
        try (Stream<Path> files = Files.list(dir.resolve("runs"))) {
            assertEquals(runs.size(), files.count());
        }
    }
}
