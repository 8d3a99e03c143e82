package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output path is checked before the work starts (a bad one is exit code 2 and nothing is written), and a
 * secondary output that fails at the end is reported without losing the printed result.
 */
class OutputPathTest {

    @TempDir
    Path dir;

    /** An experiment of two tiny runs: it would finish in a fraction of a second if it started. */
    private Path experiment() throws Exception {
        return Files.writeString(dir.resolve("tiny.exp"), "name = tiny\nsize = 12\nrank = 2\nobserved = 60\n"
                + "seeds = 0\niterations = 5\neval_every = 5\nmethod = Adam:1\n");
    }

    private static void refused(CliRun run, String option) {
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("tacit: " + option + " "), run.err());
        assertFalse(run.err().contains("internal error") || run.err().contains("\tat "), run.err());
    }

    /** Before the fix, {@code experiment --out FILE} and {@code --out /dev/null} were internal errors. */
    @Test
    void experimentOutThatIsNotADirectoryIsRefusedBeforeAnyRun() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "mine");
        CliRun onFile = CliRun.of("experiment", experiment().toString(), "--out", file.toString(), "--quiet");
        refused(onFile, "--out");
        assertTrue(onFile.err().contains("is a file, not a directory"), onFile.err());
        assertEquals("mine", Files.readString(file));
        assumeTrue(Files.exists(Path.of("/dev/null")), "a POSIX device");
        CliRun onDevice = CliRun.of("experiment", experiment().toString(), "--out", "/dev/null", "--quiet");
        refused(onDevice, "--out");
        assertTrue(onDevice.err().contains("a device or a pipe, not a directory"), onDevice.err());
        CliRun below = CliRun.of("experiment", experiment().toString(), "--out", file.resolve("x").toString(),
                "--quiet");
        refused(below, "--out");
        assertEquals(List.of("a-file", "tiny.exp"), names(dir), "nothing written");
    }

    /** {@code movielens --curve} and {@code reproduce --out} are checked before the data is even loaded. */
    @Test
    void movieLensOutputsAreCheckedBeforeTheDataIsRead() throws Exception {
        Path nowhere = dir.resolve("no-data");
        Path curveDir = Files.createDirectory(dir.resolve("curves"));
        refused(CliRun.of("movielens", "--data-dir", nowhere.toString(), "--curve", curveDir.toString()), "--curve");
        Path file = Files.writeString(dir.resolve("table"), "mine");
        refused(CliRun.of("movielens", "reproduce", "--data-dir", nowhere.toString(), "--out", file.toString()),
                "--out");
        assumeTrue(Files.exists(Path.of("/dev/null")), "a POSIX device");
        refused(CliRun.of("movielens", "--data-dir", nowhere.toString(), "--curve", "/dev/null"), "--curve");
        refused(CliRun.of("movielens", "reproduce", "--data-dir", nowhere.toString(), "--out", "/dev/null"), "--out");
        assertEquals("mine", Files.readString(file));
    }

    /** Before the fix the message had no reason ("cannot create the checkpoint directory X: X"). */
    @Test
    void aCheckpointDirectoryThatIsAFileIsRefusedWithTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("ckpt"), "mine");
        CliRun run = CliRun.of("train", "--size", "10", "--rank", "1", "--observed", "40", "--iterations", "5",
                "--quiet", "--checkpoint", file.toString());
        refused(run, "--checkpoint");
        assertTrue(run.err().contains("is a file, not a directory"), run.err());
        assertEquals("", run.out());
    }

    /** A secondary output that fails after the work is reported; the printed result stays. */
    @Test
    void aSecondaryOutputThatFailsAtTheEndIsReportedNotThrown() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        StringWriter err = new StringWriter();
        boolean written = OutputFiles.write(new PrintWriter(err, true), "--curve", blocker.resolve("curve.csv"),
                "x\n");
        assertFalse(written);
        assertTrue(err.toString().contains("could not write --curve") && err.toString().contains("the results "
                + "above are complete"), err.toString());
    }

    private static List<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
