package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every run of an experiment is checked before the first starts: before the fix, each of these files passed
 * {@code --dry-run}, ran its valid runs, then stopped with an internal error.
 */
class ExperimentValidationTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "size = 30, -4|observed = 300|method = Adam:1|size must be at least 1x1",
        "size = 30|observed = 3000|method = Adam:1|observed must be between 1 and 899",
        "size = 100000|observed = 300|method = Adam:1|size must be at least 1x1 with at most",
        "size = 30|observed = 300|method = Adam:0|depth must be between 1 and 64",
        "size = 30|observed = 300, 300|method = Adam:1\\nsize = 40|is already set at",
    })
    void aBadRunStopsTheExperimentBeforeItStarts(String size, String observed, String method, String expected)
            throws Exception {
        Path file = Files.writeString(dir.resolve("bad.exp"), "name = bad\n" + size + "\nrank = 2\n" + observed
                + "\nseeds = 0\niterations = 5\neval_every = 5\n" + method.replace("\\n", "\n") + "\n");
        for (String mode : new String[] {"--dry-run", "--quiet"}) {
            CliRun run = CliRun.of("experiment", file.toString(), "--out", dir.resolve("out").toString(), mode);
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains(expected), run.err());
            assertTrue(run.err().startsWith("tacit: " + file), run.err());
            assertFalse(run.err().contains("internal error") || run.err().contains("\tat "), run.err());
            assertEquals("", run.out());
            assertFalse(Files.exists(dir.resolve("out")), "no run was started, nothing written");
        }
    }

    /** Before the fix: "cannot read FILE: Input length = 1". */
    @ParameterizedTest
    @CsvSource({"0, 255", "128, 1"})
    void aBinaryFileIsSaidToBeNotText(int first, int second) throws Exception {
        Path file = Files.write(dir.resolve("binary.exp"), new byte[] {(byte) first, (byte) second, (byte) 0xfe});
        CliRun run = CliRun.of("experiment", file.toString(), "--dry-run");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("is not a text file"), run.err());
    }

    /** Before the fix the axis was reported as "--set x=banana", an option the user never wrote. */
    @ParameterizedTest
    @CsvSource({"banana"})
    void reportNamesItsOwnOption(String axis) throws Exception {
        Path file = Files.writeString(dir.resolve("tiny.exp"), "name = tiny\nsize = 12\nrank = 2\nobserved = 60\n"
                + "seeds = 0\niterations = 5\neval_every = 5\nmethod = Adam:1\n");
        Path out = dir.resolve("tiny");
        assertEquals(0, CliRun.of("experiment", file.toString(), "--out", out.toString(), "--quiet").code());
        CliRun run = CliRun.of("report", out.toString(), "--x", axis);
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--x " + axis + ":"), run.err());
        assertFalse(run.err().contains("--set"), run.err());
    }
}
