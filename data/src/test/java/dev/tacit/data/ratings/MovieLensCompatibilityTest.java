package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.data.movielens.MovieLens100k;
import dev.tacit.data.testkit.MovieLensFiles;
import dev.tacit.data.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The general reader and the MovieLens-100K loader agree on {@code u.data}, entry for entry: same users and items in
 * the same order (user id u is row u−1 of the official file), same ratings in file order.
 */
class MovieLensCompatibilityTest {

    @TempDir
    Path tmp;

    private static void assertSameEntries(MovieLens100k loader, Ratings ratings) {
        Entries expected = loader.observations(IntStream.range(0, loader.size()).toArray());
        Entries actual = ratings.entries();
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.cols(), actual.cols());
        assertEquals(expected.size(), actual.size());
        for (int k = 0; k < expected.size(); k++) {
            if (expected.row(k) != actual.row(k) || expected.col(k) != actual.col(k)
                    || Double.compare(expected.value(k), actual.value(k)) != 0) {
                throw new AssertionError("entry " + k + ": loader (" + expected.row(k) + ", " + expected.col(k) + ") = "
                        + expected.value(k) + ", reader (" + actual.row(k) + ", " + actual.col(k) + ") = "
                        + actual.value(k));
            }
        }
        for (int r = 0; r < loader.users(); r++) {
            assertEquals(Integer.toString(loader.userId(r)), ratings.users().id(r));
        }
        for (int c = 0; c < loader.items(); c++) {
            assertEquals(Integer.toString(loader.itemId(c)), ratings.items().id(c));
        }
        for (int k = 0; k < loader.size(); k += 97) {
            assertEquals(loader.rating(k), (int) ratings.entries().value(k));
        }
    }

    @Test
    void aGeneratedReleaseWithGapsInTheIdsReadsAsTheLoaderReadsIt() throws IOException {
        Path dir = MovieLensFiles.small(tmp.resolve("ml-100k"), 11);
        MovieLens100k loader = MovieLens100k.load(dir);
        Ratings ratings = RatingsReader.read(dir.resolve("u.data"));
        assertEquals(Delimiter.TAB, ratings.layout().delimiter());
        assertTrue(ratings.hasTimestamps());
        assertSameEntries(loader, ratings);
    }

    @Test
    void theRealUDataReadsAsTheLoaderReadsIt() throws IOException {
        Optional<Path> ml = SharedData.movieLens100k();
        assumeTrue(ml.isPresent(), "MovieLens-100K is not on this machine (see SharedData)");
        MovieLens100k loader = MovieLens100k.load(ml.get());
        Ratings ratings = RatingsReader.read(ml.get().resolve("u.data"));
        assertEquals(100_000, ratings.size());
        assertEquals(943, ratings.users().size());
        assertEquals(1682, ratings.items().size());
        assertEquals("1", ratings.users().id(0));
        assertEquals("943", ratings.users().id(942));
        assertSameEntries(loader, ratings);
        assertEquals(881250949L, ratings.timestamp(0), "u.data's first line is 196 242 3 881250949");
        ItemTitles titles = ItemTitles.read(ml.get().resolve("u.item"));
        assertEquals(1682, titles.size());
        assertEquals(Optional.of("Toy Story (1995)"), titles.title(ratings.items().id(0)));
        assertTrue(titles.asMap().keySet().containsAll(ratings.items().asList()));
    }
}
