package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The claims of the core issue on the default synthetic problem (rank 5, 100×100, 2000 observed, seed 0), run on the
 * built image. Minutes each, so they run only in the {@code reproduce} profile: {@code mvn -Preproduce verify}.
 */
@Tag("reproduction")
class ReproductionIT {

    private static final long MINUTES = 60;

    @Test
    void adamWithTheRatioPenaltyCompletesTheMatrixAtDepthOne() throws Exception {
        CliRun run = Image.run(10 * MINUTES, "train", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.number("test_rmse") < 0.01, run.out());
        assertTrue(Math.abs(run.number("effective_rank") - run.number("target_effective_rank")) < 0.1, run.out());
    }

    @Test
    void withoutThePenaltyAdamLeavesTheUnobservedEntriesAlone() throws Exception {
        CliRun run = Image.run(10 * MINUTES, "train", "--lambda", "0", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.number("test_rmse") > 0.9, run.out());
    }

    @Test
    void gradientDescentWithThePenaltyDoesNotComplete() throws Exception {
        CliRun run = Image.run(10 * MINUTES, "train", "--optimizer", "gd", "--lr", "100", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.number("test_rmse") > 0.5, run.out());
    }

    @Test
    void depthThreeGradientDescentBeatsDepthOne() throws Exception {
        // Arora et al.'s implicit regularisation: GD (lr 5 on the mean loss), no penalty, 20,000 iterations.
        CliRun deep = Image.run(10 * MINUTES, "train", "--optimizer", "gd", "--lr", "5", "--depth", "3",
                "--lambda", "0", "--iterations", "20000", "--json", "--quiet");
        CliRun shallow = Image.run(10 * MINUTES, "train", "--optimizer", "gd", "--lr", "5", "--depth", "1",
                "--lambda", "0", "--iterations", "20000", "--json", "--quiet");
        assertEquals(0, deep.code(), deep.err());
        assertEquals(0, shallow.code(), shallow.err());
        assertTrue(deep.number("test_rmse") < 0.1, deep.out());
        assertTrue(shallow.number("test_rmse") > 0.9, shallow.out());
    }
}
