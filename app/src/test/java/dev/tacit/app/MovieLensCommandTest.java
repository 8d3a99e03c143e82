package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tacit.data.movielens.MovieLens100k;
import dev.tacit.data.testkit.MovieLensFiles;
import dev.tacit.data.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tacit movielens}, in-process, on a small generated dataset in the ml-100k format. */
class MovieLensCommandTest {

    @TempDir
    static Path tmp;

    static Path data;

    @BeforeAll
    static void generate() throws IOException {
        data = MovieLensFiles.small(tmp.resolve("ml-100k"), 21); // 60 users, 80 items, 1500 ratings
    }

    private static CliRun movielens(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "movielens";
        all[1] = "--data-dir";
        all[2] = data.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }

    @Test
    void embeddingStudyRunReportsJsonWithTheConfiguration() {
        CliRun run = movielens("--protocol", "study", "--epochs", "3", "--dimension", "8", "--batch-size", "64",
                "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        for (String key : List.of("train_rmse", "test_rmse", "seconds", "iterations", "selected_iteration",
                "ms_per_iteration", "peak_heap_mb")) {
            assertTrue(Double.isFinite(run.number(key)), key + " in " + run.out());
        }
        assertEquals(3 * Math.ceil(1350 / 64.0), run.number("iterations"), "3 epochs of batches of 64 of 1350");
        assertTrue(run.out().contains("\"validation_rmse\":null"), "no validation in the study protocol");
        assertTrue(run.out().contains("\"config\":{\"model\":\"embedding\",\"dimension\":8,\"batch_size\":64,"
                + "\"epochs\":3,\"optimizer\":\"adam\",\"lr\":0.001"), run.out());
        assertTrue(run.out().contains("\"split\":\"0.9\""), run.out());
        assertTrue(run.out().contains("\"official\":false"), run.out());
        assertTrue(run.out().contains("\"test\":150"), "10% of 1500 test ratings: " + run.out());
        assertEquals(1, run.out().trim().lines().count());
        assertTrue(run.err().isEmpty(), run.err());
    }

    @Test
    void withoutOptionsTheProtocolIsHonestWithTheMeasuredDefaults() {
        CliRun embedding = movielens("--epochs", "2", "--dimension", "4", "--json", "--quiet");
        assertEquals(0, embedding.code(), embedding.err());
        assertTrue(embedding.out().contains("\"protocol\":\"honest\""), embedding.out());
        assertTrue(embedding.out().contains("\"lambda_grid\":[0.0,0.001]"), embedding.out());
        assertTrue(Double.isFinite(embedding.number("validation_rmse")), embedding.out());
        CliRun network = movielens("--model", "lnn", "--iterations", "2", "--eval-every", "1", "--init-rank", "3",
                "--json", "--quiet");
        assertEquals(0, network.code(), network.err());
        for (String setting : List.of("\"scaling\":\"biases\"", "\"lr\":0.01", "\"lambda_grid\":[0.03,0.1,0.3]",
                "\"patience\":3")) {
            assertTrue(network.out().contains(setting), setting + " in " + network.out());
        }
        CliRun weighed = movielens("--epochs", "1", "--dimension", "4", "--lambda", "0.01", "--json", "--quiet");
        assertTrue(weighed.out().contains("\"lambda_grid\":[]"), "a λ given replaces the grid: " + weighed.out());
    }

    @Test
    void theSameSeedGivesTheSameNumbers() {
        String[] args = {"--epochs", "2", "--dimension", "4", "--json", "--quiet", "--seed", "3"};
        double a = movielens(args).number("test_rmse");
        assertEquals(a, movielens(args).number("test_rmse"));
    }

    @Test
    void honestProtocolSelectsOnValidationAndScoresTestOnce() {
        CliRun run = movielens("--protocol", "honest", "--epochs", "30", "--patience", "2", "--dimension", "8",
                "--batch-size", "32", "--lr", "0.01", "--lambda-grid", "0,0.1", "--json");
        assertEquals(0, run.code(), run.err());
        assertTrue(Double.isFinite(run.number("validation_rmse")), run.out());
        assertTrue(Double.isFinite(run.number("test_rmse")), run.out());
        // During training the test ratings are never scored: every progress line shows none.
        assertTrue(run.err().contains("valid "), run.err());
        assertFalse(run.err().lines().filter(l -> l.contains("epoch ") && l.contains("test"))
                .anyMatch(l -> !l.contains("test   -")), "no test RMSE during training: " + run.err());
        assertTrue(run.out().contains("\"candidates\":[{\"lambda_user\":0.0"), run.out());
        assertTrue(run.out().contains("{\"lambda_user\":0.1,\"lambda_item\":0.1"), run.out());
        assertTrue(run.out().contains("\"validation\":68"), "5% of 1350 training ratings: " + run.out());
    }

    @Test
    void networkOnTheRatingMatrixWithEvaluationsEverySoManySteps(@TempDir Path out) throws IOException {
        Path curve = out.resolve("curve.csv");
        CliRun run = movielens("--protocol", "study", "--model", "lnn", "--iterations", "30", "--eval-every", "10",
                "--lr", "0.01", "--scaling", "center", "--split", "u1", "--curve", curve.toString(), "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertEquals(30, run.number("iterations"));
        assertTrue(run.out().contains("\"curve\":[{\"iteration\":10,"), run.out());
        assertTrue(run.out().contains("\"split\":\"u1\""), run.out());
        List<String> lines = Files.readAllLines(curve);
        assertEquals(4, lines.size(), "header and three evaluations: " + lines);
        assertTrue(lines.get(0).startsWith("lambda_user,lambda_item,iteration,epoch,seconds"), lines.get(0));
    }

    @Test
    void theNetworkCanStartFromTheSpectralEstimate() {
        CliRun random = networkAtItsStart("--scaling", "center");
        CliRun start = networkAtItsStart("--scaling", "center", "--init-rank", "3");
        assertEquals(0, start.code(), start.err());
        assertTrue(start.out().contains("\"init_rank\":3"), start.out());
        assertTrue(random.out().contains("\"init_rank\":0"), random.out());
        // The spectral start fits the training ratings better than predicting their mean.
        assertTrue(start.number("train_rmse") < random.number("train_rmse") - 0.05,
                start.number("train_rmse") + " against " + random.number("train_rmse"));
    }

    @Test
    void aSpectralStartAboveTheMatrixRankIsAUsageError() {
        CliRun run = networkAtItsStart("--init-rank", "61");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("--init-rank must be at most min(rows, cols) = 60, got 61"), run.err());
        assertTrue(run.out().isEmpty(), run.out());
    }

    @Test
    void theBaselineScalingIsFittedOnTrainingRatingsAndUndoneBeforeScoring() {
        CliRun biases = networkAtItsStart("--scaling", "biases");
        CliRun mean = networkAtItsStart("--scaling", "center");
        assertEquals(0, biases.code(), biases.err());
        assertTrue(biases.out().contains("\"scaling\":\"biases\""), biases.out());
        // With W ≈ 0 the predictions are the baseline μ + b_u + b_i, which fits the training ratings better than μ.
        assertTrue(biases.number("train_rmse") < mean.number("train_rmse"),
                biases.number("train_rmse") + " against " + mean.number("train_rmse"));
    }

    /** One negligible step of the network, so the scores are those of its start. */
    private static CliRun networkAtItsStart(String... options) {
        List<String> args = new ArrayList<>(List.of("--protocol", "study", "--model", "lnn", "--iterations", "1",
                "--eval-every", "1", "--lr", "1e-12", "--json", "--quiet"));
        args.addAll(List.of(options));
        return movielens(args.toArray(String[]::new));
    }

    @Test
    void textSummary() {
        CliRun run = movielens("--epochs", "1", "--dimension", "4", "--split", "kfold:5:2", "--penalty", "none");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Trained the embedding model (d 4), adam (lr 0.001), no penalty"), run.out());
        assertTrue(run.out().contains("test RMSE"), run.out());
        assertTrue(run.err().contains("epoch 1/1"), run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--split|0.95x|--split must be a training fraction in (0, 1)",
        "--split|u9|--split must be a training fraction",
        "--model|mlp|--model must be one of lnn, embedding",
        "--protocol|fair|--protocol must be one of study, honest",
        "--scaling|log|--scaling must be one of none, center, zscore, minmax",
        "--validation|0.7|--validation must be a fraction of the training ratings in [0, 0.5]",
        "--epochs|0|--epochs must be at least 1",
        "--optimizer|sgdx|unknown optimizer 'sgdx' for --optimizer",
        "--lambda-grid|0.1|--lambda-grid chooses λ on validation ratings",
        "--dimension|0|--dimension must be between 1 and 4096",
        "--init-rank|-1|--init-rank must be 0 (random start) or a rank of at least 1",
        "--init-rank|5|--init-rank starts the network (--model lnn)",
    })
    void badOptionsAreUsageErrors(String option, String value, String message) {
        List<String> args = new ArrayList<>(List.of(option, value));
        if (!option.equals("--protocol")) {
            args.addAll(List.of("--protocol", "study"));
        }
        if (!option.equals("--epochs")) {
            args.addAll(List.of("--epochs", "1"));
        }
        CliRun run = movielens(args.toArray(String[]::new));
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertTrue(run.out().isEmpty(), run.out());
    }

    @Test
    void honestWithoutValidationIsAUsageError() {
        CliRun run = movielens("--protocol", "honest", "--validation", "0");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("give --validation a fraction above 0"), run.err());
    }

    @Test
    void malformedDataNamesFileAndLineWithExitCodeTwo(@TempDir Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>(MovieLensFiles.release(MovieLensFiles.ratings(10, 10, 4, 1), 1));
        files.put("u.data", files.get("u.data").replaceFirst("\t[1-5]\t", "\t7\t"));
        MovieLensFiles.write(dir, files);
        CliRun run = CliRun.of("movielens", "--data-dir", dir.toString(), "--epochs", "1");
        assertEquals(2, run.code());
        assertTrue(run.err().contains(dir.resolve("u.data") + ":1: rating 7 is out of range; ratings must be from 1 "
                + "to 5"), run.err());
        CliRun missing = CliRun.of("movielens", "--data-dir", dir.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file or directory"), missing.err());
        CliRun notCached = CliRun.of("movielens", "--cache-dir", dir.resolve("empty-cache").toString());
        assertEquals(2, notCached.code());
        assertTrue(notCached.err().contains("run 'tacit data fetch ml-100k' first"), notCached.err());
    }

    @Test
    void reproductionWritesMarkdownAndCsvBesideThePublishedNumbers(@TempDir Path out) throws IOException {
        CliRun run = CliRun.of("movielens", "reproduce", "--data-dir", data.toString(), "--rows", "1,7",
                "--seeds", "0,1", "--epochs", "1", "--iterations", "5", "--eval-every", "5", "--out", out.toString(),
                "--quiet");
        assertEquals(0, run.code(), run.err());
        String md = Files.readString(out.resolve("table.md"));
        assertTrue(md.contains("| 1 | depth-1 network, GD | 2.814 |"), md);
        assertTrue(md.contains("| 7 | user-item embedding, Adam | 1.282 |"), md);
        assertTrue(md.contains("NOT the official file"), md);
        List<String> csv = Files.readAllLines(out.resolve("table.csv"));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("1,lnn,gd,none,2.814,"), csv.get(1));
        assertEquals(4, Files.readAllLines(out.resolve("runs.jsonl")).size(), "two rows of two seeds");
        try (var s = Files.list(out)) {
            assertEquals(3, s.count(), "no temporary files are left");
        }
    }

    @Test
    void quickRunOnTheRealData() {
        Optional<Path> real = SharedData.movieLens100k();
        assumeTrue(real.isPresent(), "MovieLens-100K not found (see SharedData); skipped");
        CliRun run = CliRun.of("movielens", "--data-dir", real.get().toString(), "--epochs", "2", "--penalty",
                "none", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("\"u_data_sha256\":\"" + MovieLens100k.U_DATA_SHA256 + "\",\"official\":true"),
                run.out());
        assertEquals(10_000, run.number("test"));
        // Two epochs of the reference settings move far from the untrained model (about 2.75: predictions near 0,
        // clipped to the floor of the scale); measured 0.995 on this seed.
        assertTrue(run.number("test_rmse") < 1.1, run.out());
    }
}
