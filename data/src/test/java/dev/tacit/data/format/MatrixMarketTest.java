package dev.tacit.data.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixMarketTest {

    @TempDir
    Path tmp;

    private static MatrixMarket.Content read(String text) throws IOException {
        return MatrixMarket.read("m.mtx", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static FileFormatException refused(String text) {
        return assertThrows(FileFormatException.class, () -> read(text));
    }

    private static void assertRefusal(String text, long line, int column, String problemPart) {
        FileFormatException e = refused(text);
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.problem().contains(problemPart), "'" + problemPart + "' in " + e.getMessage());
        assertTrue(e.getMessage().startsWith("m.mtx"), e.getMessage());
    }

    /** Doubles that stress a text round trip: extremes, subnormals, negative zero, short and long decimals. */
    static double[] awkwardDoubles(SplittableRandom rng, int n) {
        double[] special = {0.0, -0.0, 0.1, 1.0 / 3, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            -Double.MAX_VALUE, 1e-310, 123456789012345678.0, 2.5e-8, 1e22, 1e23, 9007199254740993.0, Math.PI};
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = k < special.length ? special[k] : switch (k % 3) {
                case 0 -> rng.nextGaussian();
                case 1 -> Double.longBitsToDouble(rng.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL) * (rng.nextBoolean() ? 1 : -1);
                default -> Math.round(rng.nextDouble() * 10) / 2.0;
            };
        }
        return v;
    }

    @Test
    void readsCoordinateFilesInFileOrderWithCommentsAndBlankLines() throws IOException {
        MatrixMarket.Content c = read("%%MatrixMarket matrix coordinate real general\n% a comment\n%\n"
                + "3 4 3\n\n3 1 -2.5e-1\n1 4 7\n  2   2\t0\n");
        assertEquals(new MatrixMarket.Header(MatrixMarket.Format.COORDINATE, MatrixMarket.Field.REAL,
                MatrixMarket.Symmetry.GENERAL, 3, 4, 3), c.header());
        Entries e = c.entries();
        assertEquals(3, e.size());
        assertEquals(2, e.row(0));
        assertEquals(0, e.col(0));
        assertEquals(-0.25, e.value(0));
        assertEquals(0.0, e.value(2), "an explicit zero is an entry");
        assertEquals(Matrix.of(3, 4, 0, 0, 0, 7, 0, 0, 0, 0, -0.25, 0, 0, 0), c.toMatrix());
    }

    @Test
    void readsIntegerSymmetricSkewAndArrayFilesAsScipyWritesThem() throws IOException {
        assertEquals(Matrix.of(2, 2, 1, 2, 3, 4), read("%%MatrixMarket matrix coordinate integer general\n%\n"
                + "2 2 4\n1 1 1\n1 2 2\n2 1 3\n2 2 4\n").toMatrix());
        MatrixMarket.Content sym = read("%%MatrixMarket matrix coordinate real symmetric\n%\n2 2 3\n1 1 1\n2 1 2\n"
                + "2 2 3\n");
        assertEquals(Matrix.of(2, 2, 1, 2, 2, 3), sym.toMatrix());
        assertEquals(4, sym.entries().size());
        assertEquals(0, sym.entries().row(2), "the mirror follows its original");
        assertEquals(1, sym.entries().col(2));
        assertEquals(Matrix.of(2, 2, 0, 2, -2, 0), read("%%MatrixMarket matrix coordinate real skew-symmetric\n"
                + "2 2 1\n2 1 -2\n").toMatrix());
        assertEquals(Matrix.of(3, 2, 1, 4, 2, 5, 3, 6), read("%%MatrixMarket matrix array real general\n%\n3 2\n1\n2\n"
                + "3\n4\n5\n6\n").toMatrix());
        assertEquals(Matrix.of(2, 2, 1, 2, 2, 3), read("%%MATRIXMARKET Matrix Array Real Symmetric\n2 2\n1\n2\n3\n")
                .toMatrix());
        assertEquals(Matrix.of(3, 3, 0, -1, -2, 1, 0, -3, 2, 3, 0), read("%%MatrixMarket matrix array integer "
                + "skew-symmetric\n3 3\n1\n2\n3\n").toMatrix());
        MatrixMarket.Content array = read("%%MatrixMarket matrix array real general\n2 2\n1 2\n3 4\n");
        assertEquals(4, array.entries().size(), "several values on a line are accepted");
    }

    @Test
    void refusesEachProblemNamingLineAndColumn() {
        assertRefusal("", 0, 0, "the file is empty");
        assertRefusal("1 1 1\n", 1, 0, "not a Matrix Market file");
        assertRefusal("%%MatrixMarket matrix coordinate real\n", 1, 0, "4 words where it needs 5");
        assertRefusal("%%MatrixMarket vector coordinate real general\n", 1, 2, "is not 'matrix'");
        assertRefusal("%%MatrixMarket matrix dense real general\n", 1, 3, "unknown format");
        assertRefusal("%%MatrixMarket matrix coordinate complex general\n", 1, 4, "complex");
        assertRefusal("%%MatrixMarket matrix coordinate pattern general\n", 1, 4, "pattern matrices have no values");
        assertRefusal("%%MatrixMarket matrix coordinate real hermitian\n", 1, 5, "hermitian");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n%\n", 0, 0, "ends before its size line");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2 2\n", 2, 0, "2 numbers where");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2 x 1\n", 2, 2, "columns 'x'");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n0 2 0\n", 2, 1, "rows 0 is outside");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2 2 5\n", 2, 3, "more than the 4 positions");
        assertRefusal("%%MatrixMarket matrix coordinate real symmetric\n2 3 1\n", 2, 0, "must be square");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n", 0, 0,
                "ends after 1 of the 2 entries");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n2 2 2\n", 4, 0,
                "more entries than the 1 declared on line 2");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1\n", 3, 0, "found 2 tokens");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1\n", 3, 1, "row index 3 is outside");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 0 1\n", 3, 2, "column index 0");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 x\n", 3, 3, "'x' is not a number");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 nan\n", 3, 3, "not finite");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1e400\n", 3, 3, "not finite");
        assertRefusal("%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 1 1.5\n", 3, 3, "not a whole");
        assertRefusal("%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n1 2 1\n", 3, 0, "above the diagonal");
        assertRefusal("%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n1 1 1\n", 3, 0, "on the diagonal");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2 2 3\n1 1 1\n% note\n2 2 2\n1 1 3\n", 6, 0,
                "position (1, 1) is stored again (first on line 3)");
        assertRefusal("%%MatrixMarket matrix array real general\n2 1\n1\n", 0, 0, "ends after 1 of the 2 values");
        assertRefusal("%%MatrixMarket matrix array real general\n1 1\n1\n2\n", 4, 1, "more values than the 1");
    }

    @Test
    void aHugeDeclaredSizeIsRefusedOrReadWithoutAllocatingIt() {
        assertRefusal("%%MatrixMarket matrix array real general\n2000000 2000000\n1\n", 2, 0, "more than the");
        assertRefusal("%%MatrixMarket matrix coordinate real general\n2000000000 2000000000 2000000000\n1 1 1\n", 0, 0,
                "ends after 1 of the 2000000000 entries");
    }

    @Test
    void writtenFilesReadBackBitForBit() throws IOException {
        SplittableRandom rng = new SplittableRandom(17);
        double[] v = awkwardDoubles(rng, 60);
        Matrix m = Matrix.of(6, 10, v);
        Path dense = tmp.resolve("dense.mtx");
        MatrixMarket.write(dense, m);
        MatrixMarket.Content back = MatrixMarket.read(dense);
        assertEquals(MatrixMarket.Format.ARRAY, back.header().format());
        assertBitwiseEqual(m.toArray(), back.toMatrix().toArray());
        assertEquals(2, back.entries().row(2), "array entries come column by column");
        assertTrue(Files.readString(dense).startsWith("%%MatrixMarket matrix array real general\n6 10\n"));

        int[] r = {5, 0, 2, 2};
        int[] c = {9, 0, 3, 1};
        Entries e = Entries.of(6, 10, r, c, new double[] {v[0], v[1], v[4], v[6]});
        Path sparse = tmp.resolve("sparse.mtx");
        MatrixMarket.write(sparse, e);
        Entries read = MatrixMarket.read(sparse).entries();
        assertEquals(4, read.size());
        for (int k = 0; k < 4; k++) {
            assertEquals(r[k], read.row(k));
            assertEquals(c[k], read.col(k));
            assertEquals(Double.doubleToRawLongBits(e.value(k)), Double.doubleToRawLongBits(read.value(k)));
        }
        assertEquals(0, leftovers(), "no temporary file is left behind");
    }

    static void assertBitwiseEqual(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) {
            if (Double.doubleToRawLongBits(expected[k]) != Double.doubleToRawLongBits(actual[k])) {
                throw new AssertionError("element " + k + ": " + expected[k] + " came back as " + actual[k]);
            }
        }
    }

    private long leftovers() throws IOException {
        try (var s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void gzipIsReadTransparently() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            MatrixMarket.write(gz, Matrix.of(1, 2, 3, 4));
        }
        Path p = tmp.resolve("m.mtx.gz");
        Files.write(p, out.toByteArray());
        assertEquals(Matrix.of(1, 2, 3, 4), MatrixMarket.read(p).toMatrix());
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = tmp.resolve("busy.mtx");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep"), "x");
        assertThrows(IOException.class, () -> MatrixMarket.write(target, Matrix.of(1, 1, 1)));
        assertTrue(Files.isDirectory(target));
        assertEquals("x", Files.readString(target.resolve("keep")));
        assertEquals(0, leftovers());
        assertFalse(Files.exists(tmp.resolve("busy.mtx.tmp")));
    }
}
