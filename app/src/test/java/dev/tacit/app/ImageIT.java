package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    @Test
    void theLauncherPicksTheSerialCollectorForTheDenseCommandsOnly() throws Exception {
        Map<String, String> logGc = Map.of("TACIT_OPTS", "-Xlog:gc");
        CliRun train = Image.run(60, logGc, "train", "--iterations", "1", "--quiet");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("Using Serial"), train.out());
        CliRun complete = Image.run(60, logGc, "complete", "--method", "lnn", "--iterations", "1", "--quiet");
        assertEquals(0, complete.code(), complete.err());
        assertTrue(complete.out().contains("Using Serial"), complete.out());
        // Every other command runs with whatever the JVM itself picks on this machine.
        String own = collectorLine(Image.run(30, logGc, "--version").out());
        Process java = new ProcessBuilder(Image.launcher().resolveSibling("java").toString(), "-Xlog:gc", "-version")
                .redirectErrorStream(true).start();
        String jvmDefault = collectorLine(new String(java.getInputStream().readAllBytes()));
        assertEquals(0, java.waitFor());
        assertEquals(jvmDefault, own);
        // A collector chosen in TACIT_OPTS wins, without a conflict.
        CliRun chosen = Image.run(60, Map.of("TACIT_OPTS", "-XX:+UseParallelGC -Xlog:gc"), "train", "--iterations",
                "1", "--quiet");
        assertEquals(0, chosen.code(), chosen.err());
        assertTrue(chosen.out().contains("Using Parallel"), chosen.out());
    }

    private static String collectorLine(String log) {
        return log.lines().filter(l -> l.contains("Using ")).map(l -> l.substring(l.indexOf("Using ")))
                .findFirst().orElse("no collector line in: " + log);
    }
}
