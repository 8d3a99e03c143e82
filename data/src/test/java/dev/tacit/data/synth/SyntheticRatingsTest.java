package dev.tacit.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.api.InvalidValueException;
import dev.tacit.data.io.JsonReader;
import dev.tacit.data.movielens.MovieLensRatings;
import dev.tacit.data.movielens.RatingScale;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rating generator: determinism, distinct pairs, the scale, heavy tails, and the noise floor it reports. */
class SyntheticRatingsTest {

    /** Relative tolerance of a Monte Carlo RMSE over 60,000 ratings: about six standard errors. */
    private static final double MONTE_CARLO = 0.015;

    @TempDir
    Path tmp;

    /** A generated set, collected in memory by the test. */
    private record Drawn(int[] users, int[] items, double[] ratings, SynthReport report) {
    }

    private static Drawn draw(SyntheticRatings g) {
        int n = (int) g.spec().ratings();
        int[] u = new int[n];
        int[] i = new int[n];
        double[] r = new double[n];
        int[] k = {0};
        SynthReport report = g.generate((user, item, rating) -> {
            u[k[0]] = user;
            i[k[0]] = item;
            r[k[0]++] = rating;
        });
        assertEquals(n, k[0]);
        return new Drawn(u, i, r, report);
    }

    @Test
    void theSameSeedWritesTheSameFileAndAnotherSeedAnotherOne() throws IOException {
        SynthSpec spec = SynthSpec.of(20_000, 300, 500).withScale(RatingScale.HALF).withSeed(4);
        Path a = tmp.resolve("a.csv");
        Path b = tmp.resolve("b.csv");
        Path c = tmp.resolve("c.csv");
        Path gz = tmp.resolve("a.csv.gz");
        SyntheticRatings.of(spec).write(a, s -> { });
        SyntheticRatings.of(spec).write(b, s -> { });
        SyntheticRatings.of(spec.withSeed(5)).write(c, s -> { });
        SyntheticRatings.of(spec).write(gz, s -> { });
        assertEquals(-1, Files.mismatch(a, b));
        assertNotEquals(-1, Files.mismatch(a, c));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertTrue(Arrays.equals(Files.readAllBytes(a), in.readAllBytes()), "gzip holds the same lines");
        }
        assertTrue(Files.size(gz) < Files.size(a) / 2);
        try (var files = Files.list(tmp)) {
            assertEquals(8, files.count(), "four files and their JSON, no temporary file left");
        }
    }

    @Test
    void everyPairIsDistinctEveryRatingOnTheScaleAndTheFileReadsBack() throws IOException {
        SynthSpec spec = SynthSpec.of(50_000, 400, 700).withScale(RatingScale.HALF).withSeed(1);
        Path file = tmp.resolve("ratings.csv");
        SynthReport report = SyntheticRatings.of(spec).write(file, s -> { });
        assertTrue(Files.readString(file).startsWith("user,item,rating\n"));
        MovieLensRatings read = MovieLensRatings.read(file); // refuses a repeated (user, item) pair
        assertEquals(50_000, read.size());
        assertEquals(400, read.users(), "every user has ratings");
        assertEquals(report.items().active(), read.items());
        for (int k = 0; k < read.size(); k++) {
            assertTrue(RatingScale.HALF.contains(read.rating(k)), "rating " + read.rating(k));
        }
        long[] perUser = new long[read.users()];
        for (int k = 0; k < read.size(); k++) {
            perUser[read.row(k)]++;
        }
        assertTrue(Arrays.stream(perUser).min().orElseThrow() >= spec.minPerUser());
        assertTrue(Arrays.stream(perUser).max().orElseThrow() <= 350, "at most half the items each");

        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(Files.readString(SyntheticRatings.metadataFile(file)));
        assertEquals(50_000L, ((Number) json.get("ratings")).longValue());
        assertEquals("0.5-5", json.get("scale"));
        assertEquals(report.noiseFloor(), ((Number) json.get("noise_floor_rmse")).doubleValue(), 1e-6);
    }

    @Test
    void denseAndHeavyUsersStillGetDistinctItems() {
        // Every user rates half the items or more, which takes the exact weighted sampling path.
        Drawn heavy = draw(SyntheticRatings.of(SynthSpec.of(10_000, 50, 400).withSeed(2)));
        Drawn full = draw(SyntheticRatings.of(SynthSpec.of(600, 20, 30).withSeed(3)));
        for (Drawn d : new Drawn[] {heavy, full}) {
            long[] keys = new long[d.users.length];
            for (int k = 0; k < keys.length; k++) {
                keys[k] = (long) d.users[k] << 32 | d.items[k];
            }
            assertEquals(keys.length, Arrays.stream(keys).distinct().count());
        }
        assertEquals(30, full.report.items().active(), "the whole matrix");
    }

    /** Gini coefficient of counts, computed here from the ratings, not from the generator's report. */
    private static double gini(int[] ids, int count) {
        long[] c = new long[count];
        for (int id : ids) {
            c[id]++;
        }
        Arrays.sort(c);
        double total = 0;
        double weighted = 0;
        for (int k = 0; k < count; k++) {
            total += c[k];
            weighted += (2.0 * (k + 1) - count - 1) * c[k];
        }
        return weighted / (count * total);
    }

    @Test
    void activityIsHeavyTailedOnBothSidesAndUniformWithoutSkew() {
        SynthSpec spec = SynthSpec.of(200_000, 2000, 3000).withSeed(6);
        Drawn skewed = draw(SyntheticRatings.of(spec));
        Drawn flat = draw(SyntheticRatings.of(spec.withSkew(0, 0)));
        double users = gini(skewed.users, 2000);
        double items = gini(skewed.items, 3000);
        // MovieLens-100K: 0.47 over users, 0.63 over items. Uniform activity gives about 0 (users) and the
        // sampling noise of a Poisson count (items: about 0.07 at 67 ratings each).
        assertTrue(users > 0.4 && users < 0.65, "users' Gini " + users);
        assertTrue(items > 0.55 && items < 0.75, "items' Gini " + items);
        assertTrue(gini(flat.users, 2000) < 0.01, "flat users' Gini " + gini(flat.users, 2000));
        assertTrue(gini(flat.items, 3000) < 0.1, "flat items' Gini " + gini(flat.items, 3000));
        assertTrue(skewed.report.users().max() > 10 * skewed.report.users().median(), skewed.report.users().toString());
        assertTrue(skewed.report.items().top10Share() > 0.35, skewed.report.items().toString());
        assertEquals(users, skewed.report.users().gini(), 1e-9);
    }

    @Test
    void theNoiseFloorMatchesAnIndependentHeldOutComputation() {
        for (SynthSpec spec : new SynthSpec[] {
            SynthSpec.of(60_000, 600, 900).withSeed(7),
            SynthSpec.of(60_000, 600, 900).withSeed(8).withScale(RatingScale.HALF).withNoise(0.4),
        }) {
            SyntheticRatings g = SyntheticRatings.of(spec);
            Drawn d = draw(g);
            // Held-out ratings of the same pairs, drawn here with another stream and quantised by nearest level.
            SplittableRandom rng = new SplittableRandom(1234);
            double[] levels = new double[spec.scale().levels()];
            for (int k = 0; k < levels.length; k++) {
                levels[k] = spec.scale().min() + k * spec.scale().step();
            }
            double best = 0;
            double clipped = 0;
            for (int k = 0; k < d.ratings.length; k++) {
                double s = g.score(d.users[k], d.items[k]);
                double x = s + spec.noise() * rng.nextGaussian();
                double held = levels[0];
                for (double level : levels) {
                    held = Math.abs(x - level) < Math.abs(x - held) ? level : held;
                }
                double e = held - g.expectedRating(s);
                best += e * e;
                double c = Math.max(spec.scale().min(), Math.min(spec.scale().max(), s));
                clipped += (held - c) * (held - c);
            }
            double heldOutFloor = Math.sqrt(best / d.ratings.length);
            double heldOutClipped = Math.sqrt(clipped / d.ratings.length);
            assertEquals(heldOutFloor, d.report.noiseFloor(), MONTE_CARLO * heldOutFloor, spec.toString());
            assertEquals(heldOutClipped, d.report.trueScoreRmse(), MONTE_CARLO * heldOutClipped, spec.toString());
            assertEquals(d.report.noiseFloor(), d.report.observedNoiseFloor(), MONTE_CARLO * heldOutFloor);
            assertTrue(d.report.noiseFloor() <= d.report.trueScoreRmse(), "no predictor beats E[r | s]");
            assertTrue(d.report.noiseFloor() < spec.noise() + 0.3, "quantisation adds at most step²/12");
        }
    }

    @Test
    void theBestPredictionMatchesMonteCarloAtEveryKindOfScore() {
        SplittableRandom rng = new SplittableRandom(11);
        for (RatingScale scale : new RatingScale[] {RatingScale.WHOLE, RatingScale.HALF}) {
            QuantisedNoise noise = new QuantisedNoise(scale, 0.6);
            for (double s : new double[] {-1, 0.7, 1.3, 2.5, 3.14, 4.8, 6.5}) {
                int n = 200_000;
                double sum = 0;
                double sum2 = 0;
                for (int k = 0; k < n; k++) {
                    double r = scale.quantise(s + 0.6 * rng.nextGaussian());
                    sum += r;
                    sum2 += r * r;
                }
                double mean = sum / n;
                assertEquals(mean, noise.mean(s), 0.01, scale + " at " + s);
                assertEquals(sum2 / n - mean * mean, noise.variance(s), 0.01, scale + " at " + s);
                assertEquals(noise.exact(s)[0], noise.mean(s), 1e-5, "the table interpolates the exact sum");
            }
        }
        assertEquals(0.5, QuantisedNoise.cdf(0), 1e-7);
        assertEquals(0.975, QuantisedNoise.cdf(1.959964), 1e-6);
    }

    @Test
    void withoutNoiseEveryRatingIsTheQuantisedScoreAndTheFloorIsZero() {
        SyntheticRatings g = SyntheticRatings.of(SynthSpec.of(5000, 100, 200).withNoise(0));
        Drawn d = draw(g);
        for (int k = 0; k < d.ratings.length; k++) {
            assertEquals(RatingScale.WHOLE.quantise(g.score(d.users[k], d.items[k])), d.ratings[k]);
        }
        assertEquals(0, d.report.noiseFloor());
        assertEquals(0, d.report.observedNoiseFloor());
    }

    @Test
    void badSettingsNameTheSettingAndItsBounds() {
        InvalidValueException few = assertThrows(InvalidValueException.class, () -> SynthSpec.of(50, 100, 10));
        assertEquals("ratings", few.setting());
        assertTrue(few.requirement().startsWith("between 100 (users × 1 per user) and 1000"), few.requirement());
        assertEquals("ratings", assertThrows(InvalidValueException.class, () -> SynthSpec.of(1001, 100, 10)).setting());
        assertEquals("rank", assertThrows(InvalidValueException.class,
                () -> SynthSpec.of(1000, 100, 100).withRank(257)).setting());
        assertEquals("noise", assertThrows(InvalidValueException.class,
                () -> SynthSpec.of(1000, 100, 100).withNoise(-0.1)).setting());
        assertEquals("scale", assertThrows(InvalidValueException.class,
                () -> SynthSpec.of(1000, 100, 100).withScale(new RatingScale(1, 10, 1))).setting());
        assertEquals("user_skew", assertThrows(InvalidValueException.class,
                () -> SynthSpec.of(1000, 100, 100).withSkew(-1, 1)).setting());
        assertEquals("min_per_user", assertThrows(InvalidValueException.class,
                () -> SynthSpec.of(1000, 100, 100).withMinPerUser(0)).setting());
        assertEquals(20, SynthSpec.of(1_000_209, 6040, 3706).minPerUser());
        assertEquals(5, SynthSpec.of(1000, 100, 100).minPerUser());
    }

    @Test
    void waterFillingCapsTheLargestAndKeepsTheTotal() {
        double[] out = SyntheticRatings.waterFill(new double[] {100, 1, 1, 2}, 10, 4);
        assertEquals(4, out[0]);
        assertEquals(10, Arrays.stream(out).sum(), 1e-9);
        assertEquals(2 * out[1], out[3], 1e-9, "the others keep their proportions");
    }
}
