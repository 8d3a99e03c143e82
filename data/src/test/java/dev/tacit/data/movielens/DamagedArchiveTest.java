package dev.tacit.data.movielens;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Before the fix, a damaged compressed entry escaped as an UncheckedIOException: an internal error, exit code 1. */
class DamagedArchiveTest {

    @TempDir
    Path dir;

    /** A zip whose deflated u.data has a run of bytes flipped in the middle of its compressed data. */
    private Path damagedZip() throws Exception {
        StringBuilder ratings = new StringBuilder();
        SplittableRandom random = new SplittableRandom(18);
        for (int k = 0; k < 20_000; k++) {
            ratings.append(1 + random.nextInt(943)).append('\t').append(1 + random.nextInt(1682)).append('\t')
                    .append(1 + random.nextInt(5)).append('\t').append(874965758 + k).append('\n');
        }
        Path zip = dir.resolve("ml-100k.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("ml-100k/u.data"));
            out.write(ratings.toString().getBytes(StandardCharsets.US_ASCII));
            out.closeEntry();
        }
        byte[] bytes = Files.readAllBytes(zip);
        // The local header is 30 bytes plus the name; the compressed data follows it.
        int start = 30 + "ml-100k/u.data".length() + 1000;
        for (int k = start; k < start + 200; k++) {
            bytes[k] ^= 0x5a;
        }
        return Files.write(zip, bytes);
    }

    @Test
    void aDamagedEntryIsBadInputNamingTheArchive() throws Exception {
        DatasetFiles.Archive archive = new DatasetFiles.Archive(damagedZip(), "ml-100k/");
        MalformedFileException whole = assertThrows(MalformedFileException.class, () -> archive.read("u.data"));
        assertTrue(whole.getMessage().contains("ml-100k.zip") && whole.getMessage().contains("the archive is damaged"),
                whole.getMessage());
        MalformedFileException streamed = assertThrows(MalformedFileException.class, () -> {
            try (InputStream in = archive.open("u.data")) {
                in.readAllBytes();
            }
        });
        assertTrue(streamed.getMessage().contains("the archive is damaged"), streamed.getMessage());
    }

    @Test
    void aFileThatIsNotAZipIsBadInput() throws Exception {
        Path notZip = Files.writeString(dir.resolve("ml-100k.zip"), "this is not an archive");
        DatasetFiles.Archive archive = new DatasetFiles.Archive(notZip, "ml-100k/");
        assertThrows(MalformedFileException.class, () -> archive.read("u.data"));
    }
}
