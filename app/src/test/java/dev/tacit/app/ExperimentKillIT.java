package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.io.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the image's experiment runner with SIGKILL in the middle of a sweep and restarts it: every finished run is
 * kept, none is run twice, and no result file is ever half written.
 */
class ExperimentKillIT {

    @TempDir
    Path dir;

    @Test
    void aKilledSweepKeepsItsFinishedRunsAndResumes() throws Exception {
        Path file = dir.resolve("kill.exp");
        Files.writeString(file, ExperimentCommandTest.TINY.replace("iterations = 300", "iterations = 3000")
                .replace("seeds = 0..1", "seeds = 0..3"));
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder(Image.launcher().toString(), "experiment", file.toString(), "--out",
                out.toString(), "--jobs", "1", "--quiet").redirectErrorStream(true)
                .redirectOutput(dir.resolve("first.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (resultFiles(out).size() < 3 && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "the sweep must still be running when it is killed");
        // SIGKILL, no shutdown hook runs. bin/tacit execs the JVM, so this is the JVM itself: no child survives to
        // go on writing results after the list below is taken (the test fails if the launcher stops exec'ing).
        assertTrue(p.descendants().findAny().isEmpty(), "the launcher must exec the JVM, not run it as a child");
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<Path> kept = resultFiles(out);
        assertTrue(kept.size() >= 3, "finished runs kept: " + kept.size());
        for (Path f : kept) {
            assertTrue(JsonReader.parse(Files.readString(f)) instanceof Map, "complete JSON in " + f);
        }
        CliRun resumed = Image.run(600, "experiment", file.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("24 runs: " + kept.size() + " already done, " + (24 - kept.size())
                + " to run"), resumed.err());
        assertEquals(24, resultFiles(out).size());
        try (Stream<Path> all = Files.list(out.resolve("runs"))) {
            assertTrue(all.allMatch(f -> f.getFileName().toString().endsWith(".json")), "no temporary file left");
        }
        for (Path f : kept) {
            assertTrue(Files.exists(f), "a finished run is never rewritten away: " + f);
        }
    }

    private static List<Path> resultFiles(Path out) throws Exception {
        Path runs = out.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        }
    }
}
