package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A damaged file in an experiment's {@code runs/}: before the fix, {@code report} and {@code experiment} failed with a
 * stack trace, and the experiment counted the run as done forever.
 */
class DamagedRunFileTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "{}", "[1, 2]", "{\"id\": 7}", "\u0000\u00ff"})
    void aDamagedRunIsReportedAndRunAgain(String content) throws Exception {
        Path file = Files.writeString(dir.resolve("tiny.exp"), "name = tiny\nsize = 12\nrank = 2\nobserved = 50, 60\n"
                + "seeds = 0\niterations = 5\neval_every = 5\nmethod = Adam:1\n");
        Path out = dir.resolve("out");
        assertEquals(0, CliRun.of("experiment", file.toString(), "--out", out.toString(), "--quiet").code());
        Path victim = runFiles(out).get(0);
        String original = Files.readString(victim);
        Files.writeString(victim, content);

        CliRun report = CliRun.of("report", out.toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(report.err().contains(victim + " is not a valid run result") && report.err().contains("left out "
                + "of the report"), report.err());
        assertFalse(report.err().contains("\tat "), report.err());

        CliRun again = CliRun.of("experiment", file.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("that run is run again"), again.err());
        assertTrue(again.out().contains("2 runs (1 done before, 1 now, 0 failed)"), again.out());
        assertEquals(original.replaceAll("\"seconds\":[^,}]*", ""),
                Files.readString(victim).replaceAll("\"seconds\":[^,}]*", ""), "the same seeded result again");
    }

    private static List<Path> runFiles(Path out) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            return s.sorted().toList();
        }
    }
}
