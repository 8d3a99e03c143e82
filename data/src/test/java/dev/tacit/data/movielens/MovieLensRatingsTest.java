package dev.tacit.data.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.data.testkit.FamilyArchives;
import dev.tacit.data.testkit.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The streaming parser of the family's layouts, on fixture files written here. */
class MovieLensRatingsTest {

    @TempDir
    Path tmp;

    private static MovieLensRatings parse(MovieLens release, String text) {
        return MovieLensRatings.parse(release.ratingsFile(), new ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8)), Optional.of(release), release.layout(), release.scale());
    }

    @Test
    void readsDoubleColonWholeStars() {
        MovieLensRatings r = parse(MovieLens.ML_1M, "1::1193::5::978300760\n1::661::3::978302109\n"
                + "7::1193::4::978300000\n");
        assertEquals(3, r.size());
        assertEquals(2, r.users());
        assertEquals(2, r.items());
        assertEquals(1, r.userId(r.row(0)));
        assertEquals(1193, r.itemId(r.col(0)));
        assertEquals(1, r.col(0), "columns in id order: 661 then 1193");
        assertEquals(5.0, r.rating(0));
        assertEquals(978302109L, r.timestamp(1));
        assertEquals(RatingScale.WHOLE, r.scale());
    }

    @Test
    void readsDoubleColonHalfStars() {
        MovieLensRatings r = parse(MovieLens.ML_10M, "1::122::5::838985046\n1::185::0.5::838983525\n"
                + "2::122::3.5::868245777\n");
        assertEquals(5.0, r.rating(0));
        assertEquals(0.5, r.rating(1));
        assertEquals(3.5, r.rating(2));
    }

    @Test
    void readsCsvWithItsHeader() {
        MovieLensRatings r = parse(MovieLens.ML_25M, "userId,movieId,rating,timestamp\r\n1,296,5.0,1147880044\r\n"
                + "1,306,3.5,1147868817\r\n3,296,0.5,1147868828");
        assertEquals(3, r.size());
        assertEquals(3.5, r.rating(1));
        assertEquals(0.5, r.rating(2));
        assertEquals(RatingsLayout.CSV, r.layout());
        Entries e = r.observations();
        assertEquals(2, e.rows());
        assertEquals(2, e.cols());
        assertEquals(5.0, e.value(0));
    }

    @Test
    void readsTabSeparatedUData() {
        MovieLensRatings r = parse(MovieLens.ML_100K, "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
        assertEquals(2, r.size());
        assertEquals(242, r.itemId(r.col(0)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "ml-1m|1::2::3\\n|1|expected 4 '::'-separated fields, found 3",
        "ml-1m|1::2::3::4::5\\n|1|expected 4 '::'-separated fields, found 5",
        "ml-1m|1:2:3:4\\n|1|expected 4 '::'-separated fields, found 1",
        "ml-1m|1::2::3.5::4\\n|1|rating 3.5 is not on the scale 1-5 (whole stars)",
        "ml-1m|1::2::3::4\\n1::3::6::4\\n|2|rating 6 is not on the scale 1-5 (whole stars)",
        "ml-1m|1::2::0::4\\n|1|rating 0 is not on the scale",
        "ml-10m|1::2::3.25::4\\n|1|rating '3.25' is not a number of whole or half stars",
        "ml-10m|1::2::5.5::4\\n|1|rating 5.5 is not on the scale 0.5-5 (half stars)",
        "ml-10m|1::2::four::4\\n|1|rating 'four' is not a number",
        "ml-10m|1::2::-1::4\\n|1|rating '-1' is not a number",
        "ml-10m|0::2::3::4\\n|1|user id '0' is not a whole number from 1",
        "ml-10m|1::x::3::4\\n|1|item id 'x' is not a whole number",
        "ml-10m|1::2::3::-4\\n|1|timestamp '-4' is not a whole number of seconds",
        "ml-10m|1::2::3::4\\n\\n1::3::3::4\\n|2|empty line",
        "ml-10m|1::2::3::4\\n1::5::3::4\\n1::2::4::5\\n|3|user 1 rates item 2 again (first on line 1)",
        "ml-20m|userId,movieId,rating\\n1,2,3.0\\n|1|the first line must be the header 'userId,movieId,rating,",
        "ml-20m|1,2,3.0,4\\n|1|the first line must be the header",
        "ml-20m|userId,movieId,rating,timestamp\\n1,2,3.0,4\\n1,2,4.0,5\\n|3|user 1 rates item 2 again (first on line",
        "ml-20m|userId,movieId,rating,timestamp\\n|0|the file holds no rating",
        "ml-25m|''|0|the file is empty",
    })
    void rejectsMalformedFilesNamingTheLine(String release, String text, long line, String problem) {
        MovieLens m = MovieLens.byId(release).orElseThrow();
        MalformedFileException e = assertThrows(MalformedFileException.class,
                () -> parse(m, text.replace("\\n", "\n").replace("''", "")));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.problem().contains(problem), e.problem());
        assertEquals(m.ratingsFile(), e.file());
    }

    @Test
    void aByteOrderMarkAndAMissingFinalNewlineAreTolerated() {
        MovieLensRatings r = parse(MovieLens.ML_20M, "\uFEFFuserId,movieId,rating,timestamp\n1,2,4.0,5");
        assertEquals(1, r.size());
    }

    @ParameterizedTest
    @EnumSource(MovieLens.class)
    void everyLayoutStreamsAcrossBlockBoundaries(MovieLens release) {
        // About 4 MB: several of the parser's 1 MB blocks, so lines are cut at block ends.
        String text = FamilyArchives.ratings(release, 2000, 80, 5);
        MovieLensRatings r = parse(release, text);
        assertEquals(2000 * 80, r.size());
        assertEquals(2000, r.users());
        assertEquals(release.scale(), r.scale());
        String[] last = text.lines().reduce((a, b) -> b).orElseThrow().split(release.layout().delimiter());
        int k = r.size() - 1;
        assertEquals(Integer.parseInt(last[0]), r.userId(r.row(k)));
        assertEquals(Integer.parseInt(last[1]), r.itemId(r.col(k)));
        assertEquals(Double.parseDouble(last[2]), r.rating(k));
        assertEquals(Long.parseLong(last[3]), r.timestamp(k));
    }

    @Test
    void loadsFromTheCacheAnUnpackedDirectoryOrTheArchive() throws IOException {
        MovieLens release = MovieLens.ML_10M;
        String text = FamilyArchives.ratings(release, 4, 3, 1);
        Path zip = tmp.resolve("ml-10m.zip");
        Files.write(zip, FamilyArchives.zip(release, text, 0));
        assertEquals(12, MovieLensRatings.load(release, zip).size());
        assertTrue(MovieLensRatings.load(release, zip).source().endsWith("ml-10m.zip!ml-10M100K/ratings.dat"));

        Path unpacked = Files.createDirectories(tmp.resolve("x").resolve("ml-10M100K"));
        Files.writeString(unpacked.resolve("ratings.dat"), text);
        assertEquals(12, MovieLensRatings.load(release, unpacked).size());
        assertEquals(12, MovieLensRatings.load(release, unpacked.getParent()).size());

        MalformedFileException none = assertThrows(MalformedFileException.class,
                () -> MovieLensRatings.load(MovieLens.ML_20M, unpacked));
        assertTrue(none.getMessage().contains("holds no ratings.csv"), none.getMessage());
        assertTrue(none.fix().contains("tacit data fetch ml-20m"), none.fix());
    }

    @Test
    void readsAnyFileOfTheLayoutsRecognisingItsLayoutAndScale() throws IOException {
        Path synth = tmp.resolve("synth.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(synth))) {
            out.write("user,item,rating\n1,1,4\n1,3,2\n2,1,5\n".getBytes(StandardCharsets.US_ASCII));
        }
        MovieLensRatings s = MovieLensRatings.read(synth);
        assertEquals(3, s.size());
        assertEquals(RatingScale.WHOLE, s.scale());
        assertFalse(s.hasTimestamps());
        assertThrows(IllegalStateException.class, () -> s.timestamp(0));

        Path dat = Files.writeString(tmp.resolve("ratings.dat"), "1::2::3.5::4\n");
        assertEquals(RatingScale.HALF, MovieLensRatings.read(dat).scale());
        assertEquals(RatingsLayout.DOUBLE_COLON, MovieLensRatings.read(dat).layout());

        Path tab = Files.writeString(tmp.resolve("u.data"), "1\t2\t3\t4\n");
        assertEquals(RatingsLayout.TAB, MovieLensRatings.read(tab).layout());

        Path named = Files.writeString(tmp.resolve("named.csv"), "timestamp,movieId,userId,rating,tag\n9,2,1,4.5,x\n");
        MovieLensRatings n = MovieLensRatings.read(named);
        assertEquals(1, n.userId(0));
        assertEquals(2, n.itemId(0));
        assertEquals(4.5, n.rating(0));
        assertEquals(9, n.timestamp(0));

        Path bare = Files.writeString(tmp.resolve("bare.csv"), "1,2,3\n2,2,1\n");
        assertEquals(2, MovieLensRatings.read(bare).size());

        Path nothing = Files.writeString(tmp.resolve("x.txt"), "hello\n");
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> MovieLensRatings.read(nothing));
        assertTrue(e.problem().contains("is in none of the known layouts"), e.problem());
        Path header = Files.writeString(tmp.resolve("h.csv"), "a,b,c\n1,2,3\n");
        assertThrows(MalformedFileException.class, () -> MovieLensRatings.read(header));
    }

    @Test
    void theRealMovieLens100kLoadsAsTheReleaseStates() {
        Optional<Path> real = SharedData.movieLens100k();
        Assumptions.assumeTrue(real.isPresent(), "the real MovieLens-100K is not on this machine");
        MovieLensRatings r = MovieLensRatings.load(MovieLens.ML_100K, real.get());
        assertEquals(MovieLens.ML_100K.expectedRatings(), r.size());
        assertEquals(943, r.users());
        assertEquals(1682, r.items());
        MovieLens100k reference = MovieLens100k.load(real.get());
        for (int k = 0; k < r.size(); k += 997) {
            assertEquals(reference.row(k), r.row(k));
            assertEquals(reference.col(k), r.col(k));
            assertEquals(reference.rating(k), r.rating(k));
        }
    }
}
