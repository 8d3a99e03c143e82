package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.testkit.MovieLensFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding model's step choice through the command line: the sparse step, its cadence and what is refused. */
class SparseStepCommandTest {

    @TempDir
    static Path tmp;

    static Path ratings;

    @BeforeAll
    static void release() throws IOException {
        ratings = MovieLensFiles.small(tmp.resolve("ml-100k"), 22).resolve("u.data");
    }

    private static CliRun fit(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("fit", "--ratings", ratings.toString(), "--out",
                tmp.resolve("model.npz").toString(), "--epochs", "2", "--dimension", "8", "--seed", "3", "--json",
                "--quiet"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void smallDataTakesTheDenseStepAndTheSparseStepIsThereOnRequest() {
        CliRun auto = fit();
        assertEquals(0, auto.code(), auto.err());
        assertTrue(auto.out().contains("\"step\":\"dense\""), "1,500 ratings stay dense: " + auto.out());
        CliRun sparse = fit("--step", "sparse", "--penalty-every", "3", "--lr", "0.05", "--batch-size", "16");
        assertEquals(0, sparse.code(), sparse.err());
        assertTrue(sparse.out().contains("\"step\":\"sparse\"") && sparse.out().contains("\"penalty_every\":3"),
                sparse.out());
        // Trained: below the 2.66 of the untrained model, whose predictions near 0 all clip to 1 star.
        assertTrue(sparse.number("validation_rmse") < 2, sparse.out());
        assertEquals(sparse.number("validation_rmse"), fit("--step", "sparse", "--penalty-every", "3", "--lr", "0.05", "--batch-size", "16")
                .number("validation_rmse"), "the same seed gives the same model");
    }

    @Test
    void whatTheSparseStepCannotDoIsAUsageErrorNamingTheOption() {
        assertRefused(fit("--step", "sparse", "--optimizer", "gd"), "--optimizer adam");
        assertRefused(fit("--step", "sparse", "--penalty", "nuclear"), "--penalty ratio");
        assertRefused(fit("--step", "sparse", "--penalty-opt", "refresh=4"), "--penalty-opt");
        assertRefused(fit("--penalty-every", "4"), "--step sparse");
        assertRefused(fit("--step", "sparse", "--model", "lnn"), "--model embedding");
        assertRefused(fit("--step", "sparse", "--penalty-every", "-1"), "--penalty-every");
        assertRefused(fit("--step", "fast"), "--step");
    }

    private static void assertRefused(CliRun run, String named) {
        assertEquals(2, run.code(), run.out() + run.err());
        assertTrue(run.err().contains(named), named + " in: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void theNetworkRefusesMoreThanMovieLens1MAtOnce() throws IOException {
        // 5,100 users × 5,100 items: 26 M entries, a little over the network's limit, and small enough for any heap.
        StringBuilder csv = new StringBuilder();
        for (int k = 0; k < 5_100; k++) {
            csv.append("u").append(k).append(",i").append(k).append(",4\n");
        }
        Path file = Files.writeString(tmp.resolve("diagonal.csv"), csv.toString());
        CliRun run = CliRun.of("fit", "--ratings", file.toString(), "--out", tmp.resolve("d.npz").toString(),
                "--model", "lnn");
        assertRefused(run, "use --model embedding");
        assertTrue(run.err().contains("the largest it takes"), run.err());
    }
}
