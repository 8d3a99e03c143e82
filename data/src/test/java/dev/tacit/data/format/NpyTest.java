package dev.tacit.data.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path tmp;

    static byte[] bytes(NpyArray a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, a);
        return out.toByteArray();
    }

    static NpyArray back(byte[] b) throws IOException {
        return Npy.read("a.npy", new ByteArrayInputStream(b), b.length);
    }

    /** A .npy file with a given header dict and data. */
    static byte[] npy(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        byte[] h = dict.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(Npy.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) h.length);
        } else {
            b.putInt(h.length);
        }
        return b.put(h).put(data).array();
    }

    static byte[] doublesLe(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    @Test
    void everyDtypeAndRankRoundTrips() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        NpyArray[] arrays = {
            NpyArray.of(Matrix.of(2, 3, MatrixMarketTest.awkwardDoubles(rng, 6))),
            NpyArray.vector(new double[] {Double.NaN, Double.NEGATIVE_INFINITY, -0.0}),
            NpyArray.vector(new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}),
            NpyArray.vector(new long[] {Long.MIN_VALUE, 42, Long.MAX_VALUE}),
            NpyArray.vector(new String[] {"", "a", "\u00e9t\u00e9", "\uD834\uDD1E clef", "\u4e2d"}),
            NpyArray.ofStrings(new int[] {2, 2}, new String[] {"a", "bb", "ccc", "d"}),
            NpyArray.ofDoubles(new int[] {}, new double[] {7.5}),
            NpyArray.ofInts(new int[] {0, 3}, new int[0]),
            NpyArray.ofLongs(new int[] {2, 1, 2}, new long[] {1, 2, 3, 4}),
        };
        for (NpyArray a : arrays) {
            byte[] b = bytes(a);
            assertEquals(0, (b.length - a.size() * (long) (a.kind() == NpyArray.Kind.UNICODE ? 4 * a.width()
                    : a.kind().unit())) % 64, "data start at a multiple of 64 bytes: " + a);
            assertEquals(a, back(b), a.toString());
        }
        NpyArray strings = back(bytes(arrays[4]));
        assertEquals("<U6", strings.descr(), "the clef is one code point");
        assertArrayEquals(new String[] {"", "a", "\u00e9t\u00e9", "\uD834\uDD1E clef", "\u4e2d"}, strings.strings());
        assertEquals(Matrix.of(2, 3, 1, 2, 3, 4, 5, 6), NpyArray.of(Matrix.of(2, 3, 1, 2, 3, 4, 5, 6)).toMatrix());
        Path p = tmp.resolve("x.npy");
        Npy.write(p, arrays[0]);
        assertEquals(arrays[0], Npy.read(p));
    }

    @Test
    void theHeaderIsWhatNumpyWrites() throws IOException {
        String header = new String(bytes(NpyArray.vector(new double[] {1, 2, 3})), 10, 118, StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", header.strip());
        assertTrue(header.endsWith("\n"));
        String matrix = new String(bytes(NpyArray.ofInts(new int[] {2, 3}, new int[6])), 10, 118,
                StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }", matrix.strip());
    }

    @Test
    void readsVersionsTwoAndThreeFortranOrderAndOldLongSuffixes() throws IOException {
        byte[] data = doublesLe(1, 2, 3, 4, 5, 6);
        // Fortran order: the first index runs fastest, so (2, 3) column by column.
        NpyArray f = back(npy(2, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }\n", data));
        assertArrayEquals(new double[] {1, 3, 5, 2, 4, 6}, f.doubles());
        NpyArray v3 = back(npy(3, "{\"shape\": (6L,), \"fortran_order\": False, \"descr\": \"<f8\"}  \n", data));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, v3.doubles());
    }

    private static void assertRefused(byte[] file, String problemPart) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> back(file));
        assertTrue(e.problem().contains(problemPart), "'" + problemPart + "' in " + e.getMessage());
        assertTrue(e.getMessage().startsWith("a.npy: "), e.getMessage());
    }

    @Test
    void refusesForeignTruncatedAndUnsupportedFiles() throws IOException {
        byte[] good = bytes(NpyArray.vector(new double[] {1, 2, 3}));
        assertRefused("PK\u0003\u0004 not npy".getBytes(StandardCharsets.ISO_8859_1), "not a .npy file");
        assertRefused(new byte[0], "not a .npy file");
        assertRefused(java.util.Arrays.copyOf(good, 8), "end early in its header");
        assertRefused(java.util.Arrays.copyOf(good, 40), "end early in its header");
        assertRefused(java.util.Arrays.copyOf(good, good.length - 1), "end early in its data");
        assertRefused(java.util.Arrays.copyOf(good, good.length + 8), "bytes follow the data");
        byte[] v4 = good.clone();
        v4[6] = 4;
        assertRefused(v4, "version 4.0 is not supported");
        byte[] data = doublesLe(1);
        assertRefused(npy(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", data),
                "dtype '>f8' is not supported");
        assertRefused(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", data),
                "dtype '<f4' is not supported");
        assertRefused(npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", data),
                "dtype '|O' is not supported");
        assertRefused(npy(1, "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", data),
                "structured");
        assertRefused(npy(1, "{'descr': '<f8', 'shape': (1,), }", data), "'fortran_order' is missing");
        assertRefused(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", data), "sizes from 0");
        assertRefused(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'shape': (1,)}", data),
                "repeats the key");
        assertRefused(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), } junk", data),
                "text follows");
        assertRefused(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,", data), "ends early");
        assertRefused(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999,), }",
                data), "is not a size");
        byte[] huge = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000, 2000000000), }", data);
        assertRefused(huge, "more elements than a Java array holds");
        byte[] big = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (200000000,), }", data);
        assertRefused(big, "end early in its data");
        byte[] wide = npy(1, "{'descr': '<U999999999', 'fortran_order': False, 'shape': (3,), }", data);
        assertRefused(wide, "end early in its data");
        NpyArray none = back(npy(1, "{'descr': '<U999999999', 'fortran_order': False, 'shape': (0,), }",
                new byte[0]));
        assertEquals(0, none.size(), "an empty array of a huge width allocates nothing");
        ByteBuffer badCodePoint = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0xD800);
        assertRefused(npy(1, "{'descr': '<U1', 'fortran_order': False, 'shape': (1,), }", badCodePoint.array()),
                "not a Unicode scalar value");
        byte[] longHeader = good.clone();
        longHeader[6] = 2;
        ByteBuffer.wrap(longHeader, 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7FFFFFFF);
        assertRefused(longHeader, "more than " + Npy.MAX_HEADER);
    }

    @Test
    void refusesValuesAnArrayCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> NpyArray.vector(new String[] {"a\u0000"}));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.vector(new String[] {"\uD800x"}));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofDoubles(new int[] {2, 2}, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofDoubles(new int[] {-1}, new double[0]));
        assertThrows(IllegalStateException.class, () -> NpyArray.vector(new int[] {1}).doubles());
        assertThrows(IllegalStateException.class, () -> NpyArray.vector(new double[] {1}).toMatrix());
        double[] source = {1, 2};
        NpyArray a = NpyArray.vector(source);
        source[0] = 99;
        assertEquals(1, a.doubleAt(0), "arrays are copied in");
        a.doubles()[1] = 99;
        assertEquals(2, a.doubleAt(1), "and out");
    }

    @Test
    void aLargeArrayStreamsThroughTheChunkedReader() throws IOException {
        SplittableRandom rng = new SplittableRandom(9);
        long[] v = rng.longs(300_000).toArray();
        NpyArray a = NpyArray.vector(v);
        Path p = tmp.resolve("big.npy");
        Npy.write(p, a);
        assertEquals(128 + 8L * v.length, Files.size(p), "a 118-byte header pads the prefix to 128");
        assertArrayEquals(v, Npy.read(p).longs());
    }
}
