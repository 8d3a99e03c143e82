package dev.tacit.data.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path tmp;

    static Npz.Builder sample() {
        return Npz.builder()
                .put("W", NpyArray.ofDoubles(new int[] {2, 2}, new double[] {1, -2.5, 0.1, 1e-300}))
                .put("users", NpyArray.vector(new String[] {"u1", "\u00e9"}))
                .put("rows", NpyArray.vector(new int[] {0, 1}))
                .put("seeds", NpyArray.vector(new long[] {Long.MAX_VALUE}))
                .putFile("metadata.json", "{\"rank\":2}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void arraysAndFilesRoundTripInOrder() throws IOException {
        Path p = tmp.resolve("m.npz");
        sample().write(p);
        Npz.Archive a = Npz.read(p);
        assertEquals(List.of("W", "users", "rows", "seeds"), List.copyOf(a.arrayNames()));
        assertEquals(Set.of("metadata.json"), a.fileNames());
        assertArrayEquals(new double[] {1, -2.5, 0.1, 1e-300}, a.array("W", NpyArray.Kind.FLOAT64, 2, -1).doubles());
        assertArrayEquals(new String[] {"u1", "\u00e9"}, a.array("users").strings());
        assertArrayEquals(new long[] {Long.MAX_VALUE}, a.array("seeds").longs());
        assertEquals("{\"rank\":2}", new String(a.file("metadata.json").orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), a.find("V"));
        assertEquals(Optional.empty(), a.file("nothing"));
        assertEquals(p.toString(), a.source());
    }

    @Test
    void theSameContentGivesTheSameBytes() throws IOException {
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        sample().write(one);
        sample().write(two);
        assertArrayEquals(one.toByteArray(), two.toByteArray());
    }

    @Test
    void aMissingOrMisshapenArrayIsNamed() throws IOException {
        Path p = tmp.resolve("m.npz");
        sample().write(p);
        Npz.Archive a = Npz.read(p);
        FileFormatException missing = assertThrows(FileFormatException.class, () -> a.array("V"));
        assertTrue(missing.problem().contains("no array 'V' (it has [W, users, rows, seeds])"), missing.getMessage());
        FileFormatException shape = assertThrows(FileFormatException.class,
                () -> a.array("W", NpyArray.Kind.FLOAT64, 3, -1));
        assertEquals(p + "!W.npy", shape.file());
        assertTrue(shape.problem().contains("<f8 of shape [2, 2] where <f8 of shape (3, any) is expected"),
                shape.getMessage());
        assertThrows(FileFormatException.class, () -> a.array("rows", NpyArray.Kind.INT64, 2));
        assertThrows(FileFormatException.class, () -> a.array("rows", NpyArray.Kind.INT32, 2, 1));
    }

    @Test
    void theBuilderRefusesClashingOrOddNames() {
        Npz.Builder b = Npz.builder().put("a", NpyArray.vector(new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> b.put("a", NpyArray.vector(new int[] {2})));
        assertThrows(IllegalArgumentException.class, () -> b.putFile("a.npy", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> b.putFile("dir/x", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> b.put("", NpyArray.vector(new int[] {2})));
        assertThrows(IllegalArgumentException.class, () -> b.put(".hidden", NpyArray.vector(new int[] {2})));
    }

    private static void assertRefused(Path p, String problemPart) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> Npz.read(p));
        assertTrue(e.problem().contains(problemPart), "'" + problemPart + "' in " + e.getMessage());
        assertTrue(e.file().startsWith(p.toString()), e.getMessage());
    }

    @Test
    void refusesForeignDamagedAndTruncatedArchives() throws IOException {
        Path text = tmp.resolve("text.npz");
        Files.writeString(text, "just text");
        assertRefused(text, "not an .npz archive");
        ByteArrayOutputStream good = new ByteArrayOutputStream();
        sample().write(good);
        byte[] all = good.toByteArray();
        Path cut = tmp.resolve("cut.npz");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 30));
        assertRefused(cut, "not an .npz archive");
        byte[] flipped = all.clone();
        flipped[200] ^= 0x01; // inside W's data (header is 128 bytes after a ~35-byte local header)
        Path flip = tmp.resolve("flip.npz");
        Files.write(flip, flipped);
        assertRefused(flip, "CRC-32");
        Path dir = tmp.resolve("dir.npz");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(dir))) {
            z.putNextEntry(new ZipEntry("sub/"));
            z.closeEntry();
        }
        assertRefused(dir, "directory");
        Path notNpy = tmp.resolve("fake.npz");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(notNpy))) {
            z.putNextEntry(new ZipEntry("x.npy"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        FileFormatException e = assertThrows(FileFormatException.class, () -> Npz.read(notNpy));
        assertEquals(notNpy + "!x.npy", e.file());
        assertTrue(e.problem().contains("not a .npy file"), e.getMessage());
    }

    @Test
    void deflatedMembersAreRead() throws IOException {
        Path p = tmp.resolve("deflated.npz");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry("x.npy"));
            z.write(NpyTest.bytes(NpyArray.vector(new double[1000])));
            z.closeEntry();
        }
        assertEquals(1000, Npz.read(p).array("x").size());
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path p = tmp.resolve("m.npz");
        sample().write(p);
        byte[] before = Files.readAllBytes(p);
        Path busy = tmp.resolve("busy.npz");
        Files.createDirectory(busy);
        Files.writeString(busy.resolve("keep"), "x");
        assertThrows(IOException.class, () -> sample().write(busy));
        assertArrayEquals(before, Files.readAllBytes(p));
        try (var s = Files.list(tmp)) {
            assertEquals(0, s.filter(f -> f.getFileName().toString().endsWith(".tmp")).count());
        }
    }
}
