package dev.tacit.app.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        ExperimentRunner.run(runs.subList(0, 3), store, r -> {
            executed.incrementAndGet();
            return fake(r);
        }, 2, new PrintWriter(new StringWriter()), true);
        assertEquals(3, store.completedIds().size());
        StringWriter progress = new StringWriter();
        ExperimentRunner.Outcome o = ExperimentRunner.run(runs, store, r -> {
            executed.incrementAndGet();
            return fake(r);
        }, 2, new PrintWriter(progress), false);
        assertEquals(12, o.total());
        assertEquals(3, o.skipped());
        assertEquals(9, o.completed());
        assertEquals(12, executed.get(), "each run executed exactly once over both sweeps");
        assertEquals(2, o.failed(), "the two runs at 3000 observed with seed 1");
        assertTrue(progress.toString().contains("3 already done, 9 to run"), progress.toString());
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
    void reportHasTablesAndCharts() throws Exception {
        ResultStore store = new ResultStore(dir);
        ExperimentRunner.run(spec().expand(), store, ExperimentRunnerTest::fake, 1, new PrintWriter(new StringWriter()),
                true);
        Summary s = ReportWriter.write(dir, "t", "tacit experiment t.exp", store.loadAll(), "observed");
        Summary.Point p = s.points().stream().filter(q -> q.series().equals("Adam:1+R") && q.x() == 1000)
                .findFirst().orElseThrow();
        // errors 1.0 and 1.1 over seeds 0 and 1: mean 1.05, sample std 0.0707...
        assertEquals(2, p.runs());
        assertEquals(1.05, p.testRmse().mean(), 1e-12);
        assertEquals(Math.sqrt(0.005), p.testRmse().std(), 1e-12);
        Summary.Point failedPoint = s.points().stream().filter(q -> q.series().equals("CP") && q.x() == 3000)
                .findFirst().orElseThrow();
        assertEquals(1, failedPoint.failed());
        for (String f : List.of("runs.csv", "summary.csv", "summary.md", "report.md", "test_rmse.png", "test_rmse.svg",
                "effective_rank.png", "effective_rank.svg")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        byte[] png = Files.readAllBytes(dir.resolve("test_rmse.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        assertTrue(Files.readString(dir.resolve("test_rmse.svg")).contains("<svg"));
        assertEquals(13, Files.readAllLines(dir.resolve("runs.csv")).size(), "header and 12 runs");
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("![test RMSE](test_rmse.png)") && report.contains("Failed runs"), report);
    }
}
