package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tacit experiment} and {@code tacit report}, in-process on a tiny grid. */
class ExperimentCommandTest {

    static final String TINY = """
            name = tiny
            size = 20
            rank = 2
            observed = 150, 250
            seeds = 0..1
            iterations = 300
            eval_every = 100
            method = adam:1+R
            method = gd:2 lr=5
            method = softimpute
            """;

    @TempDir
    Path dir;

    private Path experimentFile() throws IOException {
        Path f = dir.resolve("tiny.exp");
        Files.writeString(f, TINY);
        return f;
    }

    @Test
    void aDirectoryInUseByAnotherSweepIsRefusedWithNothingWrittenAndFreeAfterIt() throws IOException {
        Path out = Files.createDirectory(dir.resolve("busy"));
        String[] sweep = {"experiment", experimentFile().toString(), "--out", out.toString(), "--set", "seeds=0",
            "--set", "observed=150", "--set", "method=softimpute", "--quiet"};
        try (DirectoryLock held = DirectoryLock.acquire("--out", out)) {
            CliRun second = CliRun.of(sweep);
            assertEquals(2, second.code(), second.err());
            assertTrue(second.err().contains("--out " + out + " is in use by another run"), second.err());
            assertFalse(Files.exists(out.resolve("experiment.exp")), "nothing written into the other sweep's directory");
            assertFalse(Files.exists(out.resolve("runs")));
        }
        CliRun after = CliRun.of(sweep);
        assertEquals(0, after.code(), after.err());
        assertTrue(after.out().contains("tiny: 1 runs (0 done before, 1 now, 0 failed)"), after.out());
    }

    @Test
    void runsTheGridWritesTheReportAndResumesWithoutRerunning() throws IOException {
        Path out = dir.resolve("out");
        CliRun first = CliRun.of("experiment", experimentFile().toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("12 runs: 0 already done, 12 to run on 2 workers"), first.err());
        assertTrue(first.out().contains("tiny: 12 runs (0 done before, 12 now, 0 failed)"), first.out());
        for (String f : new String[] {"experiment.exp", "runs.csv", "summary.csv", "summary.md", "report.md",
            "test_rmse.png", "test_rmse.svg", "effective_rank.png", "effective_rank.svg"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            assertEquals(12, runs.count());
        }
        CliRun again = CliRun.of("experiment", experimentFile().toString(), "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("12 already done, 0 to run"), again.err());
        CliRun grown = CliRun.of("experiment", experimentFile().toString(), "--out", out.toString(),
                "--set", "seeds=0..2");
        assertEquals(0, grown.code(), grown.err());
        assertTrue(grown.err().contains("18 runs: 12 already done, 6 to run"), grown.err());

        Files.delete(out.resolve("report.md"));
        CliRun report = CliRun.of("report", out.toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(Files.readString(out.resolve("report.md")).contains("![test RMSE](test_rmse.png)"));
        assertTrue(Files.readString(out.resolve("summary.md")).contains("| adam:1+R | 250 | 3 |"),
                Files.readString(out.resolve("summary.md")));

        // A second gd:2 in the file: the stored gd:2 runs are reported under their distinguishing label.
        Path stored = out.resolve("experiment.exp");
        Files.writeString(stored, Files.readString(stored) + "\nmethod = gd:2 lr=4\n");
        assertEquals(0, CliRun.of("report", out.toString()).code());
        assertTrue(Files.readString(out.resolve("summary.md")).contains("| gd:2 lr=5 | 250 | 3 |"),
                Files.readString(out.resolve("summary.md")));
    }

    @Test
    void presetsPrintAndExpand() {
        CliRun print = CliRun.of("experiment", "figure4", "--print", "--set", "seeds=0");
        assertEquals(0, print.code(), print.err());
        assertTrue(print.out().contains("method = Adam:1+R") && print.out().contains("seeds = 0"), print.out());
        // depth-quick: depths 1, 3, 5 × one seed × five methods
        CliRun dry = CliRun.of("experiment", "depth", "--quick", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("15 runs"), dry.out());
    }

    @Test
    void badExperimentsAreUsageErrorsNamingTheLine() throws IOException {
        Path bad = dir.resolve("bad.exp");
        Files.writeString(bad, "name = bad\nmethod = adam:1+R\nobserverd = 3\n");
        CliRun run = CliRun.of("experiment", bad.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains(bad + " line 3: unknown key 'observerd'"), run.err());
        CliRun badSetting = CliRun.of("experiment", experimentFile().toString(), "--set", "method=adam:1+R beta2=7");
        assertEquals(2, badSetting.code());
        assertTrue(badSetting.err().contains("beta2 must be in"), badSetting.err());
        assertEquals(2, CliRun.of("experiment", "nonsense").code());
        assertEquals(2, CliRun.of("experiment", experimentFile().toString(), "--quick").code());
        assertEquals(2, CliRun.of("report", dir.toString()).code(), "not an experiment directory");
    }
}
