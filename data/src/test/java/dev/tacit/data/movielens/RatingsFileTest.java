package dev.tacit.data.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RatingsFileTest {

    private static RatingsFile parse(String text) {
        return RatingsFile.parse("u.data", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryFieldOfEveryLine() {
        RatingsFile f = parse("196\t242\t3\t881250949\n186\t302\t5\t891717742\n");
        assertEquals(2, f.size());
        assertEquals(196, f.user(0));
        assertEquals(242, f.item(0));
        assertEquals(3, f.rating(0));
        assertEquals(881250949L, f.timestamp(0));
        assertEquals(5, f.rating(1));
    }

    @Test
    void theFinalNewlineIsOptionalAndWindowsLineEndsAreTolerated() {
        assertEquals(2, parse("1\t2\t3\t4\n5\t6\t1\t8").size());
        assertEquals(2, parse("1\t2\t3\t4\r\n5\t6\t1\t8\r\n").size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "three fields|1\\t2\\t3\\n|1|expected 4 tab-separated fields, found 3",
        "five fields|1\\t2\\t3\\t4\\t5\\n|1|expected 4 tab-separated fields, found 5",
        "spaces instead of tabs|1 2 3 4\\n|1|expected 4 tab-separated fields, found 1",
        "rating above 5|1\\t2\\t3\\t4\\n1\\t3\\t6\\t4\\n|2|rating 6 is out of range",
        "rating 0|1\\t2\\t0\\t4\\n|1|rating 0 is out of range",
        "half stars|1\\t2\\t3.5\\t4\\n|1|rating '3.5' is not a whole number",
        "NaN rating|1\\t2\\tNaN\\t4\\n|1|rating 'NaN' is not a whole number",
        "non-numeric user|abc\\t2\\t3\\t4\\n|1|user id 'abc' is not a whole number",
        "user 0|0\\t2\\t3\\t4\\n|1|user id 0 is out of range",
        "negative item|1\\t-2\\t3\\t4\\n|1|item id -2 is out of range",
        "empty field|1\\t\\t3\\t4\\n|1|item id '' is not a whole number",
        "negative timestamp|1\\t2\\t3\\t-4\\n|1|timestamp -4 is out of range",
        "blank line inside|1\\t2\\t3\\t4\\n\\n5\\t6\\t1\\t8\\n|2|empty line",
        "duplicate pair|1\\t2\\t3\\t4\\n7\\t8\\t1\\t1\\n1\\t2\\t5\\t9\\n|3|user 1 rates item 2 again (first on line 1)",
        "user id too large|3000000000\\t2\\t3\\t4\\n|1|user id 3000000000 is out of range",
    })
    void malformedInputNamesTheFileTheLineAndTheFix(String what, String text, long line, String problem) {
        MalformedFileException e = assertThrows(MalformedFileException.class,
                () -> parse(text.replace("\\t", "\t").replace("\\n", "\n")));
        assertEquals("u.data", e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
        assertTrue(e.getMessage().startsWith("u.data:" + line + ": "), e.getMessage());
        assertTrue(!e.fix().isBlank(), "a fix is always given");
        // Before issue 18's fix a too-large id was told "user ids must be at least 1".
        assertTrue(!e.fix().contains("at least") || e.problem().contains(" -") || e.problem().contains(" 0 "),
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "'\n'", "'  \n\n'"})
    void emptyFilesAreRejected(String text) {
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> parse(text));
        assertEquals(0, e.line());
        assertTrue(e.getMessage().contains("the file is empty"), e.getMessage());
    }
}
