package dev.tacit.data.movielens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.data.testkit.MovieLensFiles;
import dev.tacit.data.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLens100kTest {

    @TempDir
    Path tmp;

    @Test
    void idsAreMappedDenselyInIdOrder() throws IOException {
        List<MovieLensFiles.Line> lines = MovieLensFiles.ratings(20, 30, 10, 1);
        MovieLens100k data = MovieLens100k.load(MovieLensFiles.write(tmp, MovieLensFiles.release(lines, 3)));
        assertEquals(200, data.size());
        Set<Integer> users = new HashSet<>();
        Set<Integer> items = new HashSet<>();
        lines.forEach(l -> {
            users.add(l.user());
            items.add(l.item());
        });
        assertEquals(users.size(), data.users());
        assertEquals(items.size(), data.items());
        for (int k = 0; k < data.size(); k++) {
            MovieLensFiles.Line l = lines.get(k);
            assertEquals(l.user(), data.userId(data.row(k)), "row of line " + (k + 1));
            assertEquals(l.item(), data.itemId(data.col(k)), "column of line " + (k + 1));
            assertEquals(l.rating(), data.rating(k));
        }
        for (int r = 1; r < data.users(); r++) {
            assertTrue(data.userId(r) > data.userId(r - 1), "dense rows follow the order of the ids");
        }
        assertFalse(data.official(), "a generated file is not the official u.data");
        assertEquals(64, data.sha256().length());
    }

    @Test
    void readsTheSameDataFromADirectoryItsParentOrAZip() throws IOException {
        Map<String, String> files = MovieLensFiles.release(MovieLensFiles.ratings(15, 20, 8, 2), 2);
        MovieLens100k fromDir = MovieLens100k.load(MovieLensFiles.write(tmp.resolve("ml-100k"), files));
        MovieLens100k fromParent = MovieLens100k.load(tmp);
        Path zip = tmp.resolve("ml-100k.zip");
        Files.write(zip, MovieLensFiles.zip(files, "ml-100k"));
        MovieLens100k fromZip = MovieLens100k.load(zip);
        for (MovieLens100k other : List.of(fromParent, fromZip)) {
            assertEquals(fromDir.sha256(), other.sha256());
            assertArrayEquals(fromDir.releaseSplit("u2")[1], other.releaseSplit("u2")[1]);
        }
        assertTrue(fromZip.location().endsWith("ml-100k.zip"));
    }

    @Test
    void releaseSplitsAreDisjointAndCoverTheirRatings() throws IOException {
        MovieLens100k data = MovieLens100k.load(MovieLensFiles.small(tmp, 3));
        for (String name : MovieLens100k.RELEASE_SPLITS) {
            int[][] parts = data.releaseSplit(name);
            Set<Integer> seen = new HashSet<>();
            for (int[] part : parts) {
                for (int k : part) {
                    assertTrue(seen.add(k), name + ": rating " + k + " in both parts");
                }
            }
            assertEquals(data.size(), seen.size(), name + " covers every rating");
        }
        assertEquals(60 * 5, data.releaseSplit("ua")[1].length, "ua: five test ratings per user");
    }

    @Test
    void splitFilesMustAgreeWithUData() throws IOException {
        List<MovieLensFiles.Line> lines = MovieLensFiles.ratings(10, 12, 5, 4);
        Map<String, String> files = new TreeMap<>(MovieLensFiles.release(lines, 1));
        MovieLensFiles.Line first = lines.get(0);
        // u1.test holds lines 0, 5, 10, ...: change the rating of its first line.
        int other = first.rating() == 5 ? 4 : first.rating() + 1;
        files.put("u1.test", files.get("u1.test").replaceFirst(first.text(),
                new MovieLensFiles.Line(first.user(), first.item(), other, first.timestamp()).text()));
        files.put("u2.test", files.get("u2.test") + "999\t3\t4\t5\n");
        files.put("u3.test", files.get("u3.test") + lines.get(1).text() + "\n"); // line 1 is in u3.base
        files.remove("u4.base");
        MovieLens100k data = MovieLens100k.load(MovieLensFiles.write(tmp, files));
        MalformedFileException changed = assertThrows(MalformedFileException.class, () -> data.releaseSplit("u1"));
        assertEquals(1, changed.line());
        assertTrue(changed.problem().contains("here but " + first.rating() + " on line 1 of u.data"), changed.getMessage());
        MalformedFileException unknown = assertThrows(MalformedFileException.class, () -> data.releaseSplit("u2"));
        assertTrue(unknown.problem().contains("user 999 never rates item 3"), unknown.getMessage());
        MalformedFileException both = assertThrows(MalformedFileException.class, () -> data.releaseSplit("u3"));
        assertTrue(both.problem().contains("is also in u3.base"), both.getMessage());
        MalformedFileException missing = assertThrows(MalformedFileException.class, () -> data.releaseSplit("u4"));
        assertTrue(missing.file().endsWith("u4.base") && missing.problem().equals("missing"), missing.getMessage());
    }

    @Test
    void aMissingOrUnreadableReleaseIsNamed() throws IOException {
        MalformedFileException none = assertThrows(MalformedFileException.class,
                () -> MovieLens100k.load(tmp.resolve("nowhere")));
        assertTrue(none.getMessage().contains("no such file or directory"), none.getMessage());
        MalformedFileException empty = assertThrows(MalformedFileException.class, () -> MovieLens100k.load(tmp));
        assertTrue(empty.getMessage().contains("holds no u.data"), empty.getMessage());
        Path notZip = Files.writeString(tmp.resolve("ml-100k.zip"), "not a zip");
        MalformedFileException bad = assertThrows(MalformedFileException.class, () -> MovieLens100k.load(notZip));
        assertTrue(bad.getMessage().contains("not a readable zip archive"), bad.getMessage());
        Files.writeString(tmp.resolve("u.data"), "1\t2\t3\t4\n1\t2\t4\t5\n");
        MalformedFileException dup = assertThrows(MalformedFileException.class, () -> MovieLens100k.load(tmp));
        assertEquals(tmp.resolve("u.data").toString(), dup.file());
        assertEquals(2, dup.line());
    }

    @Test
    void theRealDataHasTheOfficialShapeAndChecksum() {
        Optional<Path> dir = SharedData.movieLens100k();
        assumeTrue(dir.isPresent(), "MovieLens-100K not found (see SharedData); skipped");
        MovieLens100k data = MovieLens100k.load(dir.get());
        assertTrue(data.official(), "u.data SHA-256 " + data.sha256());
        assertEquals(100_000, data.size());
        assertEquals(943, data.users());
        assertEquals(1682, data.items());
        assertEquals(1, data.userId(0));
        assertEquals(1682, data.itemId(1681), "ids 1..1682 are already dense");
        for (String name : MovieLens100k.RELEASE_SPLITS) {
            int[][] parts = data.releaseSplit(name);
            assertEquals(100_000, parts[0].length + parts[1].length, name);
        }
        assertEquals(20_000, data.releaseSplit("u1")[1].length);
        assertEquals(9430, data.releaseSplit("ua")[1].length, "ten test ratings for each of 943 users");
        Entries all = data.observations(data.releaseSplit("u1")[0]);
        assertEquals(943, all.rows());
        assertEquals(1682, all.cols());
    }
}
