package dev.tacit.data.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tacit.data.testkit.MovieLensFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verified download, against a local HTTP server on the loopback address. */
class DatasetCacheTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private byte[] archive;
    private final AtomicInteger requests = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void serve() throws IOException {
        Map<String, String> files = MovieLensFiles.release(MovieLensFiles.ratings(12, 15, 6, 9), 2);
        archive = MovieLensFiles.zip(files, MovieLens100k.NAME);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        respond("/ml-100k.zip", 200, archive);
        respond("/wrong.zip", 200, "this is not the archive".getBytes());
        respond("/missing.zip", 404, "not found".getBytes());
        server.start();
    }

    private void respond(String path, int status, byte[] body) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DatasetArchive at(String path, String sha256) {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return DatasetArchive.ML_100K.at(uri, sha256);
    }

    private List<String> leftovers(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    @Test
    void downloadsVerifiesUnpacksAndThenWorksOffline() throws IOException {
        DatasetCache cache = new DatasetCache(tmp.resolve("cache"));
        DatasetArchive official = at("/ml-100k.zip", MovieLens100k.sha256(archive));
        List<String> progress = new ArrayList<>();
        DatasetCache.Outcome first = cache.fetch(official, client, progress::add);
        assertEquals(DatasetCache.Source.DOWNLOADED, first.source());
        assertEquals(cache.directory(official), first.directory());
        assertTrue(cache.isReady(official));
        assertTrue(Files.isRegularFile(first.directory().resolve("u1.test")));
        assertEquals(MovieLens100k.sha256(archive), DatasetCache.sha256(cache.archivePath(official)));
        assertEquals(12 * 6, MovieLens100k.load(first.directory()).size());
        assertTrue(progress.get(0).startsWith("downloading http://127.0.0.1:"), progress.toString());
        assertEquals(List.of(), leftovers(cache.root()), "no temporary files are left");

        server.stop(0); // offline from now on
        int served = requests.get();
        DatasetCache.Outcome again = cache.fetch(official, client, progress::add);
        assertEquals(DatasetCache.Source.CACHED, again.source());
        assertEquals(served, requests.get(), "nothing was requested");
    }

    @Test
    void aFileWithTheWrongChecksumIsRejectedAndNotKept() throws IOException {
        DatasetCache cache = new DatasetCache(tmp);
        DatasetArchive official = at("/wrong.zip", MovieLens100k.sha256(archive));
        FetchException e = assertThrows(FetchException.class, () -> cache.fetch(official, client, s -> { }));
        assertEquals(FetchException.Reason.CHECKSUM, e.reason());
        assertTrue(e.getMessage().contains("has SHA-256 "
                + MovieLens100k.sha256("this is not the archive".getBytes()) + ", expected "
                + MovieLens100k.sha256(archive)), e.getMessage());
        assertTrue(e.getMessage().contains("it was deleted and nothing was unpacked"), e.getMessage());
        assertFalse(Files.exists(cache.archivePath(official)), "the bad download is not kept");
        assertFalse(Files.exists(cache.directory(official)));
        assertEquals(List.of(), leftovers(tmp));
    }

    @Test
    void withoutNetworkTheMessageSaysWhereToPlaceTheArchive() throws IOException {
        DatasetCache cache = new DatasetCache(tmp);
        DatasetArchive official = at("/ml-100k.zip", MovieLens100k.sha256(archive));
        server.stop(0); // connection refused
        FetchException e = assertThrows(FetchException.class, () -> cache.fetch(official, client, s -> { }));
        assertEquals(FetchException.Reason.NETWORK, e.reason());
        assertTrue(e.getMessage().startsWith("could not download " + official.uri()), e.getMessage());
        assertTrue(e.remedy().contains("copy it to " + tmp.resolve("ml-100k.zip")), e.remedy());
        assertTrue(e.remedy().contains(official.sha256()), e.remedy());
        assertEquals(List.of(), leftovers(tmp));

        // Placing the archive by hand, as the message says, then works offline.
        Files.write(cache.archivePath(official), archive);
        DatasetCache.Outcome placed = cache.fetch(official, client, s -> { });
        assertEquals(DatasetCache.Source.ARCHIVE_IN_CACHE, placed.source());
        assertTrue(cache.isReady(official));
    }

    @Test
    void httpErrorsAndWrongPlacedFilesAreReported() throws IOException {
        DatasetCache cache = new DatasetCache(tmp);
        FetchException notFound = assertThrows(FetchException.class,
                () -> cache.fetch(at("/missing.zip", MovieLens100k.sha256(archive)), client, s -> { }));
        assertEquals(FetchException.Reason.NETWORK, notFound.reason());
        assertTrue(notFound.getMessage().contains("HTTP 404"), notFound.getMessage());

        DatasetArchive official = at("/ml-100k.zip", MovieLens100k.sha256(archive));
        Files.writeString(cache.archivePath(official), "a truncated download");
        FetchException placed = assertThrows(FetchException.class, () -> cache.fetch(official, client, s -> { }));
        assertEquals(FetchException.Reason.PLACED_FILE, placed.reason());
        assertTrue(placed.remedy().startsWith("delete it"), placed.remedy());
        assertTrue(Files.exists(cache.archivePath(official)), "a file the user placed is never deleted");
        assertEquals(0, requests.get() - 1, "only the 404 request was made");
    }

    @Test
    void theProductionArchiveIsTheOfficialOne() {
        assertEquals("https://files.grouplens.org/datasets/movielens/ml-100k.zip",
                DatasetArchive.ML_100K.uri().toString());
        assertEquals("50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229", DatasetArchive.ML_100K.sha256());
        assertEquals(4_924_029L, DatasetArchive.ML_100K.bytes());
    }
}
