package dev.tacit.data.synth;

import dev.tacit.data.Seeds;
import dev.tacit.data.io.AtomicFiles;
import dev.tacit.data.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A generator of realistic rating data at any size, from a known model ({@link SynthSpec}), so that scale can be
 * tested and benchmarked without the real archives and the best achievable RMSE is known.
 *
 * <p><b>Activity.</b> MovieLens's activity is heavy-tailed on both sides: every user has at least 20 ratings, most a
 * few dozen, a few thousands; a few films have tens of thousands of ratings and most have a handful. Both are modelled
 * as log-normal: MovieLens-100K's counts are close to it (log(ratings − 19) over users has σ 1.52, log(ratings) over
 * items σ 1.63), and unlike a pure Zipf law it has the bulge of typical users and items that MovieLens shows instead
 * of a straight line on a log-log plot. The default σs (1.2 and 1.8, {@link SynthSpec#DEFAULT_USER_SKEW}) are fitted so
 * that a set of MovieLens-100K's size has its Gini coefficients and medians. User u rates minPerUser + x_u items, x_u
 * proportional to exp(userSkew·z_u); items are drawn with probability proportional to exp(itemSkew·z_i). A user
 * rates at most half the items and an item is expected from at most half the users (in MovieLens-100K the most active
 * user rated 44% of the films and the most rated film was rated by 62% of the users), unless the requested density
 * needs more; the excess of the capped ones is spread over the others in proportion.
 *
 * <p><b>Sampling.</b> Each user's items are drawn without replacement with those probabilities (successive
 * sampling): by rejection of repeats with an alias table for users who rate at most an eighth of the items, and by
 * the Efraimidis–Spirakis keys log(U)/p_i for heavier users, which give the same distribution exactly. So no (user,
 * item) pair repeats. Each user has an own random stream derived from the seed, so the output is deterministic.
 *
 * <p><b>Ratings.</b> r = quantise(μ + b_u + b_i + ⟨p_u, q_i⟩ + ε) on the scale (nearest level, clipped to the ends).
 * The noise floor reported is sqrt(mean over the generated pairs of Var(r | u, i)), computed from the model: the
 * expected RMSE of the best possible predictor, E[r | u, i], on held-out ratings of the same pairs. The RMSE of the
 * true score clipped to the scale, a predictor a fitted model can approach, is reported beside it (it is larger,
 * because quantisation and clipping move the mean of r away from the score).
 *
 * <p><b>Output.</b> {@link #write} streams a CSV {@code user,item,rating} with that header, users and items numbered
 * from 1, grouped by user with items in increasing order (as MovieLens's ratings.csv), ratings written as MovieLens
 * writes them ({@code 4} on the whole-star scale, {@code 4.0} and {@code 3.5} on the half-star scale); gzipped when the
 * name ends in {@code .gz}. The file is written atomically, never held in memory, and a JSON file of the settings and
 * figures goes beside it. Memory is O(users·rank + items·rank) whatever the number of ratings.
 */
public final class SyntheticRatings {

    /** Receives ratings as they are generated, in user order. */
    @FunctionalInterface
    public interface RatingSink {
        /**
         * @param user   the user, 0 to users − 1
         * @param item   the item, 0 to items − 1
         * @param rating the rating, on the scale
         */
        void accept(int user, int item, double rating);
    }

    private final SynthSpec spec;
    private final int[] perUser;
    private final double[] itemProbability;
    private final double[] aliasProbability;
    private final int[] aliasOther;
    private final double[] userBias;
    private final double[] itemBias;
    private final double[] userFactors;
    private final double[] itemFactors;
    private final long userSeedBase;
    private final QuantisedNoise noise;

    private SyntheticRatings(SynthSpec spec) {
        this.spec = spec;
        SplittableRandom activity = Seeds.stream(spec.seed(), Seeds.Purpose.SAMPLE);
        userSeedBase = activity.nextLong();
        perUser = degrees(spec, activity);
        itemProbability = popularity(spec, activity);
        aliasProbability = new double[spec.items()];
        aliasOther = new int[spec.items()];
        buildAlias(itemProbability, aliasProbability, aliasOther);
        SplittableRandom truth = Seeds.stream(spec.seed(), Seeds.Purpose.TRUTH);
        userBias = gaussians(truth, spec.users(), spec.userBias());
        itemBias = gaussians(truth, spec.items(), spec.itemBias());
        double factorSd = Math.pow(spec.signal() * spec.signal() / spec.rank(), 0.25);
        userFactors = gaussians(truth, spec.users() * spec.rank(), factorSd);
        itemFactors = gaussians(truth, spec.items() * spec.rank(), factorSd);
        noise = new QuantisedNoise(spec.scale(), spec.noise());
    }

    /**
     * Draws the model: activity, biases and factors. The ratings themselves are drawn while they are written.
     *
     * @param spec the settings
     * @return the generator
     */
    public static SyntheticRatings of(SynthSpec spec) {
        return new SyntheticRatings(spec);
    }

    /** @return the settings */
    public SynthSpec spec() {
        return spec;
    }

    /**
     * @param user a user, 0 to users − 1
     * @return how many ratings the user gets
     */
    public int ratingsOf(int user) {
        return perUser[user];
    }

    /**
     * @param item an item
     * @return the probability of the item in each draw (its expected share of the ratings)
     */
    public double popularity(int item) {
        return itemProbability[item];
    }

    /**
     * @param user a user, 0 to users − 1
     * @param item an item, 0 to items − 1
     * @return the true score μ + b_u + b_i + ⟨p_u, q_i⟩, before noise and quantisation
     */
    public double score(int user, int item) {
        int r = spec.rank();
        double dot = 0;
        for (int k = 0, pu = user * r, qi = item * r; k < r; k++) {
            dot += userFactors[pu + k] * itemFactors[qi + k];
        }
        return spec.mean() + userBias[user] + itemBias[item] + dot;
    }

    /**
     * @param score a true score
     * @return E[r | score], the best prediction of a rating with that score
     */
    public double expectedRating(double score) {
        return noise.mean(score);
    }

    /**
     * @param score a true score
     * @return Var(r | score), the best prediction's expected squared error
     */
    public double ratingVariance(double score) {
        return noise.variance(score);
    }

    // ---------------------------------------------------------------------------------------------- generation

    /**
     * Generates every rating, user by user, items in increasing order within a user.
     *
     * @param sink receives the ratings
     * @return the figures of what was generated
     */
    public SynthReport generate(RatingSink sink) {
        return generate(sink, s -> { });
    }

    private SynthReport generate(RatingSink sink, Consumer<String> progress) {
        long started = System.nanoTime();
        int users = spec.users();
        int items = spec.items();
        int rank = spec.rank();
        double sigma = spec.noise();
        int most = Arrays.stream(perUser).max().orElse(0);
        int[] chosen = new int[most];
        int[] stamp = new int[items];
        double[] keys = new double[items];
        int[] order = new int[items];
        long[] itemCounts = new long[items];
        double sumVariance = 0;
        double sumTrueExpected = 0;
        double sumBayes = 0;
        double sumTrue = 0;
        double sumR = 0;
        double sumR2 = 0;
        long written = 0;
        long nextReport = spec.ratings() / 10;
        for (int u = 0; u < users; u++) {
            SplittableRandom rng = new SplittableRandom(mix64(userSeedBase + u));
            int n = perUser[u];
            draw(u, n, rng, chosen, stamp, keys, order);
            Arrays.sort(chosen, 0, n);
            double base = spec.mean() + userBias[u];
            int pu = u * rank;
            for (int k = 0; k < n; k++) {
                int item = chosen[k];
                double dot = 0;
                for (int f = 0, qi = item * rank; f < rank; f++) {
                    dot += userFactors[pu + f] * itemFactors[qi + f];
                }
                double s = base + itemBias[item] + dot;
                double r = spec.scale().quantise(sigma == 0 ? s : s + sigma * rng.nextGaussian());
                double mean = noise.mean(s);
                double variance = noise.variance(s);
                double clipped = spec.scale().clip(s);
                sumVariance += variance;
                sumTrueExpected += variance + (mean - clipped) * (mean - clipped);
                sumBayes += (r - mean) * (r - mean);
                sumTrue += (r - clipped) * (r - clipped);
                sumR += r;
                sumR2 += r * r;
                itemCounts[item]++;
                sink.accept(u, item, r);
            }
            written += n;
            if (written >= nextReport && nextReport > 0 && written < spec.ratings()) {
                progress.accept(String.format(Locale.ROOT, "  %d%% (%,d ratings)", written * 100 / spec.ratings(),
                        written));
                nextReport = (written * 10 / spec.ratings() + 1) * spec.ratings() / 10;
            }
        }
        double count = written;
        double meanR = sumR / count;
        return new SynthReport(spec, written, Optional.empty(), 0,
                Activity.of(Arrays.stream(perUser).asLongStream().toArray()), Activity.of(itemCounts), meanR,
                Math.sqrt(Math.max(0, sumR2 / count - meanR * meanR)), Math.sqrt(sumVariance / count),
                Math.sqrt(sumTrueExpected / count), Math.sqrt(sumBayes / count), Math.sqrt(sumTrue / count),
                (System.nanoTime() - started) / 1e9);
    }

    /** Puts n distinct items into chosen[0..n), drawn with the items' probabilities without replacement. */
    private void draw(int user, int n, SplittableRandom rng, int[] chosen, int[] stamp, double[] keys, int[] order) {
        int items = spec.items();
        if (8L * n <= items) {
            int mark = user + 1;
            long budget = 64L * n + 1024; // a guard only: with at most an eighth of the mass taken, few draws repeat
            int got = 0;
            while (got < n && budget-- > 0) {
                int i = rng.nextInt(items);
                int item = rng.nextDouble() < aliasProbability[i] ? i : aliasOther[i];
                if (stamp[item] != mark) {
                    stamp[item] = mark;
                    chosen[got++] = item;
                }
            }
            if (got == n) {
                return;
            }
        }
        // Efraimidis and Spirakis (2006): the n largest of log(U_i)/p_i are a weighted sample without replacement.
        for (int i = 0; i < items; i++) {
            keys[i] = Math.log(1 - rng.nextDouble()) / itemProbability[i];
            order[i] = i;
        }
        selectLargest(keys, order, n);
        System.arraycopy(order, 0, chosen, 0, n);
    }

    /** Rearranges order[] so that its first n entries index the n largest keys (a quickselect). */
    private static void selectLargest(double[] keys, int[] order, int n) {
        int lo = 0;
        int hi = order.length - 1;
        while (lo < hi) {
            double pivot = keys[order[(lo + hi) >>> 1]];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (keys[order[i]] > pivot) {
                    i++;
                }
                while (keys[order[j]] < pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                    i++;
                    j--;
                }
            }
            if (n - 1 <= j) {
                hi = j;
            } else if (n - 1 >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- the file

    /**
     * Writes every rating to a CSV file (gzipped if its name ends in {@code .gz}) atomically, then the settings and
     * figures as JSON to {@code <file>.json}.
     *
     * @param file     the file to create or replace; its directory must exist
     * @param progress receives a line every tenth of the ratings, for the user
     * @return the figures of what was written
     * @throws IOException if a file cannot be written; nothing is left half-written
     */
    public SynthReport write(Path file, Consumer<String> progress) throws IOException {
        long started = System.nanoTime();
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        SynthReport[] report = new SynthReport[1];
        try {
            AtomicFiles.write(file, raw -> {
                OutputStream out = gzip ? new FastGzip(raw) : raw;
                CsvSink csv = new CsvSink(out, spec.scale().step() != 1);
                csv.header();
                report[0] = generate(csv, progress);
                csv.flush();
                if (out instanceof FastGzip g) {
                    g.finish();
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        SynthReport done = report[0].written(file, Files.size(file), (System.nanoTime() - started) / 1e9);
        AtomicFiles.writeString(metadataFile(file), Json.write(done.toMap()) + "\n");
        return done;
    }

    /**
     * @param file a generated ratings file
     * @return where its settings and figures are written: the same name plus {@code .json}
     */
    public static Path metadataFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".json");
    }

    /** Gzip at the fastest level: generating is as fast as deflating at level 1, and level 6 would triple the time. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Formats ratings into a byte buffer, so writing 25 million lines makes no string. */
    private static final class CsvSink implements RatingSink {
        private final OutputStream out;
        private final boolean halfStars;
        private final byte[] buf = new byte[1 << 16];
        private int pos;

        CsvSink(OutputStream out, boolean halfStars) {
            this.out = out;
            this.halfStars = halfStars;
        }

        void header() {
            byte[] h = "user,item,rating\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(h, 0, buf, 0, h.length);
            pos = h.length;
        }

        @Override
        public void accept(int user, int item, double rating) {
            if (pos > buf.length - 40) {
                flush();
            }
            putInt(user + 1);
            buf[pos++] = ',';
            putInt(item + 1);
            buf[pos++] = ',';
            int halves = (int) Math.rint(rating * 2);
            putInt(halves / 2);
            if (halfStars) {
                buf[pos++] = '.';
                buf[pos++] = (byte) ((halves & 1) == 0 ? '0' : '5');
            }
            buf[pos++] = '\n';
        }

        private void putInt(int v) {
            int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : v < 100_000 ? 5
                    : v < 1_000_000 ? 6 : v < 10_000_000 ? 7 : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
            for (int k = pos + digits - 1; k >= pos; k--) {
                buf[k] = (byte) ('0' + v % 10);
                v /= 10;
            }
            pos += digits;
        }

        void flush() {
            try {
                out.write(buf, 0, pos);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pos = 0;
        }
    }

    // ---------------------------------------------------------------------------------------------- the model

    private static int[] degrees(SynthSpec spec, SplittableRandom rng) {
        int users = spec.users();
        int min = spec.minPerUser();
        long extra = spec.ratings() - (long) users * min;
        int cap = (int) Math.min(spec.items(), Math.max((spec.items() + 1) / 2,
                (spec.ratings() + users - 1) / users));
        double[] w = new double[users];
        for (int u = 0; u < users; u++) {
            w[u] = spec.userSkew() == 0 ? 1 : Math.exp(spec.userSkew() * rng.nextGaussian());
        }
        long[] x = roundPreservingSum(waterFill(w, extra, cap - min), extra);
        int[] out = new int[users];
        for (int u = 0; u < users; u++) {
            out[u] = (int) (min + x[u]);
        }
        return out;
    }

    private static double[] popularity(SynthSpec spec, SplittableRandom rng) {
        int items = spec.items();
        double n = spec.ratings();
        double cap = Math.min(spec.users(), Math.max(Math.ceil(spec.users() / 2.0), Math.ceil(n / items)));
        double[] w = new double[items];
        for (int i = 0; i < items; i++) {
            w[i] = spec.itemSkew() == 0 ? 1 : Math.exp(spec.itemSkew() * rng.nextGaussian());
        }
        double[] expected = waterFill(w, n, cap);
        for (int i = 0; i < items; i++) {
            expected[i] /= n;
        }
        return expected;
    }

    /**
     * @param w     positive weights
     * @param total what the result must add up to, at most w.length·cap
     * @param cap   the largest share any one may get
     * @return min(cap, c·w_i) with c chosen so that they add up to total
     */
    static double[] waterFill(double[] w, double total, double cap) {
        int n = w.length;
        Integer[] byWeight = new Integer[n];
        for (int i = 0; i < n; i++) {
            byWeight[i] = i;
        }
        Arrays.sort(byWeight, (a, b) -> Double.compare(w[b], w[a]));
        double free = 0;
        for (double v : w) {
            free += v;
        }
        double remaining = total;
        int capped = 0;
        while (capped < n && w[byWeight[capped]] * remaining / free > cap) {
            remaining -= cap;
            free -= w[byWeight[capped]];
            capped++;
        }
        double c = capped < n && free > 0 ? remaining / free : 0;
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            int i = byWeight[k];
            out[i] = k < capped ? cap : c * w[i];
        }
        return out;
    }

    /** Rounds down, then gives the units still missing to the largest remainders (the lowest index on a tie). */
    private static long[] roundPreservingSum(double[] shares, long total) {
        int n = shares.length;
        long[] out = new long[n];
        long sum = 0;
        Integer[] byRemainder = new Integer[n];
        for (int i = 0; i < n; i++) {
            out[i] = (long) Math.floor(shares[i] + 1e-9);
            sum += out[i];
            byRemainder[i] = i;
        }
        Arrays.sort(byRemainder, (a, b) -> {
            int c = Double.compare(shares[b] - out[b], shares[a] - out[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int k = 0; sum < total; k = (k + 1) % n) {
            out[byRemainder[k]]++;
            sum++;
        }
        for (int k = n - 1; sum > total; k = (k + n - 1) % n) {
            if (out[byRemainder[k]] > 0) {
                out[byRemainder[k]]--;
                sum--;
            }
        }
        return out;
    }

    /** Vose's alias method: a draw is one uniform index and one coin. */
    private static void buildAlias(double[] p, double[] probability, int[] other) {
        int n = p.length;
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = p[i] * n;
            if (scaled[i] < 1) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            probability[s] = scaled[s];
            other[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            if (scaled[l] < 1) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        while (nl > 0) {
            int l = large[--nl];
            probability[l] = 1;
            other[l] = l;
        }
        while (ns > 0) {
            int s = small[--ns];
            probability[s] = 1;
            other[s] = s;
        }
    }

    private static double[] gaussians(SplittableRandom rng, int n, double sd) {
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = sd * rng.nextGaussian();
        }
        return out;
    }

    /** A strong 64-bit mix (Stafford's variant 13), so neighbouring users get unrelated streams. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
