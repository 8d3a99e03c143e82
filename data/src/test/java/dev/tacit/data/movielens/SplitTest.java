package dev.tacit.data.movielens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.api.CompletionProblem;
import dev.tacit.api.InvalidValueException;
import dev.tacit.data.testkit.MovieLensFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitTest {

    @TempDir
    static Path tmp;

    static MovieLens100k data;

    @BeforeAll
    static void load() throws IOException {
        data = MovieLens100k.load(MovieLensFiles.small(tmp, 5)); // 1500 ratings
    }

    private static void assertPartition(Split s, int total) {
        Set<Integer> seen = new HashSet<>();
        for (int[] part : new int[][] {s.train(), s.validation(), s.test()}) {
            for (int k : part) {
                assertTrue(seen.add(k), "rating " + k + " in two parts of " + s.name());
            }
        }
        assertEquals(total, seen.size(), "every rating in one part of " + s.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.9", "0.8", "u1", "u5", "ua", "ub", "kfold:5:1", "kfold:5:5", "kfold:3:2"})
    void everySplitPartitionsTheRatings(String spec) {
        Split s = Split.of(data, SplitSpec.parse(spec), 0.1, 7);
        assertPartition(s, data.size());
        int trainAll = s.train().length + s.validation().length;
        assertEquals(Math.round(0.1 * trainAll), s.validation().length, "validation is 10% of the training ratings");
        CompletionProblem p = s.problem(data);
        assertEquals(data.users(), p.rows());
        assertEquals(data.items(), p.cols());
        assertEquals(s.test().length, p.test().size());
        assertTrue(p.truth().isEmpty());
    }

    @Test
    void randomSplitsHaveTheRequestedShares() {
        Split s = Split.of(data, SplitSpec.parse("0.9"), 0, 1);
        assertEquals(1350, s.train().length);
        assertEquals(150, s.test().length);
        assertEquals(0, s.validation().length);
        assertEquals("random 90:10 seed 1", s.name());
        assertEquals(300, Split.of(data, SplitSpec.parse("0.8"), 0, 1).test().length);
    }

    @Test
    void kFoldTestPartsPartitionTheRatings() {
        Set<Integer> seen = new HashSet<>();
        for (int fold = 1; fold <= 4; fold++) {
            for (int k : Split.of(data, new SplitSpec.KFold(4, fold), 0, 3).test()) {
                assertTrue(seen.add(k), "rating " + k + " tested in two folds");
            }
        }
        assertEquals(data.size(), seen.size());
    }

    @Test
    void sameSeedSameSplitAndValidationNeverMovesTheTestRatings() {
        Split a = Split.of(data, SplitSpec.parse("0.9"), 0.05, 11);
        Split b = Split.of(data, SplitSpec.parse("0.9"), 0.05, 11);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.validation(), b.validation());
        Split noValidation = Split.of(data, SplitSpec.parse("0.9"), 0, 11);
        Split moreValidation = Split.of(data, SplitSpec.parse("0.9"), 0.2, 11);
        assertArrayEquals(a.test(), noValidation.test(), "the test ratings do not depend on the validation share");
        assertArrayEquals(a.test(), moreValidation.test());
        assertFalse(Arrays.equals(a.test(), Split.of(data, SplitSpec.parse("0.9"), 0.05, 12).test()),
                "another seed, another split");
        assertArrayEquals(Split.of(data, SplitSpec.parse("u1"), 0, 1).test(),
                Split.of(data, SplitSpec.parse("u1"), 0, 2).test(), "a release split is fixed by its files");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "1.5", "-0.1", "abc", "u6", "uc", "kfold:1:1", "kfold:5:6", "kfold:5", "NaN"})
    void badSpecsNameTheSplitOption(String text) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> SplitSpec.parse(text));
        assertEquals("split", e.setting());
    }

    @Test
    void specsParseToTheirKinds() {
        assertInstanceOf(SplitSpec.Random.class, SplitSpec.parse("0.9"));
        assertEquals(new SplitSpec.Release("ua"), SplitSpec.parse("UA"));
        assertEquals(new SplitSpec.KFold(5, 2), SplitSpec.parse("kfold:5:2"));
        assertEquals("kfold:5:2", SplitSpec.parse("kfold:5:2").text());
    }

    @Test
    void validationFractionIsChecked() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> Split.of(data, SplitSpec.parse("0.9"), 0.6, 0));
        assertEquals("validation", e.setting());
    }
}
