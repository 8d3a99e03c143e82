package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Option mistakes that were silently accepted or reported misleadingly before issue 18's fixes: each case failed
 * before (accepted with exit code 0, or exit code 2 with the wrong message). Each is a usage error, exit code 2,
 * whose message names what the user wrote.
 */
class OptionMistakeTest {

    @TempDir
    Path dir;

    private static final String SMALL = "train --size 10 --rank 1 --observed 40 --iterations 3 --quiet";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // silently accepted before: the last value won, or the option did nothing
        SMALL + " --opt beta2=0.9 --opt beta2=0.99|--opt sets 'beta2' twice",
        SMALL + " --penalty-opt eps=1e-9 --penalty-opt eps=1e-8|--penalty-opt sets 'eps' twice",
        SMALL + " --checkpoint-every 5|--checkpoint-every needs --checkpoint DIR",
        "complete --method softimpute --method-opt lambda=1 --method-opt lambda=2 --quiet|--method-opt sets 'lambda' twice",
        "movielens reproduce --data-dir nowhere --seeds 0,0|--seeds 0,0 --rows 1,2,3,4,5,6,7,8 repeats a value",
        // misleading before
        SMALL + " --lr NaN|--lr must be a finite number >= 0, got NaN",
        SMALL + " --lr -1|--lr must be a finite number >= 0, got -1.0",
        "train --size 1 --rank 1 --observed 1 --quiet|size must be at least 2 entries",
        "train --size 100000 --quiet|size must be at least 1x1 with at most 50000000 entries",
    })
    void isAUsageErrorNamingWhatWasWritten(String command, String expected) {
        CliRun run = CliRun.of(command.split(" "));
        assertEquals(2, run.code(), run.out() + run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(run.err().contains("--opt") && !command.contains("--opt"), run.err());
        assertFalse(run.err().contains("TACIT_OPTS"), "no heap advice for a size refused anyway: " + run.err());
        assertEquals("", run.out());
    }

    /** Before the fix: "lower the learning rate", which has not acted yet at iteration 0. */
    @ParameterizedTest
    @CsvSource({"1e-320"})
    void aStartThatUnderflowsIsBlamedOnTheStart(String scale) {
        CliRun run = CliRun.of("train", "--size", "10", "--rank", "1", "--observed", "40", "--iterations", "3",
                "--quiet", "--init-scale", scale);
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("the starting point itself is not usable"), run.err());
        assertFalse(run.err().contains("lower the learning rate"), run.err());
    }
}
