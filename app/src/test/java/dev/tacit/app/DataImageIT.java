package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.movielens.MovieLens;
import dev.tacit.data.movielens.MovieLensRatings;
import dev.tacit.data.testkit.FamilyArchives;
import dev.tacit.data.testkit.FixtureServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tacit data} on the built image: a fetch from a local mirror, the listing, and the generator. */
class DataImageIT {

    @TempDir
    Path tmp;

    @Test
    void fetchesFromAMirrorNamedInTheEnvironmentAndListsIt() throws Exception {
        MovieLens release = MovieLens.ML_10M;
        byte[] zip = FamilyArchives.zip(release, FamilyArchives.ratings(release, 6, 4, 9), 0);
        try (FixtureServer server = FixtureServer.start()) {
            server.serve("/ml-10m.zip", zip).serve("/ml-10m.zip.md5", FamilyArchives.bsdMd5File("ml-10m.zip", zip));
            Map<String, String> env = Map.of(DataCommand.BASE_URL_ENV, server.base().toString());
            Path cache = tmp.resolve("cache");
            CliRun fetch = Image.run(60, env, "data", "fetch", "ml-10m", "--cache-dir", cache.toString(),
                    "--trust-sidecar");
            assertEquals(0, fetch.code(), fetch.err());
            assertTrue(fetch.out().contains("24 ratings of 6 users"), fetch.out());
            assertTrue(Files.isRegularFile(cache.resolve("ml-10m").resolve("ratings.dat")));
            CliRun list = Image.run(60, "data", "list", "--cache-dir", cache.toString());
            assertEquals(0, list.code(), list.err());
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith("ml-10m") && l.contains("cached, verified")),
                    list.out());
        }
    }

    @Test
    void generatesRatingsThatReadBack() throws Exception {
        Path out = tmp.resolve("synth.csv.gz");
        CliRun run = Image.run(60, "data", "synth", "--ratings", "200000", "--users", "2000", "--items", "3000",
                "--scale", "half", "--seed", "9", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("noise floor"), run.out());
        MovieLensRatings read = MovieLensRatings.read(out);
        assertEquals(200_000, read.size());
        assertEquals(2000, read.users());
        assertTrue(Files.readString(tmp.resolve("synth.csv.gz.json")).contains("\"seed\":9"));
    }
}
