package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.movielens.DatasetCache;
import dev.tacit.data.movielens.MovieLens100k;
import dev.tacit.data.testkit.MovieLensFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tacit data fetch}, in-process, without network: the archive is placed by hand or the address refuses
 * connections. (The download itself, against a local HTTP server, is tested in the data module.)
 */
class DataCommandTest {

    @TempDir
    Path cache;

    /** An address on the loopback interface where nothing listens. */
    private static String closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/ml-100k.zip";
        }
    }

    private byte[] archive() throws IOException {
        return MovieLensFiles.zip(MovieLensFiles.release(MovieLensFiles.ratings(10, 12, 5, 1), 1), "ml-100k");
    }

    @Test
    void withoutNetworkItFailsWithExitCodeOneAndSaysWhereToPlaceTheArchive() throws IOException {
        byte[] zip = archive();
        String sha = MovieLens100k.sha256(zip);
        CliRun run = CliRun.of("data", "fetch", "ml-100k", "--cache-dir", cache.toString(), "--url", closedPort(),
                "--sha256", sha);
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("tacit: could not download http://127.0.0.1:"), run.err());
        assertTrue(run.err().contains("copy it to " + cache.resolve("ml-100k.zip")), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());

        // As the message says: place the archive, run again, offline.
        Files.write(cache.resolve("ml-100k.zip"), zip);
        CliRun placed = CliRun.of("data", "fetch", "ml-100k", "--cache-dir", cache.toString(), "--url", closedPort(),
                "--sha256", sha);
        assertEquals(0, placed.code(), placed.err());
        assertTrue(placed.out().contains("ml-100k is ready in " + cache.resolve("ml-100k")), placed.out());
        assertTrue(placed.out().contains("Licence: MovieLens-100K was collected by the GroupLens Research Project"),
                placed.out());
        assertTrue(placed.out().contains("Cite: F. Maxwell Harper and Joseph A. Konstan. 2015."), placed.out());
        assertTrue(Files.exists(cache.resolve("ml-100k").resolve(DatasetCache.MARKER)));

        CliRun again = CliRun.of("data", "fetch", "ml-100k", "--cache-dir", cache.toString(), "--url", closedPort(),
                "--sha256", sha);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("already cached, nothing downloaded"), again.out());

        // Commands find the fetched data in the cache without --data-dir.
        CliRun train = CliRun.of("movielens", "--cache-dir", cache.toString(), "--epochs", "1", "--dimension", "4",
                "--json", "--quiet");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("\"location\":\"" + cache.resolve("ml-100k")), train.out());
    }

    @Test
    void aWrongArchivePlacedByHandIsBadInput() throws IOException {
        Files.writeString(cache.resolve("ml-100k.zip"), "not it");
        CliRun run = CliRun.of("data", "fetch", "ml-100k", "--cache-dir", cache.toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("ml-100k.zip has SHA-256 "), run.err());
        assertTrue(run.err().contains("expected 50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229"),
                run.err());
        assertTrue(run.err().contains("try: delete it"), run.err());
    }

    @Test
    void unknownDatasetsAndHalfGivenOverridesAreUsageErrors() {
        assertEquals(2, CliRun.of("data", "fetch", "ml-1m").code());
        assertEquals(2, CliRun.of("data", "fetch", "ml-100k", "--url", "http://127.0.0.1:1/x.zip").code());
        assertEquals(2, CliRun.of("data").code());
        CliRun help = CliRun.of("data", "fetch", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--cache-dir"), help.out());
        assertFalse(help.out().contains("--sha256"), "test hooks stay hidden");
    }
}
