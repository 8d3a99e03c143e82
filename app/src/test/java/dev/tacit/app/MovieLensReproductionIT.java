package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tacit.data.testkit.SharedData;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MovieLens claims on the real data, on the built image: tens of minutes, so only in the {@code reproduce}
 * profile ({@code mvn -Preproduce verify}), and skipped when the data is absent.
 */
@Tag("reproduction")
class MovieLensReproductionIT {

    private static final long MINUTES = 60;

    private static Path data() {
        Optional<Path> dir = SharedData.movieLens100k();
        assumeTrue(dir.isPresent(), "MovieLens-100K not found (see SharedData); skipped");
        return dir.get();
    }

    @Test
    void embeddingWithAdamAndTheRatioPenaltyUnderTheHonestProtocol() throws Exception {
        CliRun run = Image.run(120 * MINUTES, "movielens", "--data-dir", data().toString(), "--protocol", "honest",
                "--epochs", "40", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.number("test_rmse") <= 0.93, run.out());
    }

    @Test
    void withoutThePenaltyTheFixedBudgetOverfits() throws Exception {
        // docs/method.md §8 [calibrated]: best near epoch 13 (0.908), about 1.02 by epoch 40.
        CliRun run = Image.run(60 * MINUTES, "movielens", "--data-dir", data().toString(), "--penalty", "none",
                "--epochs", "40", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.number("test_rmse") > 0.98, run.out());
    }

    @Test
    void gradientDescentRowsAreClearlyWorse() throws Exception {
        CliRun run = Image.run(60 * MINUTES, "movielens", "--data-dir", data().toString(), "--optimizer", "gd",
                "--penalty", "none", "--epochs", "10", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.number("test_rmse") > 1.5, run.out());
    }
}
