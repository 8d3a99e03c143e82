package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.testkit.MovieLensFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tacit movielens} and {@code tacit data fetch} on the built image, on a small generated dataset. */
class MovieLensImageIT {

    @TempDir
    Path tmp;

    @Test
    void trainsTheEmbeddingModelOnAGeneratedDataset() throws Exception {
        Path data = MovieLensFiles.small(tmp.resolve("ml-100k"), 8);
        CliRun run = Image.run(120, "movielens", "--data-dir", data.toString(), "--epochs", "10", "--dimension", "8",
                "--lr", "0.05", "--protocol", "honest", "--json");
        assertEquals(0, run.code(), run.err());
        // Untrained, every prediction is near 0 and clipped to 1: RMSE about 2.6 on these ratings.
        assertTrue(run.number("test_rmse") > 0 && run.number("test_rmse") < 1.5, run.out());
        assertTrue(Double.isFinite(run.number("validation_rmse")), run.out());
        assertTrue(run.err().contains("epoch 1/10"), run.err());
    }

    @Test
    void trainsTheNetworkFromAZip() throws Exception {
        Path zip = tmp.resolve("ml-100k.zip");
        Files.write(zip, MovieLensFiles.zip(MovieLensFiles.release(MovieLensFiles.ratings(30, 40, 10, 2), 3),
                "ml-100k"));
        CliRun run = Image.run(120, "movielens", "--data-dir", zip.toString(), "--model", "lnn", "--split", "ua",
                "--iterations", "20", "--eval-every", "10", "--lr", "0.01", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertEquals(20, run.number("iterations"));
        assertEquals(90, run.number("test"), "ua: three test ratings per user");
    }

    @Test
    void badDataAndNoNetworkHaveTheirExitCodes() throws Exception {
        Map<String, String> files = new TreeMap<>(MovieLensFiles.release(MovieLensFiles.ratings(10, 10, 4, 1), 1));
        files.put("u.data", "1\t2\t3\n");
        Path bad = MovieLensFiles.write(tmp.resolve("bad"), files);
        CliRun malformed = Image.run(60, "movielens", "--data-dir", bad.toString());
        assertEquals(2, malformed.code(), malformed.err());
        assertTrue(malformed.err().contains(bad.resolve("u.data") + ":1: expected 4 tab-separated fields, found 3"),
                malformed.err());
        assertFalse(malformed.err().contains("\tat "), malformed.err());

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun offline = Image.run(60, "data", "fetch", "ml-100k", "--cache-dir", tmp.resolve("cache").toString(),
                "--url", "http://127.0.0.1:" + port + "/ml-100k.zip", "--sha256", "0".repeat(64));
        assertEquals(1, offline.code(), offline.err());
        assertTrue(offline.err().contains("copy it to " + tmp.resolve("cache").resolve("ml-100k.zip")), offline.err());
    }
}
