package dev.tacit.study.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {

    @TempDir
    Path dir;

    /** A deterministic stand-in for training: the "error" falls with the number of observed entries. */
    static RunResult fake(RunSpec r) {
        double error = 1000.0 / r.observed() * (1 + 0.1 * r.seed());
        return new RunResult(r.id(), r.method().label(), r.method().method(), r.depth(), r.lambda(), r.size(),
                r.rank(), r.observed(), r.seed(), r.observed() == 3000 && r.seed() == 1 ? "diverged at 7" : "ok",
                error / 10, error, error, 5 + 0.01 * r.seed(), 4.93, 100, 0.5);
    }

    private ExperimentSpec spec() {
        return ExperimentFileTest.parse("name = t\nobserved = 1000, 2000, 3000\nseeds = 0..1\nmethod = Adam:1+R\n"
                + "method = CP\n");
    }

    @Test
    void runsEverythingOnceAndResumesWithoutRepeating() throws Exception {
        ResultStore store = new ResultStore(dir);
        AtomicInteger executed = new AtomicInteger();
        List<RunSpec> runs = spec().expand();
        // A first sweep that is "killed" after three runs: simulate by running only a prefix.
        ExperimentRunner.RunExecutor executor = (r, events, stop) -> {
            executed.incrementAndGet();
            return Optional.of(fake(r));
        };
        ExperimentRunner.run(ExperimentRunner.plan(runs.subList(0, 3), store), store, executor, 2, id -> e -> { },
                () -> false);
        assertEquals(3, store.completedIds().size());
        ExperimentRunner.Plan plan = ExperimentRunner.plan(runs, store);
        String progress = plan.describe(2);
        ExperimentRunner.Outcome o = ExperimentRunner.run(plan, store, executor, 2, id -> e -> { }, () -> false);
        assertEquals(12, o.total());
        assertEquals(3, o.skipped());
        assertEquals(9, o.completed());
        assertEquals(12, executed.get(), "each run executed exactly once over both sweeps");
        assertEquals(2, o.failed(), "the two runs at 3000 observed with seed 1");
        assertTrue(progress.contains("3 already done, 9 to run"), progress);
        assertEquals(12, store.loadAll().size());
        try (var files = Files.list(dir.resolve("runs"))) {
            assertTrue(files.allMatch(p -> p.toString().endsWith(".json")), "no temporary files left");
        }
    }

    @Test
    void storedResultsRoundTrip() {
        ResultStore store = new ResultStore(dir);
        RunResult r = fake(spec().expand().get(0));
        store.save(r);
        assertEquals(List.of(r), store.loadAll());
    }

    @Test
    void theFirstResultOfARunIsKept() {
        ResultStore store = new ResultStore(dir);
        RunResult first = fake(spec().expand().get(0));
        RunResult again = new RunResult(first.id(), first.label(), first.method(), first.depth(), first.lambda(),
                first.size(), first.rank(), first.observed(), first.seed(), first.status(), first.trainRmse(),
                first.testRmse(), first.relativeError(), first.effectiveRank(), first.targetEffectiveRank(),
                first.iterations(), first.seconds() + 1);
        assertTrue(store.saveIfAbsent(first));
        assertFalse(store.saveIfAbsent(again), "a second delivery of the run is not stored");
        assertEquals(List.of(first), store.loadAll());
    }

    /** A damaged file in a run's place made that run planned again; its first real result must replace the file. */
    @Test
    void aDamagedFileDoesNotCountAsTheFirstResult() throws java.io.IOException {
        ResultStore store = new ResultStore(dir);
        RunResult r = fake(spec().expand().get(0));
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("runs").resolve(r.id() + ".json"), "{}");
        assertEquals(1, store.load().damaged().size());
        assertTrue(store.saveIfAbsent(r), "the damaged file is replaced");
        assertEquals(List.of(r), store.loadAll());
        assertTrue(store.load().damaged().isEmpty());
    }
}
