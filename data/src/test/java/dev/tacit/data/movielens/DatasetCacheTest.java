package dev.tacit.data.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.testkit.FamilyArchives;
import dev.tacit.data.testkit.FixtureServer;
import dev.tacit.data.testkit.MovieLensFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The verified download of every release, against a local HTTP server on the loopback address serving fixture
 * archives built here in each release's layout, with checksum files in both of GroupLens's layouts.
 */
class DatasetCacheTest {

    @TempDir
    Path tmp;

    private FixtureServer server;
    private byte[] archive100k;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void serve() throws IOException {
        Map<String, String> files = MovieLensFiles.release(MovieLensFiles.ratings(12, 15, 6, 9), 2);
        archive100k = MovieLensFiles.zip(files, MovieLens100k.NAME);
        server = FixtureServer.start()
                .serve("/ml-100k.zip", archive100k)
                .serve("/wrong.zip", "this is not the archive")
                .fail("/missing.zip", 404);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DatasetArchive at(String path, String sha256) {
        return DatasetArchive.ML_100K.at(server.uri(path), sha256);
    }

    private static List<String> leftovers(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    // ------------------------------------------------------------------------------------------ MovieLens-100K

    @Test
    void downloadsVerifiesUnpacksAndThenWorksOffline() throws IOException {
        DatasetCache cache = new DatasetCache(tmp.resolve("cache"));
        DatasetArchive official = at("/ml-100k.zip", MovieLens100k.sha256(archive100k));
        List<String> progress = new ArrayList<>();
        DatasetCache.Outcome first = cache.fetch(official, client, progress::add);
        assertEquals(DatasetCache.Source.DOWNLOADED, first.source());
        assertEquals(cache.directory(official), first.directory());
        assertTrue(cache.isReady(official));
        assertTrue(Files.isRegularFile(first.directory().resolve("u1.test")));
        assertEquals(MovieLens100k.sha256(archive100k), DatasetCache.sha256(cache.archivePath(official)));
        assertEquals(12 * 6, MovieLens100k.load(first.directory()).size());
        assertTrue(progress.get(0).startsWith("downloading http://127.0.0.1:"), progress.toString());
        assertEquals("SHA-256 matches the pinned value", first.verification().how(), "no checksum file is needed");
        assertFalse(first.verification().official(), "a test checksum is not the official one");
        assertEquals(1, server.requests("/ml-100k.zip.md5"), "the checksum file was asked for");
        assertEquals(List.of(), leftovers(cache.root()), "no temporary files are left");

        server.close(); // offline from now on
        int served = server.requests();
        DatasetCache.Outcome again = cache.fetch(official, client, progress::add);
        assertEquals(DatasetCache.Source.CACHED, again.source());
        assertEquals(served, server.requests(), "nothing was requested");
    }

    @Test
    void aFileWithTheWrongChecksumIsRejectedAndNotKept() throws IOException {
        DatasetCache cache = new DatasetCache(tmp);
        DatasetArchive official = at("/wrong.zip", MovieLens100k.sha256(archive100k));
        FetchException e = assertThrows(FetchException.class, () -> cache.fetch(official, client, s -> { }));
        assertEquals(FetchException.Reason.CHECKSUM, e.reason());
        assertTrue(e.getMessage().contains("has SHA-256 "
                + MovieLens100k.sha256("this is not the archive".getBytes()) + ", expected "
                + MovieLens100k.sha256(archive100k)), e.getMessage());
        assertTrue(e.getMessage().contains("it was deleted and nothing was unpacked"), e.getMessage());
        assertFalse(Files.exists(cache.archivePath(official)), "the bad download is not kept");
        assertFalse(Files.exists(cache.directory(official)));
        assertEquals(List.of(), leftovers(tmp));
    }

    @Test
    void withoutNetworkTheMessageSaysWhereToPlaceTheArchive() throws IOException {
        DatasetCache cache = new DatasetCache(tmp);
        DatasetArchive official = at("/ml-100k.zip", MovieLens100k.sha256(archive100k));
        server.close(); // connection refused
        FetchException e = assertThrows(FetchException.class, () -> cache.fetch(official, client, s -> { }));
        assertEquals(FetchException.Reason.NETWORK, e.reason());
        assertTrue(e.getMessage().startsWith("could not download " + official.uri()), e.getMessage());
        assertTrue(e.remedy().contains("copy it to " + tmp.resolve("ml-100k.zip")), e.remedy());
        assertTrue(e.remedy().contains(official.sha256()), e.remedy());
        assertEquals(List.of(), leftovers(tmp));

        // Placing the archive by hand, as the message says, then works offline.
        Files.write(cache.archivePath(official), archive100k);
        DatasetCache.Outcome placed = cache.fetch(official, client, s -> { });
        assertEquals(DatasetCache.Source.ARCHIVE_IN_CACHE, placed.source());
        assertTrue(cache.isReady(official));
    }

    @Test
    void httpErrorsAndWrongPlacedFilesAreReported() throws IOException {
        DatasetCache cache = new DatasetCache(tmp);
        FetchException notFound = assertThrows(FetchException.class,
                () -> cache.fetch(at("/missing.zip", MovieLens100k.sha256(archive100k)), client, s -> { }));
        assertEquals(FetchException.Reason.NETWORK, notFound.reason());
        assertTrue(notFound.getMessage().contains("HTTP 404"), notFound.getMessage());

        DatasetArchive official = at("/ml-100k.zip", MovieLens100k.sha256(archive100k));
        Files.writeString(cache.archivePath(official), "a truncated download");
        int before = server.requests();
        FetchException placed = assertThrows(FetchException.class, () -> cache.fetch(official, client, s -> { }));
        assertEquals(FetchException.Reason.PLACED_FILE, placed.reason());
        assertTrue(placed.remedy().startsWith("delete it"), placed.remedy());
        assertTrue(Files.exists(cache.archivePath(official)), "a file the user placed is never deleted");
        assertEquals(before, server.requests(), "a placed archive is checked without the network");
    }

    @Test
    void aMarkerOfAnEarlierVersionStillCounts() throws IOException {
        DatasetCache cache = new DatasetCache(tmp);
        Path dir = Files.createDirectories(cache.directory(MovieLens.ML_100K));
        Files.writeString(dir.resolve(DatasetCache.MARKER), MovieLens.ML_100K.pinned().hex() + "\n");
        assertTrue(cache.isReady(DatasetArchive.ML_100K));
        assertTrue(cache.verification(MovieLens.ML_100K).orElseThrow().official());
        assertEquals(DatasetCache.Source.CACHED, cache.fetch(DatasetArchive.ML_100K, client, s -> { }).source());
    }

    @Test
    void aPlacedMovieLens100kDirectoryMustHoldTheOfficialUData() throws IOException {
        DatasetCache cache = new DatasetCache(tmp);
        MovieLensFiles.small(cache.directory(MovieLens.ML_100K), 3);
        FetchException e = assertThrows(FetchException.class,
                () -> cache.fetch(DatasetArchive.ML_100K, client, s -> { }));
        assertEquals(FetchException.Reason.PLACED_FILE, e.reason());
        assertTrue(e.getMessage().contains("not the official u.data's " + MovieLens100k.U_DATA_SHA256),
                e.getMessage());
        assertTrue(e.remedy().contains("--data-dir"), e.remedy());
        assertEquals(0, server.requests());
    }

    // ------------------------------------------------------------------------------------------ the family

    /** A fixture release served as GroupLens serves it, with its checksum file in the layout that release uses. */
    private byte[] publish(MovieLens release, int users, int perUser) {
        byte[] zip = FamilyArchives.zip(release, FamilyArchives.ratings(release, users, perUser, 7), 0);
        String sidecar = release.layout() == RatingsLayout.CSV ? FamilyArchives.gnuMd5File(release.archiveName(), zip)
                : FamilyArchives.bsdMd5File(release.archiveName(), zip);
        server.serve("/" + release.archiveName(), zip).serve("/" + release.archiveName() + ".md5", sidecar);
        return zip;
    }

    /** The release from the fixture server, with the fixture's own MD5 pinned, as if it were the official one. */
    private DatasetArchive pinnedTo(MovieLens release, byte[] zip) {
        return new DatasetArchive(release, server.uri("/" + release.archiveName()),
                Optional.of(Checksum.md5(FamilyArchives.md5(zip))), false);
    }

    @ParameterizedTest
    @EnumSource(value = MovieLens.class, names = "ML_100K", mode = EnumSource.Mode.EXCLUDE)
    void everyLayoutDownloadsVerifiesUnpacksAndLoads(MovieLens release) throws IOException {
        byte[] zip = publish(release, 9, 7);
        DatasetCache cache = new DatasetCache(tmp.resolve("cache"));
        DatasetArchive archive = pinnedTo(release, zip);
        DatasetCache.Outcome outcome = cache.fetch(archive, client, s -> { });
        assertEquals(DatasetCache.Source.DOWNLOADED, outcome.source());
        assertEquals(cache.root().resolve(release.id()), outcome.directory(), "ml-10m is kept as ml-10m");
        assertEquals("MD5 matches " + release.archiveName() + ".md5 and the pinned value",
                outcome.verification().how());
        assertTrue(Files.isRegularFile(cache.sidecarPath(archive)), "the checksum file is kept beside the archive");
        assertTrue(Files.isRegularFile(outcome.directory().resolve(release.itemsFile())));
        assertTrue(cache.isReady(archive));

        MovieLensRatings loaded = MovieLensRatings.load(release, cache.root());
        assertEquals(9 * 7, loaded.size());
        assertEquals(9, loaded.users());
        assertEquals(release.scale(), loaded.scale());
        assertEquals(List.of(), leftovers(cache.root()));
    }

    @Test
    void theOfficialPinGuardsAgainstAnArchiveThatOnlyMatchesItsChecksumFile() throws IOException {
        byte[] zip = publish(MovieLens.ML_1M, 5, 4);
        DatasetCache cache = new DatasetCache(tmp);
        DatasetArchive mirror = MovieLens.ML_1M.archive().from(server.base());
        FetchException e = assertThrows(FetchException.class, () -> cache.fetch(mirror, client, s -> { }));
        assertEquals(FetchException.Reason.CHECKSUM, e.reason());
        assertTrue(e.getMessage().contains("matches its checksum file " + server.uri("/ml-1m.zip.md5") + " (MD5 "
                + FamilyArchives.md5(zip) + ") but not the MD5 c4d9eecfca2ab87c1945afe126590906 Tacit pins"),
                e.getMessage());
        assertTrue(e.remedy().contains("--trust-sidecar"), e.remedy());
        assertFalse(Files.exists(cache.archivePath(mirror)), "nothing is kept");

        DatasetCache.Outcome trusted = cache.fetch(mirror.trustingSidecar(), client, s -> { });
        assertFalse(trusted.verification().official());
        assertTrue(trusted.verification().how().contains("accepted because the checksum file is trusted"),
                trusted.verification().how());
        assertFalse(cache.isReady(mirror), "the official archive is still not in the cache");
        assertTrue(cache.isReady(mirror.trustingSidecar()));
    }

    @Test
    void aWrongChecksumFileOrATruncatedArchiveIsRefusedAndNothingKept() throws IOException {
        byte[] zip = publish(MovieLens.ML_20M, 6, 5);
        DatasetCache cache = new DatasetCache(tmp);
        DatasetArchive archive = pinnedTo(MovieLens.ML_20M, zip);
        byte[] other = FamilyArchives.zip(MovieLens.ML_20M, FamilyArchives.ratings(MovieLens.ML_20M, 3, 3, 1), 0);

        server.serve("/ml-20m.zip.md5", FamilyArchives.gnuMd5File("ml-20m.zip", other));
        FetchException wrong = assertThrows(FetchException.class, () -> cache.fetch(archive, client, s -> { }));
        assertEquals(FetchException.Reason.CHECKSUM, wrong.reason());
        assertTrue(wrong.getMessage().contains("has MD5 " + FamilyArchives.md5(zip) + ", but "
                + server.uri("/ml-20m.zip.md5") + " says " + FamilyArchives.md5(other)), wrong.getMessage());

        byte[] truncated = Arrays.copyOf(zip, zip.length / 2);
        server.serve("/ml-20m.zip", truncated).serve("/ml-20m.zip.md5", FamilyArchives.gnuMd5File("ml-20m.zip", zip));
        FetchException cut = assertThrows(FetchException.class, () -> cache.fetch(archive, client, s -> { }));
        assertEquals(FetchException.Reason.CHECKSUM, cut.reason());
        assertTrue(cut.getMessage().contains("has MD5 " + FamilyArchives.md5(truncated)), cut.getMessage());

        // A truncated archive whose checksum file matches it (a broken upload) still cannot be unpacked.
        server.serve("/ml-20m.zip.md5", FamilyArchives.gnuMd5File("ml-20m.zip", truncated));
        DatasetArchive broken = new DatasetArchive(MovieLens.ML_20M, archive.uri(),
                Optional.of(Checksum.md5(FamilyArchives.md5(truncated))), false);
        FetchException unusable = assertThrows(FetchException.class, () -> cache.fetch(broken, client, s -> { }));
        assertEquals(FetchException.Reason.ARCHIVE, unusable.reason());
        assertTrue(unusable.getMessage().contains("; it was deleted"), unusable.getMessage());

        server.serve("/ml-20m.zip.md5", FamilyArchives.gnuMd5File("ml-25m.zip", zip));
        FetchException named = assertThrows(FetchException.class, () -> cache.fetch(archive, client, s -> { }));
        assertEquals(FetchException.Reason.CHECKSUM, named.reason());
        assertTrue(named.getMessage().contains("it gives the MD5 of ml-25m.zip, not of ml-20m.zip"),
                named.getMessage());

        assertFalse(Files.exists(cache.archivePath(archive)));
        assertFalse(Files.exists(cache.directory(archive)));
        assertEquals(List.of(), leftovers(tmp));
    }

    @Test
    void withoutTheChecksumFileTheArchiveIsNotEvenDownloaded() {
        byte[] zip = publish(MovieLens.ML_10M, 4, 4);
        server.fail("/ml-10m.zip.md5", 404);
        DatasetCache cache = new DatasetCache(tmp);
        FetchException e = assertThrows(FetchException.class,
                () -> cache.fetch(pinnedTo(MovieLens.ML_10M, zip), client, s -> { }));
        assertEquals(FetchException.Reason.NETWORK, e.reason());
        assertTrue(e.getMessage().contains("the server has no checksum file for ml-10m.zip (HTTP 404)"),
                e.getMessage());
        assertTrue(e.remedy().contains("and its checksum file " + server.uri("/ml-10m.zip.md5")), e.remedy());
        assertEquals(0, server.requests("/ml-10m.zip"));

        server.fail("/ml-10m.zip.md5", 500);
        FetchException error = assertThrows(FetchException.class,
                () -> cache.fetch(pinnedTo(MovieLens.ML_10M, zip), client, s -> { }));
        assertTrue(error.getMessage().contains("HTTP 500"), error.getMessage());
    }

    @Test
    void aMissingArchiveIsANetworkFailure() {
        byte[] zip = publish(MovieLens.ML_32M, 4, 4);
        server.fail("/ml-32m.zip", 404);
        FetchException e = assertThrows(FetchException.class,
                () -> new DatasetCache(tmp).fetch(pinnedTo(MovieLens.ML_32M, zip), client, s -> { }));
        assertEquals(FetchException.Reason.NETWORK, e.reason());
        assertTrue(e.getMessage().contains("could not download " + server.uri("/ml-32m.zip") + ": the server "
                + "answered HTTP 404"), e.getMessage());
    }

    @Test
    void aSlowServerIsWaitedForAndLargeDownloadsReportProgress() throws IOException {
        MovieLens release = MovieLens.ML_25M;
        byte[] zip = FamilyArchives.zip(release, FamilyArchives.ratings(release, 5, 5, 3), 1_500_000);
        server.trickle("/ml-25m.zip", zip, 64 * 1024, 25)
                .serve("/ml-25m.zip.md5", FamilyArchives.gnuMd5File("ml-25m.zip", zip));
        DatasetCache cache = new DatasetCache(tmp).withStallTimeout(Duration.ofSeconds(5));
        List<String> progress = new ArrayList<>();
        DatasetCache.Outcome outcome = cache.fetch(pinnedTo(release, zip), client, progress::add);
        assertEquals(DatasetCache.Source.DOWNLOADED, outcome.source());
        List<String> percents = progress.stream().filter(l -> l.endsWith("%)")).toList();
        assertTrue(percents.size() >= 5 && percents.get(0).matches("  0\\.\\d of 1\\.\\d MB \\(1\\d%\\)"),
                progress.toString());
    }

    @Test
    void aStalledServerIsAbandonedAfterTheStallTimeout() throws IOException {
        byte[] zip = publish(MovieLens.ML_1M, 6, 6);
        server.stall("/ml-1m.zip", zip, zip.length / 3);
        DatasetCache cache = new DatasetCache(tmp).withStallTimeout(Duration.ofMillis(800));
        long start = System.nanoTime();
        FetchException e = assertThrows(FetchException.class,
                () -> cache.fetch(pinnedTo(MovieLens.ML_1M, zip), client, s -> { }));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(FetchException.Reason.NETWORK, e.reason());
        assertTrue(e.getMessage().contains("stalled: nothing arrived for 0.8 s after " + zip.length / 3 + " of "
                + zip.length + " bytes"), e.getMessage());
        assertTrue(seconds < 10, "abandoned after " + seconds + " s");
        assertFalse(Files.exists(cache.archivePath(pinnedTo(MovieLens.ML_1M, zip))));
        assertEquals(List.of(), leftovers(tmp));
    }

    // ------------------------------------------------------------------------------------------ placed by hand

    @Test
    void aPlacedArchiveNeedsItsChecksumFileAndBothMustAgree() throws IOException {
        MovieLens release = MovieLens.ML_25M;
        byte[] zip = FamilyArchives.zip(release, FamilyArchives.ratings(release, 5, 5, 3), 0);
        DatasetArchive archive = new DatasetArchive(release, URI.create("http://127.0.0.1:1/ml-25m.zip"),
                Optional.of(Checksum.md5(FamilyArchives.md5(zip))), false);
        DatasetCache cache = new DatasetCache(tmp);
        Files.write(cache.archivePath(archive), zip);
        FetchException alone = assertThrows(FetchException.class, () -> cache.fetch(archive, client, s -> { }));
        assertEquals(FetchException.Reason.PLACED_FILE, alone.reason());
        assertTrue(alone.getMessage().contains("is here but its checksum file " + cache.sidecarPath(archive)
                + " is not"), alone.getMessage());

        Files.writeString(cache.sidecarPath(archive), FamilyArchives.gnuMd5File("ml-25m.zip", new byte[3]));
        FetchException disagree = assertThrows(FetchException.class, () -> cache.fetch(archive, client, s -> { }));
        assertEquals(FetchException.Reason.PLACED_FILE, disagree.reason());
        assertTrue(disagree.remedy().startsWith("delete both files"), disagree.remedy());

        Files.writeString(cache.sidecarPath(archive), "MD5 (ml-25m.zip) = " + FamilyArchives.md5(zip).toUpperCase()
                + "\r\n");
        List<String> progress = new ArrayList<>();
        DatasetCache.Outcome placed = cache.fetch(archive, client, progress::add);
        assertEquals(DatasetCache.Source.ARCHIVE_IN_CACHE, placed.source());
        assertTrue(progress.get(0).startsWith("using " + cache.archivePath(archive) + " (MD5 matches"),
                progress.toString());
        assertTrue(Files.exists(cache.archivePath(archive)), "the placed archive stays");
    }

    @Test
    void aPlacedDirectoryIsVerifiedByItsContent() throws IOException {
        MovieLens release = MovieLens.ML_1M;
        DatasetCache cache = new DatasetCache(tmp);
        Path dir = Files.createDirectories(cache.directory(release));
        // The real release's count, in its layout: 6040 users with 165 or 166 ratings each.
        StringBuilder sb = new StringBuilder();
        long n = 0;
        for (int u = 1; u <= 6040; u++) {
            int count = u <= 1_000_209 - 6040 * 165 ? 166 : 165;
            for (int i = 1; i <= count; i++, n++) {
                sb.append(u).append("::").append(i).append("::").append(1 + (u + i) % 5).append("::9783007")
                        .append(u % 10).append('\n');
            }
        }
        assertEquals(release.expectedRatings(), n);
        Files.writeString(dir.resolve("ratings.dat"), sb);
        DatasetCache.Outcome outcome = cache.fetch(release.archive(), client, s -> { });
        assertEquals(DatasetCache.Source.DIRECTORY_IN_CACHE, outcome.source());
        assertTrue(outcome.verification().official());
        assertTrue(cache.isReady(release.archive()));
        assertEquals(DatasetCache.Source.CACHED, cache.fetch(release.archive(), client, s -> { }).source());
        assertEquals(0, server.requests());

        MovieLens ten = MovieLens.ML_10M;
        Path wrong = Files.createDirectories(cache.directory(ten));
        Files.writeString(wrong.resolve("ratings.dat"), "1::2::3.5::978300760\n");
        FetchException count = assertThrows(FetchException.class, () -> cache.fetch(ten.archive(), client, s -> { }));
        assertEquals(FetchException.Reason.PLACED_FILE, count.reason());
        assertTrue(count.getMessage().endsWith("holds 1 ratings; the official MovieLens-10M has 10000054"),
                count.getMessage());

        Files.delete(wrong.resolve("ratings.dat"));
        FetchException empty = assertThrows(FetchException.class, () -> cache.fetch(ten.archive(), client, s -> { }));
        assertEquals(FetchException.Reason.PLACED_FILE, empty.reason());
        assertTrue(empty.remedy().contains("ml-10M100K"), empty.remedy());
    }

    // ------------------------------------------------------------------------------------------ the catalogue

    @Test
    void theProductionArchivesAreTheOfficialOnes() {
        assertEquals("https://files.grouplens.org/datasets/movielens/ml-100k.zip",
                DatasetArchive.ML_100K.uri().toString());
        assertEquals("50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229",
                DatasetArchive.ML_100K.sha256());
        assertFalse(DatasetArchive.ML_100K.sidecarRequired());
        for (MovieLens m : MovieLens.values()) {
            assertEquals("https://files.grouplens.org/datasets/movielens/" + m.id() + ".zip", m.uri().toString());
            assertEquals(m.uri() + ".md5", m.archive().sidecarUri().toString());
            assertEquals(m != MovieLens.ML_100K, m.archive().sidecarRequired(), m.id());
            assertEquals(m == MovieLens.ML_100K, m.pinVerified(), m.id());
            assertTrue(m.archive().pinIsOfficial());
        }
        assertEquals("ml-10M100K", MovieLens.ML_10M.top());
        assertEquals(List.of(1_000_209L, 10_000_054L, 20_000_263L, 25_000_095L, 32_000_204L),
                Stream.of(MovieLens.ML_1M, MovieLens.ML_10M, MovieLens.ML_20M, MovieLens.ML_25M, MovieLens.ML_32M)
                        .map(MovieLens::expectedRatings).toList());
        assertEquals(MovieLens100k.LICENCE, MovieLens.ML_100K.licence());
        assertTrue(MovieLens.ML_10M.licence().contains("send GroupLens a copy"));
        assertEquals(Optional.of(MovieLens.ML_25M), MovieLens.byId("ML-25M"));
        assertEquals(Optional.empty(), MovieLens.byId("ml-2m"));
        assertEquals(URI.create("http://mirror/x/ml-20m.zip"),
                MovieLens.ML_20M.archive().from(URI.create("http://mirror/x")).uri());
    }
}
