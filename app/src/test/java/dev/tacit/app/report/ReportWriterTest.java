package dev.tacit.app.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.study.experiment.ExperimentFile;
import dev.tacit.study.experiment.RunResult;
import dev.tacit.study.experiment.RunSpec;
import dev.tacit.study.experiment.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of an experiment: tables, charts and the Markdown page, from stored runs. */
class ReportWriterTest {

    @TempDir
    Path dir;

    /** Results of a 12-run grid: errors fall with the observed entries; one seed diverges at 3000 observed. */
    private static List<RunResult> results() {
        List<RunSpec> runs = ExperimentFile.parse("test.exp", "name = t\nobserved = 1000, 2000, 3000\nseeds = 0..1\n"
                + "method = Adam:1+R\nmethod = CP\n", List.of(), Set.of("cp")).expand();
        return runs.stream().map(r -> {
            double error = 1000.0 / r.observed() * (1 + 0.1 * r.seed());
            return new RunResult(r.id(), r.method().label(), r.method().method(), r.depth(), r.lambda(), r.size(),
                    r.rank(), r.observed(), r.seed(), r.observed() == 3000 && r.seed() == 1 ? "diverged at 7" : "ok",
                    error / 10, error, error, 5 + 0.01 * r.seed(), 4.93, 100, 0.5);
        }).toList();
    }

    @Test
    void reportHasTablesAndCharts() throws Exception {
        Summary s = ReportWriter.write(dir, "t", "tacit experiment t.exp", results(), "observed");
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
