package dev.tacit.data.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.format.FileFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemTitlesTest {

    @TempDir
    Path tmp;

    private ItemTitles read(byte[] content) throws IOException {
        Path p = tmp.resolve("titles");
        Files.write(p, content);
        return ItemTitles.read(p);
    }

    private ItemTitles read(String content) throws IOException {
        return read(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsUItemInLatin1() throws IOException {
        byte[] uItem = ("1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0|1\n"
                + "11|Seven (Se7en) (1995)|01-Jan-1995||http://x|0|0|0\n"
                + "267|unknown||||1|0|0\n"
                + "1300|Mis\u00e9rables, Les (1995)|01-Jan-1995||http://x|0|0|0\n").getBytes(StandardCharsets.ISO_8859_1);
        ItemTitles t = read(uItem);
        assertEquals(4, t.size());
        assertEquals(Optional.of("Toy Story (1995)"), t.title("1"));
        assertEquals(Optional.of("unknown"), t.title("267"));
        assertEquals(Optional.of("Mis\u00e9rables, Les (1995)"), t.title("1300"));
        assertEquals(Optional.empty(), t.title("2"));
        assertEquals(List.of("1", "11", "267", "1300"), List.copyOf(t.asMap().keySet()));
    }

    @Test
    void readsMoviesCsvWithQuotingAndMoviesDat() throws IOException {
        ItemTitles csv = read("movieId,title,genres\r\n1,Toy Story (1995),Adventure|Animation\r\n"
                + "11,\"American President, The (1995)\",Comedy|Drama\r\n"
                + "12,\"Say \"\"Hi\"\"\",Drama\n13,\"Two\nLines\",Drama\n");
        assertEquals(Map.of("1", "Toy Story (1995)", "11", "American President, The (1995)", "12", "Say \"Hi\"",
                "13", "Two\nLines"), csv.asMap());
        ItemTitles reordered = read("title,genres,itemId\n\"A, B\",x,7\n");
        assertEquals(Optional.of("A, B"), reordered.title("7"));
        ItemTitles noHeader = read("5,Five\n6,Six\n");
        assertEquals(Optional.of("Six"), noHeader.title("6"));
        ItemTitles dat = read("1::Toy Story (1995)::Animation|Children's|Comedy\n2::Jumanji (1995)::Adventure\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Optional.of("Jumanji (1995)"), dat.title("2"));
        ItemTitles gz = ItemTitles.read("movies.csv.gz", new ByteArrayInputStream(gzip("movieId,title\n3,Three\n")));
        assertEquals(Optional.of("Three"), gz.title("3"));
        assertEquals("movies.csv.gz", gz.source());
    }

    private static byte[] gzip(String s) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void refusesWhatIsNotATitlesFile() {
        FileFormatException dup = assertThrows(FileFormatException.class, () -> read("1|A\n2|B\n1|C\n"));
        assertEquals(3, dup.line());
        assertTrue(dup.problem().contains("on line 1"), dup.getMessage());
        assertEquals(0, assertThrows(FileFormatException.class, () -> read("")).line());
        assertTrue(assertThrows(FileFormatException.class, () -> read("movieId,genres\n1,x\n")).problem()
                .contains("no title column"));
        assertTrue(assertThrows(FileFormatException.class, () -> read("movieId,title\n")).problem()
                .contains("no titles"));
        assertEquals(2, assertThrows(FileFormatException.class, () -> read("1,A\n2\n")).line());
        assertTrue(assertThrows(FileFormatException.class, () -> read("1,\"A\n")).problem().contains("never closed"));
        assertTrue(assertThrows(FileFormatException.class, () -> read(new byte[] {'1', ',', 0, 'x'})).problem()
                .contains("NUL"));
        assertEquals(2, assertThrows(FileFormatException.class, () -> read("1::A\n::B\n")).line());
    }
}
