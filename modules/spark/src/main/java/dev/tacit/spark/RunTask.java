package dev.tacit.spark;

import dev.tacit.algebra.Parallelism;
import dev.tacit.data.io.Json;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.study.experiment.ExperimentFile;
import dev.tacit.study.experiment.MethodExecutor;
import dev.tacit.study.experiment.RunResult;
import dev.tacit.study.experiment.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * One run of an experiment as a Spark task: given the run's id, it rebuilds the run from the experiment's text (the
 * executor builds exactly the grid the driver built, so the id names the same run), executes it with Tacit's own
 * {@link MethodExecutor} on one thread, and returns its result as the JSON line the result store writes.
 *
 * <p>Only the experiment's text travels to the executors, not Tacit's run objects, which are not serializable; the
 * result travels back as text, so the driver stores what the executor computed, bit for bit.
 */
final class RunTask implements Function<String, String> {

    private static final long serialVersionUID = 1L;

    /** What an interrupted run returns: it stopped before its end (the job was cancelled) and is not stored. */
    static final String INTERRUPTED = "";

    private final String source;
    private final String text;
    private final ArrayList<String> overrides;

    /**
     * @param source    where the text comes from, for messages
     * @param text      the experiment file's content
     * @param overrides {@code --set} overrides, in order
     */
    RunTask(String source, String text, List<String> overrides) {
        this.source = source;
        this.text = text;
        this.overrides = new ArrayList<>(overrides);
    }

    @Override
    public String call(String id) {
        MethodExecutor executor = new MethodExecutor(Catalog.builtIn());
        RunSpec run = ExperimentFile.parse(source, text, overrides, executor.baselineNames()).expand().stream()
                .filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("run " + id + " is not in the experiment's grid"));
        TaskContext task = TaskContext.get();
        // A task Spark kills (a cancelled job) stops at the end of its current step, as a signal stops a local run.
        // One thread per run: Spark gives each task one core, and results never depend on the thread count.
        Optional<RunResult> result = Parallelism.serial().call(() -> executor.execute(run, event -> { },
                () -> task != null && task.isInterrupted()));
        return result.map(r -> Json.write(r.toMap())).orElse(INTERRUPTED);
    }
}
