package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tacit.data.testkit.Corruptions;
import dev.tacit.data.testkit.MovieLensFiles;
import dev.tacit.data.testkit.Python;
import dev.tacit.data.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own data, from the command line: fit a ratings file, save the model, predict, recommend and evaluate
 * with it; complete a Matrix Market file; and every damaged input is a usage error with a message.
 */
class OwnDataCommandTest {

    @TempDir
    static Path tmp;

    static Path release;
    static Path model;

    /** A small MovieLens-style release (60 users, 80 items, 1,500 ratings) and a model fitted on its u.data. */
    @BeforeAll
    static void fit() throws IOException {
        release = MovieLensFiles.small(tmp.resolve("ml-100k"), 21);
        model = tmp.resolve("model.npz");
        CliRun run = CliRun.of("fit", "--ratings", release.resolve("u.data").toString(), "--out", model.toString(),
                "--epochs", "3", "--dimension", "8", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        for (String key : List.of("train_rmse", "validation_rmse", "seconds", "ratings", "users", "items")) {
            assertTrue(Double.isFinite(run.number(key)), key + " in " + run.out());
        }
        assertEquals(1500, run.number("ratings"));
        assertTrue(Files.isRegularFile(model));
    }

    @Test
    void fitOnUDataThroughTheGenericPathGivesWhatMovielensGives() {
        compareWithMovielens(release, "--epochs", "2", "--dimension", "8");
        compareWithMovielens(release, "--model", "lnn", "--iterations", "20", "--eval-every", "5", "--init-rank", "3");
    }

    @Test
    void fitOnTheRealUDataGivesWhatMovielensGives() {
        Optional<Path> real = SharedData.movieLens100k();
        assumeTrue(real.isPresent(), "MovieLens-100K is not on this machine: skipped");
        compareWithMovielens(real.get(), "--epochs", "1", "--dimension", "16", "--penalty", "none");
    }

    private static void compareWithMovielens(Path dir, String... settings) {
        List<String> shared = new java.util.ArrayList<>(List.of(settings));
        shared.addAll(List.of("--split", "0.9", "--seed", "4", "--json", "--quiet"));
        List<String> ml = new java.util.ArrayList<>(List.of("movielens", "--data-dir", dir.toString()));
        ml.addAll(shared);
        List<String> fit = new java.util.ArrayList<>(List.of("fit", "--ratings", dir.resolve("u.data").toString(),
                "--out", tmp.resolve("compare.npz").toString()));
        fit.addAll(shared);
        CliRun a = CliRun.of(ml.toArray(String[]::new));
        CliRun b = CliRun.of(fit.toArray(String[]::new));
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        for (String key : List.of("train_rmse", "validation_rmse", "test_rmse", "selected_iteration")) {
            assertEquals(a.number(key), b.number(key), key + ": movielens " + a.out() + "\nfit " + b.out());
        }
    }

    @Test
    void theDefaultsBeatTheMeanOnASmallRatingSet() {
        // 2,000 ratings of 60 users on 80 items: few mini-batches an epoch, where raw ratings (predictions starting
        // near 0, clipped to 1) were cut off by early stopping at an RMSE near 2.7.
        Path ratings = tmp.resolve("small-synth.csv");
        CliRun synth = CliRun.of("data", "synth", "--ratings", "2000", "--users", "60", "--items", "80", "--seed", "3",
                "--out", ratings.toString(), "--json", "--quiet");
        assertEquals(0, synth.code(), synth.err());
        for (String model : List.of("embedding", "lnn")) {
            CliRun fit = CliRun.of("fit", "--ratings", ratings.toString(), "--out", tmp.resolve(model + ".npz").toString(),
                    "--model", model, "--split", "0.9", "--json", "--quiet");
            assertEquals(0, fit.code(), fit.err());
            // The training mean predicts with an RMSE of about the ratings' standard deviation.
            assertTrue(fit.number("test_rmse") < synth.number("rating_sd"),
                    model + ": test RMSE " + fit.number("test_rmse") + " against sd " + synth.number("rating_sd"));
        }
    }

    @Test
    void predictWritesCsvWithThePredictionLastAndFollowsTheUnknownPolicy() throws IOException {
        // The release's ids: users 2u + 1, items 3(i + 1) (MovieLensFiles).
        Path pairs = Files.writeString(tmp.resolve("pairs.csv"), "user,item\n1,3\n3,6\n999999,3\n1,999999\n");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--pairs", pairs.toString());
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("user,item,prediction", lines.get(0));
        assertEquals(5, lines.size(), run.out());
        for (String line : lines.subList(1, 5)) {
            double p = Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
            assertTrue(p >= 1 && p <= 5, "clipped to the rating range: " + line);
        }
        CliRun skip = CliRun.of("predict", "--model", model.toString(), "--pairs", pairs.toString(), "--unknown",
                "skip");
        assertEquals(3, skip.out().lines().count(), skip.out());
        CliRun error = CliRun.of("predict", "--model", model.toString(), "--pairs", pairs.toString(), "--unknown",
                "error");
        assertEquals(2, error.code());
        assertTrue(error.err().contains(pairs + ", line 4: the model knows no user '999999'"), error.err());
        CliRun bad = CliRun.of("predict", "--model", model.toString(), "--pairs", pairs.toString(), "--unknown",
                "guess");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--unknown must be one of baseline, mean, skip, error"), bad.err());
    }

    @Test
    void recommendRanksUnseenItemsAndEvaluateScoresHeldOutRatings() throws IOException {
        CliRun one = CliRun.of("recommend", "--model", model.toString(), "--user", "1", "--top", "5", "--json");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().startsWith("{\"user\":\"1\",\"known\":true,\"items\":[{\"item\":"), one.out());
        Path users = Files.writeString(tmp.resolve("users.txt"), "1\n2\nnewcomer\n");
        CliRun many = CliRun.of("recommend", "--model", model.toString(), "--users", users.toString(), "--top", "3");
        // Users 1 and 2 of the file: 1 is known, 2 is not (ids are odd): both get three items, as does the newcomer.
        assertEquals(0, many.code(), many.err());
        assertEquals(1 + 9, many.out().lines().count(), many.out());
        assertTrue(many.out().lines().anyMatch(l -> l.startsWith("newcomer,1,")), "a new user gets the baseline");
        CliRun none = CliRun.of("recommend", "--model", model.toString());
        assertEquals(2, none.code());

        CliRun eval = CliRun.of("evaluate", "--model", model.toString(), "--ratings",
                release.resolve("u1.test").toString(), "--top", "5", "--json");
        assertEquals(0, eval.code(), eval.err());
        for (String key : List.of("rmse", "mae", "precision_at_k", "recall_at_k", "ndcg_at_k", "map_at_k")) {
            assertTrue(eval.out().contains("\"" + key + "\":"), key + " in " + eval.out());
        }
    }

    @Test
    void theNetworkRefusesAMatrixItCannotHoldAndNamesTheEmbedding() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int k = 0; k < 60_000; k++) {
            csv.append("user").append(k).append(",item").append(k).append(",3\n");
        }
        Path wide = Files.writeString(tmp.resolve("wide.csv"), csv.toString());
        Path out = tmp.resolve("wide.npz");
        CliRun run = CliRun.of("fit", "--ratings", wide.toString(), "--out", out.toString(), "--model", "lnn");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("use --model embedding"), run.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void completeReadsScipysMatrixMarketAndWritesWhatScipyAndNumpyRead() throws IOException {
        assumeTrue(Python.has("numpy", "scipy"), "python3 with NumPy and SciPy is not available: skipped");
        Path input = tmp.resolve("input.mtx");
        Python.run(String.join("\n",
                "import sys, numpy as np, scipy.sparse as sp, scipy.io as sio",
                "rng = np.random.default_rng(3); W = rng.normal(size=(30, 3)) @ rng.normal(size=(3, 25))",
                "mask = rng.random(W.shape) < 0.5",
                "sio.mmwrite(sys.argv[1], sp.coo_matrix(np.where(mask, W, 0.0)))"), input);
        for (String ext : List.of(".mtx", ".npy")) {
            Path out = tmp.resolve("completed" + ext);
            CliRun run = CliRun.of("complete", "--input", input.toString(), "--method", "softimpute", "--output",
                    out.toString(), "--holdout", "0.1", "--json", "--quiet");
            assertEquals(0, run.code(), run.err());
            // Far better than the entries' own scale (RMS about 1.7): the held-out entries are completed.
            assertTrue(run.number("holdout_rmse") < 0.5, run.out());
            String shape = Python.run(String.join("\n",
                    "import sys, numpy as np, scipy.io as sio",
                    "Z = np.load(sys.argv[1], allow_pickle=False) if sys.argv[1].endswith('.npy') "
                            + "else sio.mmread(sys.argv[1])",
                    "print(Z.shape, bool(np.isfinite(Z).all()))"), out);
            assertEquals("(30, 25) True", shape.strip(), ext);
        }
        CliRun bad = CliRun.of("complete", "--input", input.toString(), "--method", "cp", "--output",
                tmp.resolve("out.csv").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("end the name in .mtx (Matrix Market) or .npy (NumPy)"), bad.err());
    }

    @Test
    void damagedModelRatingsAndMatrixFilesAreUsageErrorsWithoutAStackTrace() throws IOException {
        byte[] modelBytes = Files.readAllBytes(model);
        byte[] ratingBytes = Files.readAllBytes(release.resolve("u1.test"));
        byte[] matrixBytes = ("%%MatrixMarket matrix coordinate real general\n4 3 5\n1 1 1.5\n2 2 -1\n3 3 2\n"
                + "4 1 0.5\n1 3 7\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SplittableRandom rng = new SplittableRandom(2026);
        Path damaged = tmp.resolve("damaged.bin");
        int cases = 0;
        for (int k = 0; k < 500; k++) {
            Files.write(damaged, Corruptions.damage(modelBytes, rng));
            check(CliRun.of("predict", "--model", damaged.toString(), "--pairs", damaged.toString()), "model " + k);
            cases++;
        }
        for (int k = 0; k < 300; k++) {
            Files.write(damaged, Corruptions.damage(ratingBytes, rng));
            check(CliRun.of("evaluate", "--model", model.toString(), "--ratings", damaged.toString()), "ratings " + k);
            cases++;
        }
        for (int k = 0; k < 250; k++) {
            Files.write(damaged, Corruptions.damage(matrixBytes, rng));
            Path out = tmp.resolve("fuzz-out.npy");
            CliRun run = CliRun.of("complete", "--input", damaged.toString(), "--method", "optspace", "--method-opt",
                    "max_iterations=2", "--output", out.toString(), "--quiet");
            check(run, "matrix " + k);
            assertFalse(run.code() == 2 && Files.exists(out), "nothing written for a refused matrix " + k);
            Files.deleteIfExists(out);
            cases++;
        }
        assertEquals(1050, cases);
    }

    private static void check(CliRun run, String what) {
        assertTrue(run.code() == 0 || run.code() == 2, what + ": exit " + run.code() + "\n" + run.err());
        assertFalse(run.err().contains("internal error") || run.err().contains("\tat "), what + ": " + run.err());
        if (run.code() == 2) {
            assertTrue(run.err().startsWith("tacit: "), what + " says why: " + run.err());
        }
    }
}
