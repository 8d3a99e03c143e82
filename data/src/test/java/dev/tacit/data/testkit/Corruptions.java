package dev.tacit.data.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded damage to a file's bytes, for fuzz tests of readers: truncation, bit flips, random bytes, bad UTF-8, very
 * long lines, removed or repeated spans.
 */
public final class Corruptions {

    /** Tokens that often break number and id parsing. */
    private static final String[] TOKENS = {"NaN", "inf", "-Infinity", "1e999", "-1e-400", "0x1p3", "1d", "",
        " ", "\"", "\"\"", "::", ",", "\t", "99999999999999999999999", "-0", "%", "%%MatrixMarket", "\u00e9",
        "\u0000", "\r", "1,5", "3.5.1", "1_000"};

    private Corruptions() {
    }

    /**
     * @param b   bytes
     * @param rng source of randomness
     * @return a damaged copy: one to three random damages
     */
    public static byte[] damage(byte[] b, SplittableRandom rng) {
        byte[] out = b;
        int n = 1 + rng.nextInt(3);
        for (int k = 0; k < n; k++) {
            out = once(out, rng);
        }
        return out;
    }

    private static byte[] once(byte[] b, SplittableRandom rng) {
        int at = b.length == 0 ? 0 : rng.nextInt(b.length);
        switch (rng.nextInt(10)) {
            case 0:
                return Arrays.copyOf(b, at);
            case 1: {
                byte[] c = b.clone();
                if (c.length > 0) {
                    c[at] ^= (byte) (1 << rng.nextInt(8));
                }
                return c;
            }
            case 2: {
                byte[] junk = new byte[1 + rng.nextInt(16)];
                rng.nextBytes(junk);
                return splice(b, at, at, junk);
            }
            case 3:
                return splice(b, at, Math.min(b.length, at + 1 + rng.nextInt(32)), new byte[0]);
            case 4:
                return splice(b, at, at, TOKENS[rng.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
            case 5:
                return splice(b, at, at, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
            case 6: {
                int from = b.length == 0 ? 0 : rng.nextInt(b.length);
                int to = Math.min(b.length, from + rng.nextInt(64));
                return splice(b, at, at, Arrays.copyOfRange(b, from, to));
            }
            case 7: {
                byte[] c = b.clone();
                for (int i = 0; i < c.length; i++) {
                    if (c[i] == '\n' && rng.nextInt(8) == 0) {
                        c[i] = (byte) (rng.nextBoolean() ? ' ' : '\r');
                    }
                }
                return c;
            }
            case 8: {
                if (rng.nextInt(16) != 0) {
                    byte[] digits = new byte[10 + rng.nextInt(30)];
                    Arrays.fill(digits, (byte) ('0' + rng.nextInt(10)));
                    return splice(b, at, at, digits);
                }
                byte[] line = new byte[(1 << 20) + 1 + rng.nextInt(1000)];
                Arrays.fill(line, (byte) 'x');
                return splice(b, at, at, line);
            }
            default: {
                byte[] c = b.clone();
                for (int i = 0; i < 4 && c.length > 0; i++) {
                    c[rng.nextInt(c.length)] = (byte) rng.nextInt(256);
                }
                return c;
            }
        }
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    /**
     * @param count how many
     * @param base  a base so that different tests see different cases
     * @return count seeds
     */
    public static java.util.stream.Stream<Long> seeds(int count, long base) {
        return java.util.stream.LongStream.range(0, count).map(i -> base + 7919 * i).boxed();
    }
}
