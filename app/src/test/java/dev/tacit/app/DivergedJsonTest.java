package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.io.JsonReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Before the fix a diverged run with {@code --json} printed nothing on standard output. */
class DivergedJsonTest {

    @Test
    void aDivergedRunStillPrintsItsJsonObjectWithItsStopReason() {
        CliRun run = CliRun.of("train", "--size", "10", "--rank", "1", "--observed", "40", "--iterations", "5",
                "--lr", "1e200", "--quiet", "--json");
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("training diverged at iteration"), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals(1, lines.length, run.out());
        Map<?, ?> json = (Map<?, ?>) JsonReader.parse(lines[0]);
        assertEquals("diverged", json.get("stop_reason"));
        assertTrue(((Number) json.get("iterations")).longValue() >= 1, lines[0]);
        assertTrue(String.valueOf(json.get("remedy")).contains("lower the learning rate"), lines[0]);
        assertEquals(1e200, ((Number) ((Map<?, ?>) json.get("config")).get("lr")).doubleValue());
    }
}
