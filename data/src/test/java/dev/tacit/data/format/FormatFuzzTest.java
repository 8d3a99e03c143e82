package dev.tacit.data.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.data.testkit.Corruptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded damage to valid Matrix Market files, {@code .npy} files and {@code .npz} archives (truncations, bit flips,
 * random bytes, forged headers with huge declared sizes, bad UTF-8, very long lines): every case either reads or is
 * refused with a {@link FileFormatException} naming the file; never another exception, an OutOfMemoryError or a
 * hang. Every archive is first written over the previous case's archive and must read back whole: the writer never
 * leaves half a file or a temporary behind.
 */
class FormatFuzzTest {

    @TempDir
    static Path dir;

    static Stream<Long> matrixMarketSeeds() {
        return Corruptions.seeds(300, 0x3A7A_0000L);
    }

    static Stream<Long> npySeeds() {
        return Corruptions.seeds(150, 0x4E50_0000L);
    }

    static Stream<Long> npzSeeds() {
        return Corruptions.seeds(250, 0x4E5A_0000L);
    }

    private static void refusedOrRead(long seed, String name, ThrowingRunnable read) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                read.run();
            } catch (FileFormatException e) {
                assertTrue(e.file().startsWith(name), e.getMessage());
                assertFalse(e.problem().isBlank() || e.fix().isBlank(), e.getMessage());
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ": " + t, t);
            }
        }, "seed " + seed);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static byte[] validMatrixMarket(SplittableRandom rng) {
        String format = rng.nextBoolean() ? "coordinate" : "array";
        String field = rng.nextBoolean() ? "real" : "integer";
        String symmetry = new String[] {"general", "symmetric", "skew-symmetric"}[rng.nextInt(3)];
        int m = 1 + rng.nextInt(8);
        int n = symmetry.equals("general") ? 1 + rng.nextInt(8) : m;
        StringBuilder body = new StringBuilder();
        int stored = 0;
        for (int j = 0; j < n; j++) {
            int first = symmetry.equals("general") ? 0 : symmetry.equals("symmetric") ? j : j + 1;
            for (int i = first; i < m; i++) {
                if (format.equals("array") || rng.nextInt(3) == 0) {
                    String v = field.equals("integer") ? Integer.toString(rng.nextInt(200) - 100)
                            : Double.toString(rng.nextGaussian() * Math.pow(10, rng.nextInt(20) - 10));
                    body.append(format.equals("array") ? "" : (i + 1) + " " + (j + 1) + " ").append(v).append('\n');
                    stored++;
                }
            }
        }
        String size = format.equals("array") ? m + " " + n : m + " " + n + " " + stored;
        if (rng.nextInt(10) == 0) {
            size = rng.nextBoolean() ? "2147483647 2147483647" + (format.equals("array") ? "" : " 4611686014132420609")
                    : "99999 99999" + (format.equals("array") ? "" : " 999999999");
        }
        return ("%%MatrixMarket matrix " + format + " " + field + " " + symmetry + "\n% fuzz\n" + size + "\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("matrixMarketSeeds")
    void damagedMatrixMarketFilesReadOrAreRefused(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] bytes = Corruptions.damage(validMatrixMarket(rng), rng);
        refusedOrRead(seed, "mm-" + seed, () -> {
            MatrixMarket.Content c = MatrixMarket.read("mm-" + seed, new ByteArrayInputStream(bytes));
            Entries e = c.entries();
            assertEquals(c.header().rows(), e.rows());
            assertTrue(e.size() <= (long) e.rows() * e.cols());
        });
    }

    static NpyArray randomArray(SplittableRandom rng) {
        int rank = rng.nextInt(3);
        int[] shape = new int[rank];
        int size = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = rng.nextInt(6);
            size *= shape[i];
        }
        switch (rng.nextInt(4)) {
            case 0:
                return NpyArray.ofDoubles(shape, rng.doubles(size).toArray());
            case 1:
                return NpyArray.ofInts(shape, rng.ints(size).toArray());
            case 2:
                return NpyArray.ofLongs(shape, rng.longs(size).toArray());
            default:
                String[] s = new String[size];
                for (int k = 0; k < size; k++) {
                    s[k] = "id" + rng.nextInt(1000) + (rng.nextBoolean() ? "\u00e9" : "");
                }
                return NpyArray.ofStrings(shape, s);
        }
    }

    /** Rewrites the dtype or the shape in an .npy file's header (huge sizes, other types), keeping its length. */
    static byte[] forgeShape(byte[] npy, SplittableRandom rng) {
        String text = new String(npy, 0, Math.min(npy.length, 256), StandardCharsets.ISO_8859_1);
        if (rng.nextBoolean()) {
            // Another dtype of the same length or shorter, padded: the header stays valid, the sizes do not.
            int d = text.indexOf("'descr': '");
            int e = text.indexOf('\'', d + 10);
            String[] dtypes = {"<U999999999", "<U0", "<i8", "<i4", "<f8", ">f8", "<f4", "|O", "<U1", "<U99999"};
            String forged = "'" + dtypes[rng.nextInt(dtypes.length)] + "'";
            String before = text.substring(d + 9, e + 1);
            if (d >= 0 && e > d && forged.length() <= before.length()) {
                byte[] out = npy.clone();
                byte[] r = (forged + " ".repeat(before.length() - forged.length())).getBytes(StandardCharsets.ISO_8859_1);
                System.arraycopy(r, 0, out, d + 9, r.length);
                return out;
            }
        }
        int at = text.indexOf("'shape': (");
        int end = text.indexOf(')', at);
        if (at < 0 || end < 0) {
            return npy;
        }
        String[] huge = {"(2147483647,)", "(4294967296,)", "(65536, 65536)", "(100000000,)", "(-5,)", "(3, 2, 1)",
            "(1e9,)", "(99999999999999999999,)"};
        String forged = huge[rng.nextInt(huge.length)];
        String before = text.substring(at + 9, end + 1);
        byte[] out = npy.clone();
        String replaced = (forged + " ".repeat(Math.max(0, before.length() - forged.length())));
        byte[] r = replaced.getBytes(StandardCharsets.ISO_8859_1);
        if (r.length > before.length()) {
            return npy;
        }
        System.arraycopy(r, 0, out, at + 9, r.length);
        return out;
    }

    @ParameterizedTest
    @MethodSource("npySeeds")
    void damagedNpyFilesReadOrAreRefused(long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, randomArray(rng));
        byte[] bytes = rng.nextInt(3) == 0 ? forgeShape(out.toByteArray(), rng)
                : Corruptions.damage(out.toByteArray(), rng);
        refusedOrRead(seed, "npy-" + seed, () -> Npy.read("npy-" + seed, new ByteArrayInputStream(bytes),
                bytes.length));
    }

    private static byte[] zipOf(String member, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e = new ZipEntry(member);
            e.setMethod(ZipEntry.STORED);
            CRC32 crc = new CRC32();
            crc.update(content);
            e.setCrc(crc.getValue());
            e.setSize(content.length);
            z.putNextEntry(e);
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("npzSeeds")
    void damagedNpzArchivesReadOrAreRefusedAndWritesAreWhole(long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        Npz.Builder b = Npz.builder();
        int members = 1 + rng.nextInt(4);
        NpyArray first = null;
        for (int k = 0; k < members; k++) {
            NpyArray a = randomArray(rng);
            first = first == null ? a : first;
            b.put("a" + k, a);
        }
        b.putFile("metadata.json", ("{\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8));
        Path whole = dir.resolve("whole.npz");
        if (rng.nextInt(5) == 0) {
            b.write(whole); // atomically, over the previous case's archive (forcing to disk: not every case)
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            b.write(out);
            Files.write(whole, out.toByteArray());
        }
        Npz.Archive back = Npz.read(whole);
        assertEquals(members, back.arrayNames().size());
        assertEquals(first, back.array("a0"), "the archive just written reads back whole");
        byte[] bytes;
        if (rng.nextInt(4) == 0) {
            // A forged .npy inside a sound zip (CRC recomputed), so that the .npy checks, not the CRC, must refuse it.
            ByteArrayOutputStream npy = new ByteArrayOutputStream();
            Npy.write(npy, randomArray(rng));
            bytes = zipOf("x.npy", rng.nextBoolean() ? forgeShape(npy.toByteArray(), rng)
                    : Corruptions.damage(npy.toByteArray(), rng));
        } else {
            bytes = Corruptions.damage(Files.readAllBytes(whole), rng);
        }
        Path damaged = dir.resolve("npz-" + seed + ".npz");
        Files.write(damaged, bytes);
        refusedOrRead(seed, damaged.toString(), () -> Npz.read(damaged));
        Files.delete(damaged);
    }

    @AfterAll
    static void noTemporaryIsLeft() throws IOException {
        try (var s = Files.list(dir)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
        }
    }
}
