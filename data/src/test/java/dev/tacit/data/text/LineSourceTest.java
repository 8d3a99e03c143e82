package dev.tacit.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.format.FileFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSourceTest {

    private static List<String> lines(String text, int maxLine) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineSource src = new LineSource(Input.of("t", new ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8))), maxLine)) {
            while (src.next()) {
                out.add(new String(src.buffer(), src.start(), src.end() - src.start(), StandardCharsets.UTF_8));
                assertEquals(out.size(), src.line());
            }
        }
        return out;
    }

    @Test
    void splitsAcrossBufferRefillsDropsCrAndTheByteOrderMark() throws IOException {
        StringBuilder sb = new StringBuilder("\uFEFF");
        List<String> want = new ArrayList<>();
        for (int k = 0; k < 500; k++) {
            String line = "line " + k + " " + "x".repeat(k % 23);
            want.add(line);
            sb.append(line).append(k % 3 == 0 ? "\r\n" : "\n");
        }
        sb.append("last without newline");
        want.add("last without newline");
        assertEquals(want, lines(sb.toString(), 40));
        assertEquals(List.of("", "a", ""), lines("\na\n\n", 8));
        assertTrue(lines("", 8).isEmpty());
    }

    @Test
    void aLineLongerThanTheLimitIsAnError() {
        FileFormatException e = assertThrows(FileFormatException.class, () -> lines("ok\n" + "y".repeat(50), 16));
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("longer than 16 bytes"), e.getMessage());
        assertFalse(e.fix().isBlank());
    }
}
