package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line, run in-process with captured output. */
class TrainCommandTest {

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("tacit "), version.out());
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("train"), help.out());
        CliRun trainHelp = CliRun.of("train", "--help");
        assertEquals(0, trainHelp.code());
        for (String option : List.of("--size", "--rank", "--observed", "--depth", "--optimizer", "--lr", "--penalty",
                "--lambda", "--iterations", "--init-scale", "--seed", "--eval-every", "--json")) {
            assertTrue(trainHelp.out().contains(option), option + " in: " + trainHelp.out());
        }
        assertEquals(2, CliRun.of().code(), "a subcommand is required");
    }

    @Test
    void jsonHasTheResultsAndTheConfiguration() {
        CliRun run = CliRun.of("train", "--size", "30", "--rank", "2", "--observed", "300", "--iterations", "60",
                "--eval-every", "20", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        for (String key : List.of("train_rmse", "test_rmse", "relative_error", "effective_rank",
                "target_effective_rank", "iterations", "seconds")) {
            assertTrue(Double.isFinite(run.number(key)), key);
        }
        assertEquals(60, run.number("iterations"));
        assertTrue(run.out().contains("\"config\":{\"size\":\"30x30\",\"rank\":2,\"observed\":300,\"depth\":1,"
                + "\"optimizer\":\"adam\",\"lr\":0.001"), run.out());
        assertEquals(1, run.out().trim().lines().count(), "exactly one line of JSON on stdout");
        assertTrue(run.err().isEmpty(), "--quiet prints no progress: " + run.err());
    }

    @Test
    void progressAndSummary() {
        CliRun run = CliRun.of("train", "--size", "20", "--rank", "2", "--observed", "150", "--iterations", "40",
                "--eval-every", "20");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("[20/40  50%]"), run.err());
        assertTrue(run.out().contains("test RMSE"), run.out());
        assertTrue(run.out().contains("effective rank"), run.out());
    }

    @Test
    void withoutThePenaltyDepthOneCannotMoveTheUnobservedEntries() {
        // The data term's gradient is zero off Ω, so every unobserved entry keeps its tiny initial value and the
        // test RMSE stays near the RMS of W*, which is 1 (docs/method.md §6).
        CliRun run = CliRun.of("train", "--lambda", "0", "--iterations", "2000", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.number("test_rmse") > 0.9, run.out());
        assertTrue(run.number("train_rmse") < 0.5, "the observed entries are being fitted: " + run.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "--rank|500|--rank must be between 1 and 100",
        "--observed|10000|--observed must be between 1 and 9999",
        "--size|10x|'10x' is not a size",
        "--depth|0|--depth must be between 1 and 64",
        "--lambda|-1|--lambda must be a finite number >= 0",
        "--init-scale|0|--init-scale must be positive",
        "--eval-every|0|--eval-every must be at least 1",
        "--iterations|abc|Invalid value for option '--iterations'",
        "--optimizer|sgdx|unknown optimizer 'sgdx' for --optimizer; choose one of: adadelta, adagrad, adam,",
        "--penalty|l1|unknown penalty 'l1' for --penalty",
        "--lr|-0.1|--lr must be a finite number >= 0, got -0.1",
    })
    void badInputIsAUsageErrorThatNamesTheOption(String option, String value, String message) {
        CliRun run = CliRun.of("train", option, value, "--iterations", "5");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertFalse(run.err().contains("Exception"), "no stack trace: " + run.err());
        assertTrue(run.out().isEmpty(), "nothing on stdout: " + run.out());
    }

    /**
     * Beyond the generator's cap the cap is reported, not heap advice that would not help (issue 18); within it, a
     * problem larger than this JVM's heap is refused with the memory it needs and how to raise the limit.
     */
    @Test
    void aProblemTooLargeForTheHeapIsRefusedBeforeAllocating() {
        CliRun run = CliRun.of("train", "--size", "30000", "--observed", "1000");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("--size must be at least 1x1 with at most 50000000 entries"), run.err());
        assertFalse(run.err().contains("TACIT_OPTS"), run.err());
        long entries = Runtime.getRuntime().maxMemory() / MemoryBudget.BYTES_PER_ENTRY + 1;
        dev.tacit.api.UsageException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.tacit.api.UsageException.class, () -> MemoryBudget.requireFits("--size", "N", entries));
        assertTrue(e.getMessage().contains("--size N needs about") && e.getMessage().contains("TACIT_OPTS=-Xmx"),
                e.getMessage());
    }

    @Test
    void everyBadOptimizerSettingIsReportedAtOnce() {
        CliRun run = CliRun.of("train", "--opt", "beta2=2", "--opt", "bogus=1", "--opt", "eps=x");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("beta2 must be in") && run.err().contains("unknown setting 'bogus'")
                && run.err().contains("eps must be a number"), run.err());
        assertEquals(2, CliRun.of("train", "--lr", "0.1", "--opt", "lr=0.2").code(), "lr given twice");
    }

    @Test
    void divergenceStopsTheRunWithARemedy() {
        CliRun run = CliRun.of("train", "--optimizer", "gd", "--lr", "1e9", "--size", "20", "--rank", "2",
                "--observed", "150", "--iterations", "500", "--quiet");
        assertEquals(1, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("training diverged at iteration"), run.err());
        assertTrue(run.err().contains("try: lower the learning rate"), run.err());
        assertTrue(run.out().isEmpty(), "no summary of a failed run: " + run.out());
    }
}
