package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.movielens.DatasetCache;
import dev.tacit.data.movielens.MovieLens;
import dev.tacit.data.movielens.MovieLens100k;
import dev.tacit.data.movielens.MovieLensRatings;
import dev.tacit.data.testkit.FamilyArchives;
import dev.tacit.data.testkit.FixtureServer;
import dev.tacit.data.testkit.MovieLensFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tacit data fetch|list|info|synth}, in-process. Downloads go to a local HTTP server serving fixture archives
 * in each release's layout, or to an address that refuses connections; nothing leaves the machine.
 */
class DataCommandTest {

    @TempDir
    Path cache;

    @TempDir
    Path work;

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
        CliRun unknown = CliRun.of("data", "fetch", "ml-2m");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("the datasets are ml-100k, ml-1m, ml-10m, ml-20m, ml-25m, ml-32m"),
                unknown.err());
        assertEquals(2, CliRun.of("data", "fetch", "ml-100k", "--url", "http://127.0.0.1:1/x.zip").code());
        assertEquals(2, CliRun.of("data").code());
        assertEquals(2, CliRun.of("data", "info", "ml-7m").code());
        CliRun help = CliRun.of("data", "fetch", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--cache-dir"), help.out());
        assertTrue(help.out().contains("--base-url"), help.out());
        assertTrue(help.out().contains("--trust-sidecar"), help.out());
        assertFalse(help.out().contains("--sha256"), "test hooks stay hidden");
    }

    // ------------------------------------------------------------------------------------------ the family

    @Test
    void aMirrorServingArchivesThatAreNotTheOfficialOnesIsRefusedUnlessItsChecksumFilesAreTrusted()
            throws IOException {
        MovieLens release = MovieLens.ML_1M;
        byte[] zip = FamilyArchives.zip(release, FamilyArchives.ratings(release, 8, 6, 2), 0);
        try (FixtureServer server = FixtureServer.start()) {
            server.serve("/ml-1m.zip", zip).serve("/ml-1m.zip.md5", FamilyArchives.bsdMd5File("ml-1m.zip", zip));
            String base = server.base().toString();
            CliRun refused = CliRun.of("data", "fetch", "ml-1m", "--cache-dir", cache.toString(), "--base-url", base);
            assertEquals(1, refused.code(), refused.err());
            assertTrue(refused.err().contains("tacit: the file downloaded from " + base + "ml-1m.zip matches its "
                    + "checksum file " + base + "ml-1m.zip.md5 (MD5 " + FamilyArchives.md5(zip) + ") but not the MD5 "
                    + "c4d9eecfca2ab87c1945afe126590906 Tacit pins"), refused.err());
            assertTrue(refused.err().contains("try: GroupLens may have re-released it"), refused.err());
            assertFalse(Files.exists(cache.resolve("ml-1m.zip")));

            CliRun trusted = CliRun.of("data", "fetch", "ml-1m", "--cache-dir", cache.toString(), "--base-url", base,
                    "--trust-sidecar");
            assertEquals(0, trusted.code(), trusted.err());
            assertTrue(trusted.err().contains("tacit: downloading " + base + "ml-1m.zip"), trusted.err());
            assertTrue(trusted.out().contains("ml-1m is ready in " + cache.resolve("ml-1m")), trusted.out());
            assertTrue(trusted.out().contains("(not the official archive)"), trusted.out());
            assertTrue(trusted.out().contains("48 ratings of 8 users on "), trusted.out());
            assertTrue(trusted.out().contains("1-5 (whole stars) (the official release has 1000209)"), trusted.out());
            assertTrue(trusted.out().contains("fit it with: tacit fit --ratings "
                    + cache.resolve("ml-1m").resolve("ratings.dat")), trusted.out());
            assertTrue(trusted.out().contains("Licence: MovieLens-1M was collected"), trusted.out());
            assertTrue(trusted.out().contains("Cite: F. Maxwell Harper"), trusted.out());

            CliRun list = CliRun.of("data", "list", "--cache-dir", cache.toString());
            assertEquals(0, list.code(), list.err());
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith("ml-1m ") && l.contains("1,000,209")
                    && l.endsWith("cached, verified against its checksum file, not the official archive")),
                    list.out());
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith("ml-32m") && l.endsWith("not cached")),
                    list.out());
            CliRun json = CliRun.of("data", "list", "--cache-dir", cache.toString(), "--json");
            assertEquals(6, json.out().lines().count(), json.out());
            assertTrue(json.out().contains("\"name\":\"ml-1m\""), json.out());
        }
    }

    @Test
    void aCsvReleaseWithAGnuChecksumFileFetchesFromTheMirrorAndItsRatingsLoad() throws IOException {
        MovieLens release = MovieLens.ML_25M;
        byte[] zip = FamilyArchives.zip(release, FamilyArchives.ratings(release, 7, 5, 4), 0);
        try (FixtureServer server = FixtureServer.start()) {
            server.serve("/m/ml-25m.zip", zip).serve("/m/ml-25m.zip.md5", FamilyArchives.gnuMd5File("ml-25m.zip",
                    zip));
            CliRun run = CliRun.of("data", "fetch", "ML-25M", "--cache-dir", cache.toString(), "--base-url",
                    server.base() + "m", "--trust-sidecar");
            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().contains("35 ratings of 7 users"), run.out());
            assertTrue(run.out().contains("0.5-5 (half stars)"), run.out());
            MovieLensRatings loaded = MovieLensRatings.read(cache.resolve("ml-25m").resolve("ratings.csv"));
            assertEquals(35, loaded.size());
        }
    }

    @Test
    void aMissingChecksumFileIsAFailedDownload() throws IOException {
        byte[] zip = FamilyArchives.zip(MovieLens.ML_10M, FamilyArchives.ratings(MovieLens.ML_10M, 3, 3, 1), 0);
        try (FixtureServer server = FixtureServer.start()) {
            server.serve("/ml-10m.zip", zip);
            CliRun run = CliRun.of("data", "fetch", "ml-10m", "--cache-dir", cache.toString(), "--base-url",
                    server.base().toString(), "--trust-sidecar");
            assertEquals(1, run.code(), run.err());
            assertTrue(run.err().contains("the server has no checksum file for ml-10m.zip (HTTP 404)"), run.err());
            assertTrue(run.err().contains("move its ml-10M100K directory to " + cache.resolve("ml-10m")), run.err());
            assertEquals(0, server.requests("/ml-10m.zip"));
        }
    }

    @Test
    void aStalledDownloadIsAbandoned() throws IOException {
        byte[] zip = FamilyArchives.zip(MovieLens.ML_20M, FamilyArchives.ratings(MovieLens.ML_20M, 3, 3, 1), 0);
        try (FixtureServer server = FixtureServer.start()) {
            server.stall("/ml-20m.zip", zip, 10).serve("/ml-20m.zip.md5", FamilyArchives.gnuMd5File("ml-20m.zip",
                    zip));
            CliRun run = CliRun.of("data", "fetch", "ml-20m", "--cache-dir", cache.toString(), "--base-url",
                    server.base().toString(), "--stall-timeout", "0.5");
            assertEquals(1, run.code(), run.err());
            assertTrue(run.err().contains("stalled: nothing arrived for 0.5 s after 10 of " + zip.length + " bytes"),
                    run.err());
        }
    }

    @Test
    void placedFilesThatDoNotVerifyAreBadInput() throws IOException {
        Files.writeString(cache.resolve("ml-32m.zip"), "not it");
        CliRun alone = CliRun.of("data", "fetch", "ml-32m", "--cache-dir", cache.toString());
        assertEquals(2, alone.code(), alone.err());
        assertTrue(alone.err().contains("its checksum file " + cache.resolve("ml-32m.zip.md5") + " is not"),
                alone.err());

        Files.writeString(cache.resolve("ml-32m.zip.md5"), "d472be332d4daa821edc399621853b57  ml-32m.zip\n");
        CliRun wrong = CliRun.of("data", "fetch", "ml-32m", "--cache-dir", cache.toString());
        assertEquals(2, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("but " + cache.resolve("ml-32m.zip.md5") + " says "
                + "d472be332d4daa821edc399621853b57"), wrong.err());

        Path dir = Files.createDirectories(cache.resolve("ml-20m"));
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,2,3.5,4\n1,2,4.0,5\n");
        CliRun repeated = CliRun.of("data", "fetch", "ml-20m", "--cache-dir", cache.toString());
        assertEquals(2, repeated.code(), repeated.err());
        assertTrue(repeated.err().contains(dir.resolve("ratings.csv") + ":3: user 1 rates item 2 again"),
                repeated.err());
    }

    @Test
    void infoDescribesARelease() {
        CliRun run = CliRun.of("data", "info", "ml-10m", "--cache-dir", cache.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("MovieLens-10M (ml-10m)"), run.out());
        assertTrue(run.out().contains("https://files.grouplens.org/datasets/movielens/ml-10m.zip.md5"), run.out());
        assertTrue(run.out().contains("pinned MD5 ce571fd55effeba0271552578f2648bd (quoted by third parties, not "
                + "verified by the project"), run.out());
        assertTrue(run.out().contains("ml-10M100K/ratings.dat (kept in the cache as ml-10m/)"), run.out());
        assertTrue(run.out().contains("UserID::MovieID::Rating::Timestamp, no header"), run.out());
        assertTrue(run.out().contains("0.5-5 (half stars)"), run.out());
        assertTrue(run.out().contains("10,000,054"), run.out());
        assertTrue(run.out().contains("send GroupLens a copy of every publication"), run.out());
        CliRun json = CliRun.of("data", "info", "ml-100k", "--cache-dir", cache.toString(), "--json");
        assertTrue(json.out().contains("\"pin_verified\":true"), json.out());
        assertTrue(json.out().contains("\"delimiter\":\"\\t\""), json.out());
    }

    // ------------------------------------------------------------------------------------------ synth

    @Test
    void synthWritesAFileFitReadsWithItsNoiseFloor() throws IOException {
        Path out = work.resolve("r.csv");
        CliRun run = CliRun.of("data", "synth", "--ratings", "30000", "--users", "300", "--items", "500", "--rank",
                "5", "--noise", "0.5", "--seed", "3", "--scale", "half", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("wrote 30,000 ratings of 300 users on 500 items"), run.out());
        assertTrue(run.out().contains("noise floor (RMSE of the best predictor on held-out ratings): 0."), run.out());
        assertTrue(run.out().contains("fit it with: tacit fit --ratings " + out), run.out());
        assertTrue(run.err().contains("tacit: generating 30,000 ratings"), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("tacit:   [1-9]\\d% \\([\\d,]+ ratings\\)")),
                run.err());
        assertTrue(Files.readString(out).startsWith("user,item,rating\n"));
        assertTrue(Files.readString(work.resolve("r.csv.json")).contains("\"noise_floor_rmse\":0."));
        assertEquals(30_000, MovieLensRatings.read(out).size());

        CliRun json = CliRun.of("data", "synth", "--ratings", "3000", "--users", "30", "--items", "200", "--out",
                work.resolve("s.csv.gz").toString(), "--json", "--quiet");
        assertEquals(0, json.code(), json.err());
        assertEquals("", json.err());
        assertTrue(json.out().contains("\"gzip\":true"), json.out());
        assertTrue(json.out().contains("\"scale\":\"1-5\""), json.out());
    }

    @Test
    void synthRejectsBadSettingsNamingTheOption() {
        Path out = work.resolve("x.csv");
        CliRun scale = CliRun.of("data", "synth", "--scale", "1-10", "--out", out.toString());
        assertEquals(2, scale.code());
        assertTrue(scale.err().contains("--scale must be 1-5 or half, got '1-10'"), scale.err());
        CliRun few = CliRun.of("data", "synth", "--ratings", "50", "--users", "100", "--items", "10", "--out",
                out.toString());
        assertEquals(2, few.code());
        assertTrue(few.err().contains("--ratings must be between 100"), few.err());
        CliRun skew = CliRun.of("data", "synth", "--user-skew", "9", "--out", out.toString());
        assertEquals(2, skew.code());
        assertTrue(skew.err().contains("--user-skew must be between 0.0 and 4.0, got 9.0"), skew.err());
        CliRun nowhere = CliRun.of("data", "synth", "--ratings", "100", "--users", "10", "--items", "20", "--out",
                work.resolve("missing").resolve("x.csv").toString());
        assertEquals(2, nowhere.code());
        assertTrue(nowhere.err().contains("does not exist; create it first"), nowhere.err());
        assertEquals(2, CliRun.of("data", "synth").code(), "--out is required");
        assertFalse(Files.exists(out));
    }
}
