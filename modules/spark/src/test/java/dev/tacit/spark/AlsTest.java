package dev.tacit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.io.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tacit-spark als} on local[2]: ALS recovers a low-rank rating set from a sample of it. */
class AlsTest {

    @TempDir
    Path tmp;

    /**
     * A rank-3 set of 60 users × 40 items (the constant 3 plus the rank-2 ⟨p_u, q_i⟩, as ALS has no bias terms), 60%
     * of the pairs rated exactly (no noise), in a file as {@code tacit fit} reads it.
     */
    static Path lowRankRatings(Path file, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int users = 60;
        int items = 40;
        double[][] p = new double[users][2];
        double[][] q = new double[items][2];
        for (double[] row : p) {
            row[0] = random.nextGaussian() * 0.7;
            row[1] = random.nextGaussian() * 0.7;
        }
        for (double[] row : q) {
            row[0] = random.nextGaussian() * 0.7;
            row[1] = random.nextGaussian() * 0.7;
        }
        StringBuilder sb = new StringBuilder("user,item,rating\n");
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (random.nextDouble() < 0.6) {
                    sb.append(String.format(Locale.ROOT, "u%d,i%d,%.6f%n", u, i,
                            3 + p[u][0] * q[i][0] + p[u][1] * q[i][1]));
                }
            }
        }
        return Files.writeString(file, sb.toString());
    }

    /** More than 10 iterations: ALS then needs the checkpoint directory a local master is given. */
    @Test
    void alsRecoversALowRankSetAndReportsLikeFit() throws IOException {
        Path ratings = lowRankRatings(tmp.resolve("ratings.csv"), 7);
        SweepTest.Run run = SweepTest.tacitSpark("als", "--ratings", ratings.toString(), "--split", "0.9",
                "--rank", "3", "--reg", "0.001,0.3", "--iterations", "15", "--json", "--master", "local[2]");
        assertEquals(0, run.code(), run.err());
        Map<String, Object> json = JsonReader.object(run.out().strip());
        double test = ((Number) json.get("test_rmse")).doubleValue();
        // The ratings spread with a standard deviation of about 0.5 around 3; a recovered rank-3 model predicts the
        // held-out ones to within a few hundredths (the small regularisation's bias), a mean predictor to 0.5.
        assertTrue(test < 0.05, "test RMSE " + test);
        assertEquals(0.001, ((Number) json.get("chosen_reg")).doubleValue(), "the grid's choice on validation");
        for (String key : new String[] {"train_rmse", "validation_rmse", "test_mae", "seconds", "ratings", "users",
            "items", "candidates", "config", "data"}) {
            assertTrue(json.containsKey(key), key);
        }
        assertEquals(60.0, ((Number) json.get("users")).doubleValue());
    }

    @Test
    void badUsageIsExitCodeTwo() throws IOException {
        SweepTest.Run none = SweepTest.tacitSpark("als", "--master", "local[2]");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("exactly one of --data-dir"), none.err());
        SweepTest.Run missing = SweepTest.tacitSpark("als", "--ratings", tmp.resolve("absent.csv").toString(),
                "--master", "local[2]");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such readable file"), missing.err());
        Path ratings = lowRankRatings(tmp.resolve("r.csv"), 1);
        SweepTest.Run reg = SweepTest.tacitSpark("als", "--ratings", ratings.toString(), "--reg", "-1");
        assertEquals(2, reg.code());
        assertTrue(reg.err().contains("--reg must be numbers"), reg.err());
        SweepTest.Run split = SweepTest.tacitSpark("als", "--ratings", ratings.toString(), "--split", "1.5");
        assertEquals(2, split.code());
        assertTrue(split.err().contains("split"), split.err());
    }
}
