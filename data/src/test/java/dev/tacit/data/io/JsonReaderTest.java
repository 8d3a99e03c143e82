package dev.tacit.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What strangers can send the reader: only an {@link IllegalArgumentException} naming the position comes out. */
class JsonReaderTest {

    @Test
    void nestingIsReadUpToTheLimitAndRefusedBeyond() {
        int max = JsonReader.MAX_DEPTH;
        Object deepest = JsonReader.parse("[".repeat(max) + "]".repeat(max));
        int depth = 0;
        for (Object v = deepest; v instanceof List<?> l; v = l.isEmpty() ? null : l.get(0)) {
            depth++;
        }
        assertEquals(max, depth);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonReader.parse("[".repeat(max + 1) + "]".repeat(max + 1)));
        // Positions count from 0: the refused bracket is the (max + 1)th character.
        assertEquals("nested deeper than " + max + " levels at character " + max, e.getMessage());
        // Far deeper than any stack: still a clean refusal, objects as arrays.
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\":".repeat(1_000_000)));
        // Depth is counted down again as containers close: many shallow ones in a row are fine.
        String wide = "[" + "[[]],".repeat(10_000) + "[]]";
        assertEquals(10_001, ((List<?>) JsonReader.parse(wide)).size());
    }

    @Test
    void unicodeEscapesTakeFourHexadecimalDigitsExactly() {
        assertEquals("é€", JsonReader.parse("\"\\u00e9\\u20AC\""));
        for (String bad : List.of("\"\\u+0e9\"", "\"\\u-001\"", "\"\\u00g9\"", "\"\\u\uff10\uff10\uff10\uff10\"",
                "\"\\u00e\"")) {
            assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
        }
    }

    @Test
    void numbersAreAsciiDigitsOnly() {
        assertEquals(Map.of("top", 12.0), JsonReader.object("{\"top\":12}"));
        // Arabic-Indic and fullwidth digits are digits to Character.isDigit, not to JSON.
        for (String bad : List.of("{\"top\":\u0661\u0662}", "{\"top\":1\u0662}", "{\"top\":\uff11}", "-\u0661")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad));
            assertTrue(e.getMessage().contains("at character"), e.getMessage());
        }
    }
}
