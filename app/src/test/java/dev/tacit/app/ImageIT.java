package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jlink image, run as a separate process exactly as a user runs it. */
class ImageIT {

    @Test
    void versionAndHelp() throws Exception {
        CliRun version = Image.run(30, "--version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("tacit 0."), version.out());
        CliRun help = Image.run(30, "train", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--lambda"), help.out());
    }

    @Test
    void trainsAndPrintsJson() throws Exception {
        CliRun run = Image.run(120, "train", "--iterations", "300", "--eval-every", "100", "--json");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.number("test_rmse") > 0, run.out());
        assertEquals(300, run.number("iterations"));
        assertTrue(run.err().contains("[300/300 100%]"), "progress on stderr: " + run.err());
    }

    @Test
    void theImageCarriesTheEventLogAndTheMetricsEndpoint(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        CliRun run = Image.run(120, "train", "--iterations", "200", "--eval-every", "100", "--json", "--events",
                events.toString(), "--metrics-port", "0");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().matches("(?s)tacit: metrics at http://127\\.0\\.0\\.1:\\d+/metrics\n.*"), run.err());
        List<String> lines = Files.readAllLines(events);
        assertTrue(lines.get(0).startsWith("{\"event\":\"run_started\""), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).startsWith("{\"event\":\"run_finished\",\"iteration\":200,"),
                lines.get(lines.size() - 1));
    }

    @Test
    void badInputExitsWithTwoAndNoStackTrace() throws Exception {
        CliRun run = Image.run(30, "train", "--observed", "0");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--observed must be between 1 and 9999"), run.err());
        assertFalse(run.err().contains("at dev.tacit"), run.err());
    }
}
