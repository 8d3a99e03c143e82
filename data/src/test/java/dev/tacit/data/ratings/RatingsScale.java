package dev.tacit.data.ratings;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures reading a MovieLens-25M-sized ratings file: not a test (no timing belongs in a unit test), a main to run by
 * hand. Without an argument it writes a synthetic {@code userId,movieId,rating,timestamp} CSV with the shape of
 * ML-25M (25,000,095 ratings of 162,541 users on 62,423 items, ids as sparse as the release's, sorted by user and then
 * item, half-star ratings) to a temporary directory and deletes it afterwards; with a path it reads that file instead.
 * Each round reports the parse statistics, the peak heap used during the read (sampled every millisecond) and the heap
 * retained by the result after a full collection; running it with a small {@code -Xmx} shows what the read needs.
 *
 * <pre>
 * java -Xmx2g -cp data/target/test-classes:data/target/classes:algebra/target/classes:api/target/classes \
 *     dev.tacit.data.ratings.RatingsScale [ratings.csv] [rounds]
 * </pre>
 */
public final class RatingsScale {

    /** Ratings in ML-25M. */
    static final int RATINGS = 25_000_095;
    /** Users in ML-25M. */
    static final int USERS = 162_541;
    /** Items in ML-25M (movie ids run up to 209,171). */
    static final int ITEMS = 62_423;

    private RatingsScale() {
    }

    /**
     * @param args an optional ratings file and an optional number of rounds (default 3)
     * @throws IOException if the file cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        Path file;
        Path made = null;
        if (args.length > 0 && !args[0].isEmpty()) {
            file = Path.of(args[0]);
        } else {
            made = Files.createTempDirectory("tacit-scale");
            file = made.resolve("ratings.csv");
            long t0 = System.nanoTime();
            generate(file, 25);
            System.out.printf(Locale.ROOT, "wrote %s: %.1f MB in %.1f s%n", file, Files.size(file) / 1e6,
                    (System.nanoTime() - t0) / 1e9);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try {
            for (int round = 1; round <= rounds; round++) {
                measure(file, round);
            }
        } finally {
            if (made != null) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(made);
            }
        }
    }

    private static void measure(Path file, int round) throws IOException {
        System.gc();
        long before = used();
        // The peak is sampled every millisecond by a watcher thread: the module reads no java.management, and the
        // sampled peak (live data plus garbage not yet collected) is what the process really needed at that moment.
        AtomicLong peak = new AtomicLong(before);
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(used(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.setDaemon(true);
        watcher.start();
        java.time.Duration cpu0 = cpu();
        Ratings r = RatingsReader.read(file);
        double cpuSeconds = (cpu().minus(cpu0).toNanos()) / 1e9;
        watcher.interrupt();
        System.gc();
        long retained = used() - before;
        System.out.printf(Locale.ROOT, "round %d: %s%n  %d users x %d items; %s%n  heap before %.0f MB, sampled "
                + "peak during the read %.0f MB, retained by the result %.0f MB (%.1f bytes per rating), -Xmx %.0f MB%n"
                + "  process CPU time during the read %.1f s (all threads, GC included: on a busy machine wall time is "
                + "not the read's cost)%n", round, r.statistics(), r.users().size(), r.items().size(), r.layout().describe(), before / 1e6,
                peak.get() / 1e6, retained / 1e6, (double) retained / r.size(), Runtime.getRuntime().maxMemory() / 1e6,
                cpuSeconds);
    }

    private static java.time.Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    private static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * Writes a synthetic ML-25M-shaped ratings.csv.
     *
     * @param file where
     * @param seed seed
     * @throws IOException if writing fails
     */
    static void generate(Path file, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] itemIds = rng.ints(0, 209_171).distinct().limit(ITEMS).map(i -> i + 1).sorted().toArray();
        int[] counts = new int[USERS];
        long total = 0;
        for (int u = 0; u < USERS; u++) {
            counts[u] = 20 + (int) Math.min(5000, -Math.log(1 - rng.nextDouble()) * 133.8);
            total += counts[u];
        }
        // Trim or pad users in turn until the total is exactly ML-25M's.
        for (int u = 0; total != RATINGS; u = (u + 1) % USERS) {
            int step = total > RATINGS ? (counts[u] > 20 ? -1 : 0) : 1;
            counts[u] += step;
            total += step;
        }
        BitSet chosen = new BitSet(ITEMS);
        int[] picks = new int[5100];
        byte[] line = new byte[64];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write("userId,movieId,rating,timestamp\n".getBytes(StandardCharsets.US_ASCII));
            for (int u = 0; u < USERS; u++) {
                chosen.clear();
                for (int k = 0; k < counts[u]; k++) {
                    int i;
                    do {
                        double x = rng.nextDouble();
                        i = (int) (x * x * ITEMS); // popular items are rated more often, as in the release
                    } while (chosen.get(i));
                    chosen.set(i);
                    picks[k] = i;
                }
                Arrays.sort(picks, 0, counts[u]);
                for (int k = 0; k < counts[u]; k++) {
                    int n = 0;
                    n = digits(line, n, u + 1);
                    line[n++] = ',';
                    n = digits(line, n, itemIds[picks[k]]);
                    line[n++] = ',';
                    int halves = 1 + rng.nextInt(10);
                    n = digits(line, n, halves / 2);
                    line[n++] = '.';
                    line[n++] = (byte) (halves % 2 == 0 ? '0' : '5');
                    line[n++] = ',';
                    n = digits(line, n, 789_652_009L + rng.nextInt(785_000_000));
                    line[n++] = '\n';
                    out.write(line, 0, n);
                }
            }
        }
    }

    private static int digits(byte[] b, int at, long v) {
        String s = Long.toString(v);
        for (int i = 0; i < s.length(); i++) {
            b[at++] = (byte) s.charAt(i);
        }
        return at;
    }
}
