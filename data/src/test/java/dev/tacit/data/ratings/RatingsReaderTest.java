package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.data.format.FileFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RatingsReaderTest {

    @TempDir
    Path tmp;

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Ratings read(String content) throws IOException {
        return RatingsReader.read(file("r.txt", content));
    }

    private Ratings read(String content, RatingsOptions options) throws IOException {
        return RatingsReader.read(file("r.txt", content), options);
    }

    private FileFormatException refused(String content) {
        return refused(content, RatingsOptions.DETECT);
    }

    private FileFormatException refused(String content, RatingsOptions options) {
        return assertThrows(FileFormatException.class, () -> read(content, options));
    }

    private static void assertRefusal(FileFormatException e, long line, int column, String problemPart) {
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.problem().contains(problemPart), "'" + problemPart + "' in " + e.getMessage());
        assertTrue(e.getMessage().startsWith(e.file()), e.getMessage());
        assertFalse(e.fix().isBlank());
    }

    /** Users u1 &lt; u2, items a &lt; b &lt; c; the same three ratings in every layout. */
    private static void assertThreeRatings(Ratings r) {
        assertEquals(List.of("u1", "u2"), r.users().asList());
        assertEquals(List.of("a", "b", "c"), r.items().asList());
        Entries e = r.entries();
        assertEquals(3, e.size());
        assertEquals(2, e.rows());
        assertEquals(3, e.cols());
        int[][] expect = {{0, 1}, {1, 0}, {0, 2}};
        double[] values = {4, 3.5, 1};
        for (int k = 0; k < 3; k++) {
            assertEquals(expect[k][0], e.row(k));
            assertEquals(expect[k][1], e.col(k));
            assertEquals(values[k], e.value(k));
        }
    }

    static Stream<Arguments> delimited() {
        return Stream.of(
                Arguments.of(Delimiter.DOUBLE_COLON, "u1::b::4\nu2::a::3.5\nu1::c::1\n"),
                Arguments.of(Delimiter.TAB, "u1\tb\t4\nu2\ta\t3.5\nu1\tc\t1\n"),
                Arguments.of(Delimiter.COMMA, "u1,b,4\nu2,a,3.5\nu1,c,1\n"),
                Arguments.of(Delimiter.SEMICOLON, "u1;b;4\nu2;a;3.5\nu1;c;1\n"),
                Arguments.of(Delimiter.PIPE, "u1|b|4\nu2|a|3.5\nu1|c|1\n"),
                Arguments.of(Delimiter.WHITESPACE, "  u1   b 4\nu2\t a  3.5 \nu1 c\t\t1\n"));
    }

    @ParameterizedTest
    @MethodSource("delimited")
    void everyDelimiterIsDetected(Delimiter delimiter, String content) throws IOException {
        Ratings r = read(content);
        assertEquals(delimiter, r.layout().delimiter());
        assertFalse(r.layout().header());
        assertThreeRatings(r);
        assertThreeRatings(read(content, RatingsOptions.DETECT.withDelimiter(delimiter)));
    }

    @Test
    void aHeaderIsDetectedWhenTheRatingIsNotANumberAndColumnsAreFoundByName() throws IOException {
        Ratings r = read("item_id,USER,Score,extra\nb,u1,4,x\na,u2,3.5,y\nc,u1,1,z\n");
        assertTrue(r.layout().header());
        assertEquals(2, r.layout().user());
        assertEquals(1, r.layout().item());
        assertEquals(3, r.layout().rating());
        assertEquals(OptionalInt.empty(), r.layout().timestamp());
        assertEquals(List.of("item_id", "USER", "Score", "extra"), r.layout().names());
        assertThreeRatings(r);
        assertFalse(r.hasTimestamps());
        assertThrows(IllegalStateException.class, () -> r.timestamp(0));
    }

    @Test
    void aMovieLens25mStyleCsvReadsWithNoOptions() throws IOException {
        Ratings r = read("userId,movieId,rating,timestamp\n1,296,5.0,1147880044\n1,306,3.5,1147868817\n"
                + "1,307,5.0,1147868828\n2,296,0.5,1147868510\n");
        assertEquals(Delimiter.COMMA, r.layout().delimiter());
        assertTrue(r.layout().header());
        assertEquals(OptionalInt.of(4), r.layout().timestamp());
        assertEquals("comma-separated, 4 fields, with a header; user=userId (1), item=movieId (2), rating=rating (3), "
                + "timestamp=timestamp (4)", r.layout().describe());
        assertEquals(List.of("1", "2"), r.users().asList());
        assertEquals(List.of("296", "306", "307"), r.items().asList());
        assertArrayEquals(new double[] {5, 3.5, 5, 0.5}, r.entries().values());
        assertArrayEquals(new long[] {1147880044, 1147868817, 1147868828, 1147868510}, r.timestamps().orElseThrow());
        assertEquals(1147868510, r.timestamp(3));
        assertEquals(5, r.statistics().lines());
        assertEquals(4, r.statistics().ratingRows());
    }

    @Test
    void aMovieLens1mStyleDatReadsWithNoOptions() throws IOException {
        Ratings r = read("1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n");
        assertEquals(Delimiter.DOUBLE_COLON, r.layout().delimiter());
        assertEquals(OptionalInt.of(4), r.layout().timestamp());
        assertEquals(List.of("661", "1193"), r.items().asList());
        assertEquals(1, r.entries().col(0));
    }

    @Test
    void theHeaderCanBeForcedEitherWay() throws IOException {
        Ratings numericHeader = read("7,8,9\nu1,b,4\nu2,a,3.5\nu1,c,1\n", RatingsOptions.DETECT.withHeader(true)
                .withColumns(Columns.positions(1, 2, 3)));
        assertThreeRatings(numericHeader);
        assertEquals(List.of("7", "8", "9"), numericHeader.layout().names());
        FileFormatException forced = refused("user,item,rating\nu1,b,4\n", RatingsOptions.DETECT.withHeader(false));
        assertRefusal(forced, 1, 3, "rating 'rating' is not a number");
        assertTrue(forced.fix().contains("--header false"), forced.getMessage());
    }

    @Test
    void columnsByPositionOrByNameInAnyOrderWithATimestamp() throws IOException {
        String text = "ts|stars|who|what\n100|4|u1|b\n200|3.5|u2|a\n300|1|u1|c\n";
        Ratings byName = read(text, RatingsOptions.DETECT.withColumns(Columns.parse("who,what,stars,ts")));
        Ratings byPosition = read(text, RatingsOptions.DETECT.withHeader(true).withColumns(Columns.parse("3,4,2,1")));
        Ratings mixed = read(text, RatingsOptions.DETECT.withColumns(Columns.parse("WHO,4,stars,1")));
        for (Ratings r : List.of(byName, byPosition, mixed)) {
            assertThreeRatings(r);
            assertArrayEquals(new long[] {100, 200, 300}, r.timestamps().orElseThrow());
            assertEquals(3, r.layout().user());
            assertEquals(OptionalInt.of(1), r.layout().timestamp());
        }
        Ratings noHeader = read("100 4 u1 b\n200 3.5 u2 a\n300 1 u1 c\n", RatingsOptions.DETECT
                .withColumns(Columns.positions(3, 4, 2)));
        assertFalse(noHeader.layout().header(), "the given rating column holds numbers");
        assertThreeRatings(noHeader);
        assertFalse(noHeader.hasTimestamps(), "columns without a timestamp keep none");
    }

    @Test
    void gzipIsReadByItsMagicNumberWhateverTheName() throws IOException {
        String text = "userId,movieId,rating\nu1,b,4\nu2,a,3.5\nu1,c,1\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Ratings named = RatingsReader.read(file("r.csv.gz", bytes.toByteArray()));
        Ratings unnamed = RatingsReader.read(file("plain.txt", bytes.toByteArray()));
        for (Ratings r : List.of(named, unnamed)) {
            assertThreeRatings(r);
            assertTrue(r.statistics().gzip());
            assertEquals(text.length(), r.statistics().textBytes());
            assertEquals(bytes.size(), r.statistics().fileBytes());
        }
        Ratings stream = RatingsReader.read("stdin", new ByteArrayInputStream(bytes.toByteArray()),
                RatingsOptions.DETECT);
        assertThreeRatings(stream);
        assertEquals("stdin", stream.source());
    }

    @Test
    void truncatedOrCorruptGzipIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (int k = 0; k < 2000; k++) {
                gz.write(("u" + k + ",i" + (k % 7) + "," + (k % 5 + 1) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] all = bytes.toByteArray();
        for (int cut : new int[] {1, 5, 12, all.length / 2, all.length - 4}) {
            byte[] part = java.util.Arrays.copyOf(all, cut);
            FileFormatException e = assertThrows(FileFormatException.class,
                    () -> RatingsReader.read(file("cut.gz", part)), "cut at " + cut);
            assertTrue(e.problem().contains("truncated or corrupt") || e.problem().contains("not a text"),
                    e.getMessage());
        }
        byte[] flipped = all.clone();
        flipped[all.length / 2] ^= 0x55;
        assertThrows(FileFormatException.class, () -> RatingsReader.read(file("flip.gz", flipped)));
    }

    @Test
    void duplicatesAreAnErrorNamingBothLines() {
        FileFormatException e = refused("user,item,rating\nu1,a,1\n\nu2,a,2\nu1,b,3\nu1,a,4\nu2,a,5\n");
        assertRefusal(e, 6, 0, "user 'u1' rates item 'a' again (first on line 2)");
        assertTrue(e.fix().contains("--duplicates"), e.getMessage());
    }

    @Test
    void duplicatesKeepTheFirstPlaceWithTheLastValueOrTheMean() throws IOException {
        String text = "u1,a,1,10\nu2,a,2,20\nu1,b,3,30\nu1,a,4,40\nu1,a,2,50\nu2,a,5,60\n";
        Ratings last = read(text, RatingsOptions.DETECT.withDuplicates(Duplicates.LAST));
        Ratings mean = read(text, RatingsOptions.DETECT.withDuplicates(Duplicates.MEAN));
        for (Ratings r : List.of(last, mean)) {
            assertEquals(3, r.size());
            assertEquals(6, r.statistics().ratingRows());
            assertEquals(3, r.statistics().merged());
            assertArrayEquals(new int[] {0, 1, 0}, new int[] {r.entries().row(0), r.entries().row(1),
                r.entries().row(2)});
            assertArrayEquals(new int[] {0, 0, 1}, new int[] {r.entries().col(0), r.entries().col(1),
                r.entries().col(2)});
            assertArrayEquals(new long[] {50, 60, 30}, r.timestamps().orElseThrow(), "the last line's timestamp");
        }
        assertArrayEquals(new double[] {2, 5, 3}, last.entries().values());
        Tolerance.ROUNDING.assertClose(7.0 / 3, mean.entries().value(0), "mean of 1, 4, 2");
        Tolerance.ROUNDING.assertClose(3.5, mean.entries().value(1), "mean of 2, 5");
        assertEquals(3, mean.entries().value(2));
    }

    @Test
    void timestampsBeyondAnIntAreKeptWhole() throws IOException {
        Ratings r = read("u1,a,1,99999999999\nu2,a,2,-5\nu1,a,3,7\n", RatingsOptions.DETECT
                .withDuplicates(Duplicates.LAST));
        assertArrayEquals(new long[] {7, -5}, r.timestamps().orElseThrow());
        Ratings wide = read("u1,a,1,99999999999\nu2,a,2,-5\n");
        assertArrayEquals(new long[] {99_999_999_999L, -5}, wide.timestamps().orElseThrow());
        assertEquals(99_999_999_999L, wide.timestamp(0));
    }

    @Test
    void idsAreOrderedNumericallyWhenAllAreIntegersElseByCodePoint() throws IOException {
        Ratings numeric = read("10,5,1\n9,-3,1\n007,40,1\n7,5,1\n");
        assertEquals(List.of("007", "7", "9", "10"), numeric.users().asList());
        assertTrue(numeric.users().integers());
        assertEquals(List.of("-3", "5", "40"), numeric.items().asList());
        Ratings text = read("b,x,1\n10,x,1\n9,x,1\nB,x,1\n\u00e9,x,1\nz,x,1\n");
        assertEquals(List.of("10", "9", "B", "b", "z", "\u00e9"), text.users().asList());
        assertFalse(text.users().integers());
        assertEquals(OptionalInt.of(4), text.users().indexOf("z"));
        assertEquals(OptionalInt.empty(), text.users().indexOf("nobody"));
    }

    @Test
    void quotedIdsBlankLinesCrLfAndAByteOrderMarkAreAccepted() throws IOException {
        String text = "\uFEFFuser,item,rating\r\n\"u1\",\"b\",4\r\n\r\n  \"u2\" , a , 3.5 \r\nu1,\"c\",\"1\"\r\n";
        Ratings r = read(text);
        assertThreeRatings(r);
        assertEquals("user", r.layout().names().get(0));
        Ratings odd = read("\"a, \"\"quoted\"\" id\",x,1\nplain,\"x\",2\n");
        assertEquals(List.of("a, \"quoted\" id", "plain"), odd.users().asList());
    }

    @Test
    void everyProblemIsNamedWithItsLineAndColumn() {
        assertRefusal(refused(""), 0, 0, "the file is empty");
        assertRefusal(refused("\n  \n\t\n"), 0, 0, "only blank lines");
        assertRefusal(refused("userId,movieId,rating,timestamp\n"), 0, 0, "header line but no ratings");
        assertRefusal(refused("u1,a,1\nu2,b\n"), 2, 0, "found 2 fields where line 1 has 3");
        assertRefusal(refused("u1,a,1\nu2,b,1,9\n"), 2, 0, "found 4 fields");
        assertRefusal(refused("user,item,rating\nu1,a,4\nu2,b,five\n"), 3, 3, "rating 'five' is not a number");
        assertRefusal(refused("u1,a,1\nu2,b,NaN\n"), 2, 3, "rating 'NaN' is not finite");
        assertRefusal(refused("u1,a,1\nu2,b,-inf\n"), 2, 3, "rating '-inf' is not finite");
        assertRefusal(refused("u1,a,1\nu2,b,1e999\n"), 2, 3, "overflows");
        assertRefusal(refused("u1,a,1\nu2,b,\n"), 2, 3, "rating is empty");
        assertRefusal(refused("u1,a,1,5\nu2,b,1,x\n"), 2, 4, "timestamp 'x' is not a whole number");
        assertRefusal(refused("u1,a,1\n,b,2\n"), 2, 1, "user id is empty");
        assertRefusal(refused("u1,a,1\nu2,\"b,2\n"), 2, 2, "never closes");
        assertRefusal(refused("u1,a,1\nu2,\"b\"x,2\n"), 2, 2, "text follows the closing quote");
        assertRefusal(refused("x y\n"), 1, 0, "cannot tell the delimiter");
        assertRefusal(refused("a,b\n", RatingsOptions.DETECT.withDelimiter(Delimiter.COMMA)), 1, 0, "has 2 fields");
        assertRefusal(refused("a,b,c\n1,2,3\n"), 1, 0, "has no user column");
        assertRefusal(refused("u,i,r\n1,2,3\n", RatingsOptions.DETECT.withColumns(Columns.parse("u,i,stars"))), 1,
                0, "no column named 'stars'");
        assertRefusal(refused("1,2,3\n", RatingsOptions.DETECT.withColumns(Columns.positions(1, 2, 5))), 1, 0,
                "column 5 is beyond the 3 fields");
        assertRefusal(refused("a\rb\rc\r"), 1, 0, "carriage return");
    }

    @Test
    void binaryAndBadTextIsRefused() throws IOException {
        byte[] garbage = new byte[4096];
        new java.util.SplittableRandom(5).nextBytes(garbage);
        garbage[0] = 0; // never gzip's magic
        FileFormatException binary = assertThrows(FileFormatException.class,
                () -> RatingsReader.read(file("blob.bin", garbage)));
        assertTrue(binary.problem().contains("not a text ratings file"), binary.getMessage());
        byte[] latin1 = "u1,a,1\ncaf\u00e9,a,2\n".getBytes(StandardCharsets.ISO_8859_1);
        FileFormatException utf8 = assertThrows(FileFormatException.class,
                () -> RatingsReader.read(file("latin1.csv", latin1)));
        assertRefusal(utf8, 2, 1, "not valid UTF-8");
        StringBuilder lateBinary = new StringBuilder();
        for (int k = 0; k < 60; k++) {
            lateBinary.append("u").append(k).append(",a,1\n");
        }
        lateBinary.append("u\u0001x,a,1\n");
        assertRefusal(refused(lateBinary.toString()), 61, 1, "control character");
        String longLine = "u,a," + "1".repeat(dev.tacit.data.text.LineSource.MAX_LINE + 10) + "\n";
        assertRefusal(refused(longLine), 1, 0, "longer than");
    }

    @Test
    void statisticsCountLinesBytesAndRate() throws IOException {
        String text = "u1,b,4\nu2,a,3.5\n\nu1,c,1";
        Ratings r = read(text);
        assertThreeRatings(r);
        ParseStatistics s = r.statistics();
        assertEquals(4, s.lines());
        assertEquals(text.length(), s.textBytes());
        assertEquals(text.length(), s.fileBytes());
        assertFalse(s.gzip());
        assertEquals(3, s.ratings());
        assertTrue(s.seconds() > 0 && s.ratingsPerSecond() > 0, s.toString());
    }

    @Test
    void optionsAreValidatedWhereTheyAreMade() {
        assertThrows(IllegalArgumentException.class, () -> RatingsOptions.DETECT.withHeader(false)
                .withColumns(Columns.parse("userId,movieId,rating")));
        assertThrows(IllegalArgumentException.class, () -> Columns.parse("1,2"));
        assertThrows(IllegalArgumentException.class, () -> Columns.parse("1,2,1"));
        assertThrows(IllegalArgumentException.class, () -> Columns.parse("0,1,2"));
        assertThrows(IllegalArgumentException.class, () -> Columns.parse("user,,rating"));
        assertEquals(new Columns(new Column.Named("userId"), new Column.Position(2), new Column.Named("rating"),
                Optional.of(new Column.Position(4))), Columns.parse("userId, 2,rating,4"));
        assertEquals(Delimiter.TAB, Delimiter.parse("\\t"));
        assertEquals(Delimiter.DOUBLE_COLON, Delimiter.parse("::"));
        assertEquals(Delimiter.WHITESPACE, Delimiter.parse("Space"));
        assertThrows(IllegalArgumentException.class, () -> Delimiter.parse("#"));
        assertEquals(Duplicates.MEAN, Duplicates.parse("MEAN"));
        assertThrows(IllegalArgumentException.class, () -> Duplicates.parse("first"));
    }

    @Test
    void idTablesKeepAGivenOrderOrMakeTheIdOrder() {
        IdTable given = IdTable.of(List.of("b", "a", "10"));
        assertEquals("b", given.id(0));
        assertEquals(OptionalInt.of(2), given.indexOf("10"));
        assertEquals(List.of("10", "a", "b"), IdTable.ordered(List.of("b", "a", "10")).asList());
        assertEquals(List.of("2", "10", "100"), IdTable.ordered(List.of("100", "2", "10")).asList());
        assertThrows(IllegalArgumentException.class, () -> IdTable.of(List.of("a", "a")));
        assertArrayEquals(new String[] {"b", "a", "10"}, given.toArray());
        // Code point order puts a supplementary character after U+FFFD, which UTF-16 order would not.
        assertEquals(List.of("\uFFFD", "\uD834\uDD1E"), IdTable.ordered(List.of("\uD834\uDD1E", "\uFFFD")).asList());
    }
}
