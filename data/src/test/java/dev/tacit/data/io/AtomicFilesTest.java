package dev.tacit.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReplaces() throws IOException {
        Path f = dir.resolve("result.json");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertEquals("second", Files.readString(f));
        assertEquals(1, countFiles(), "no temporary file left behind");
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("result.json");
        AtomicFiles.writeString(f, "complete");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("complete", Files.readString(f));
        assertEquals(1, countFiles());
    }

    @Test
    void aNewFileGetsTheUsersUsualPermissionsAndAReplacedOneKeepsItsOwn() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class), "POSIX only");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path f = dir.resolve("result.json");
        AtomicFiles.writeString(f, "first");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f),
                "the umask's permissions, not the owner-only ones of a temporary file");
        Set<PosixFilePermission> chosen = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(f, chosen);
        AtomicFiles.writeString(f, "second");
        assertEquals(chosen, Files.getPosixFilePermissions(f));
    }

    /** Written through before the fix, the rename replaced the link with a regular file and left its target stale. */
    @Test
    void aSymbolicLinkIsWrittenThroughAndKept() throws IOException {
        Path target = Files.writeString(dir.resolve("target.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("target.csv"));
        AtomicFiles.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(target));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), Path.of("later.csv"));
        AtomicFiles.writeString(dangling, "created");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("created", Files.readString(dir.resolve("later.csv")));
    }

    /** Before the fix, writing to /dev/null as root replaced the device with a regular file. */
    @Test
    void aTargetThatIsNotARegularFileIsRefusedAndLeftAlone() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        IOException directory = assertThrows(IOException.class, () -> AtomicFiles.writeString(sub, "x"));
        assertTrue(directory.getMessage().contains("not a regular file (a directory)"), directory.getMessage());
        assertTrue(Files.isDirectory(sub));
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device), "a POSIX device");
        Path toDevice = Files.createSymbolicLink(dir.resolve("null.csv"), device);
        IOException refused = assertThrows(IOException.class, () -> AtomicFiles.writeString(toDevice, "x"));
        assertTrue(refused.getMessage().contains("a device or a pipe"), refused.getMessage());
        assertFalse(Files.isRegularFile(device), "the device is still a device");
        assertTrue(Files.isSymbolicLink(toDevice));
        assertEquals(2, countFiles(), "the directory and the link, no temporary file");
    }

    @Test
    void theFirstWriterWinsWhenWritingOnlyIfAbsent() throws IOException {
        Path f = dir.resolve("run.json");
        assertTrue(AtomicFiles.writeStringIfAbsent(f, "first attempt"));
        assertFalse(AtomicFiles.writeStringIfAbsent(f, "second attempt"));
        assertEquals("first attempt", Files.readString(f));
        assertEquals(1, countFiles(), "no temporary file left behind");
    }

    private long countFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
