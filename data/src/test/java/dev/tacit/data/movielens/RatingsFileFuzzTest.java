package dev.tacit.data.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random corruptions of a ratings file in the u.data format (bytes flipped, inserted or deleted, lines cut,
 * duplicated or swapped, fields replaced by NaN, infinity, huge ids, empty text): every case either parses into valid
 * ratings or is refused with a {@link MalformedFileException} naming the file and a line inside it, never with any
 * other exception.
 */
class RatingsFileFuzzTest {

    private static final String[] FIELDS = {"NaN", "Infinity", "-1", "0", "6", "3.5", "99999999999", "", "x", "1e3",
        "\u00e9", "2147483648", "-0"};

    static Stream<Long> seeds() {
        return LongStream.range(0, 300).map(i -> 0xDA7A0000L + 131 * i).boxed();
    }

    /** A valid file: 40 users × up to 30 items, ratings 1..5, timestamps. */
    private static String valid(SplittableRandom rng) {
        StringBuilder sb = new StringBuilder();
        for (int u = 1; u <= 40; u++) {
            for (int i = 1; i <= 30; i++) {
                if (rng.nextInt(4) == 0) {
                    sb.append(u).append('\t').append(i).append('\t').append(1 + rng.nextInt(5)).append('\t')
                            .append(874965758 + rng.nextInt(1_000_000)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyCorruptedFileParsesOrIsRefusedWithItsLine(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        String[] lines = valid(rng).split("\n", -1);
        int edits = 1 + rng.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int i = rng.nextInt(lines.length);
            String[] f = lines[i].split("\t", -1);
            switch (rng.nextInt(7)) {
                case 0 -> f[rng.nextInt(f.length)] = FIELDS[rng.nextInt(FIELDS.length)];
                case 1 -> lines[i] = lines[i].substring(0, rng.nextInt(lines[i].length() + 1));
                case 2 -> lines[i] = lines[rng.nextInt(lines.length)];
                case 3 -> lines[i] = lines[i] + "\t" + FIELDS[rng.nextInt(FIELDS.length)];
                case 4 -> lines[i] = lines[i].replace('\t', rng.nextBoolean() ? ' ' : ',');
                case 5 -> lines[i] = "";
                default -> {
                    char[] c = lines[i].toCharArray();
                    if (c.length > 0) {
                        c[rng.nextInt(c.length)] = (char) rng.nextInt(128);
                    }
                    lines[i] = new String(c);
                }
            }
            if (f.length > 1 && rng.nextInt(7) == 0) {
                lines[i] = String.join("\t", f);
            }
        }
        byte[] content = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        try {
            RatingsFile parsed = RatingsFile.parse("fuzz/u.data", content);
            assertTrue(parsed.size() > 0, "a parsed file has ratings");
        } catch (MalformedFileException e) {
            assertEquals("fuzz/u.data", e.file());
            assertTrue(e.line() >= 0 && e.line() <= lines.length, "line " + e.line() + " of " + lines.length);
            assertTrue(e.getMessage().startsWith("fuzz/u.data"), e.getMessage());
        } catch (RuntimeException e) {
            fail("seed " + seed + ": " + e + " instead of a MalformedFileException", e);
        }
    }
}
