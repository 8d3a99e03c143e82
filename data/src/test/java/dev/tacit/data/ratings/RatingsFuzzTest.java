package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.format.FileFormatException;
import dev.tacit.data.testkit.Corruptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded damage to valid ratings files of every layout (plain and gzip): every case either reads into consistent
 * ratings or is refused with a {@link FileFormatException} that names the file and has a problem and a fix; never
 * another exception, never an OutOfMemoryError, never a hang.
 */
class RatingsFuzzTest {

    static Stream<Long> seeds() {
        return Corruptions.seeds(400, 0xF0F0_0000L);
    }

    private static final String[][] HEADERS = {{"userId", "movieId", "rating", "timestamp"},
        {"user_id", "item_id", "score"}, {"USER", "ITEM", "rating", "ts", "extra"}};

    static byte[] valid(SplittableRandom rng) {
        Delimiter d = Delimiter.values()[rng.nextInt(Delimiter.values().length)];
        String sep = d == Delimiter.WHITESPACE ? " " : d.symbol();
        String[] header = HEADERS[rng.nextInt(HEADERS.length)];
        boolean withHeader = rng.nextBoolean();
        boolean textIds = rng.nextBoolean();
        StringBuilder sb = new StringBuilder();
        if (withHeader) {
            sb.append(String.join(sep, header)).append(rng.nextBoolean() ? "\n" : "\r\n");
        }
        int users = 1 + rng.nextInt(30);
        int items = 1 + rng.nextInt(30);
        int lines = 1 + rng.nextInt(120);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int k = 0; k < lines; k++) {
            int u = rng.nextInt(users);
            int i = rng.nextInt(items);
            if (!seen.add((long) u << 32 | i)) {
                continue;
            }
            String[] f = new String[header.length];
            f[0] = textIds ? "user " + u : Integer.toString(u + 1);
            f[1] = textIds ? "it\u00e9m" + i : Integer.toString(3 * i + 1);
            if (d == Delimiter.WHITESPACE) {
                f[0] = f[0].replace(' ', '_');
            }
            f[2] = rng.nextBoolean() ? Integer.toString(1 + rng.nextInt(5)) : Double.toString(rng.nextDouble() * 5);
            for (int c = 3; c < f.length; c++) {
                f[c] = Long.toString(978_300_000L + rng.nextInt(1_000_000));
            }
            sb.append(String.join(sep, f)).append('\n');
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (rng.nextInt(4) != 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyDamagedFileReadsConsistentlyOrIsRefusedWithItsOwnException(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] bytes = Corruptions.damage(valid(rng), rng);
        RatingsOptions options = rng.nextInt(5) == 0 ? RatingsOptions.DETECT.withDuplicates(Duplicates.MEAN)
                : RatingsOptions.DETECT;
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                Ratings r = RatingsReader.read("fuzz-" + seed, new ByteArrayInputStream(bytes), options);
                assertEquals(r.users().size(), r.entries().rows());
                assertEquals(r.items().size(), r.entries().cols());
                assertTrue(r.size() >= 1 && r.size() <= r.statistics().lines(), r.toString());
                for (int k = 0; k < r.size(); k++) {
                    assertTrue(Double.isFinite(r.entries().value(k)));
                }
            } catch (FileFormatException e) {
                assertEquals("fuzz-" + seed, e.file());
                assertFalse(e.problem().isBlank() || e.fix().isBlank(), e.getMessage());
                assertTrue(e.line() >= 0 && e.column() >= 0, e.getMessage());
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ": " + t, t);
            }
        }, "seed " + seed);
    }
}
