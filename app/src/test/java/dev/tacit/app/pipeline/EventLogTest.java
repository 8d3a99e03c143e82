package dev.tacit.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.api.Metrics;
import dev.tacit.api.TrainingEvent;
import dev.tacit.data.io.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-lines event log. */
class EventLogTest {

    @TempDir
    Path dir;

    @Test
    void aRunThroughThePipelineLeavesOneValidJsonLinePerEventInOrder() throws IOException {
        Path file = dir.resolve("events.jsonl");
        EventLog log = EventLog.create(file);
        EventPipeline pipeline = new EventPipeline(List.of(log), EventPipeline.Settings.DEFAULT, f -> {
            throw new AssertionError(f.describe());
        });
        List<TrainingEvent> published = new ArrayList<>();
        dev.tacit.optim.training.Trainer.train(Runs.synthetic(12, 60, "adam", 1e-2, 300, 100, 1), e -> {
            published.add(e);
            pipeline.accept(e);
        });
        pipeline.close();

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(published.size(), lines.size(), "one line per event, none lost");
        for (int k = 0; k < lines.size(); k++) {
            Map<String, Object> o = JsonReader.object(lines.get(k));
            TrainingEvent e = published.get(k);
            assertEquals((double) e.iteration(), o.get("iteration"), lines.get(k));
            assertEquals(EventLog.toMap(e).get("event"), o.get("event"));
        }
        assertEquals("run_started", JsonReader.object(lines.get(0)).get("event"));
        Map<String, Object> last = JsonReader.object(lines.get(lines.size() - 1));
        assertEquals("run_finished", last.get("event"));
        TrainingEvent.RunFinished end = (TrainingEvent.RunFinished) published.get(published.size() - 1);
        assertEquals(end.metrics().testRmse(), (Double) last.get("test_rmse"), 0.0, "numbers round-trip exactly");
        assertEquals(5, ((List<?>) last.get("top_singular_values")).size());
    }

    @Test
    void everyEventIsOnDiskAsACompleteLineAsSoonAsItIsHandled() throws IOException {
        Path file = dir.resolve("events.jsonl");
        try (EventLog log = EventLog.create(file)) {
            Metrics m = new Metrics(1, 0.5, 0.1, Double.NaN, Double.NaN, 2, 3, List.of(2.0, 1.0));
            List<TrainingEvent> events = List.of(
                    new TrainingEvent.RunStarted(0, 0, 10, new TreeMap<>(Map.of("note", "a \"quoted\"\nvalue"))),
                    new TrainingEvent.StepStatistics(5, 0.1, 5, 0.02, 1.5, 0.5, 3.0, 1e-3),
                    new TrainingEvent.Evaluated(5, 0.2, m),
                    new TrainingEvent.RunFailed(7, 0.3, "training diverged", "lower the learning rate"));
            for (int k = 0; k < events.size(); k++) {
                log.onEvent(events.get(k));
                // Nothing waits in a Java buffer: a crash now would leave exactly these complete lines.
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertTrue(text.endsWith("\n"), text);
                List<String> lines = text.lines().toList();
                assertEquals(k + 1, lines.size());
                lines.forEach(JsonReader::parse);
            }
        }
        List<String> lines = Files.readAllLines(file);
        Map<String, Object> started = JsonReader.object(lines.get(0));
        assertEquals(Map.of("note", "a \"quoted\"\nvalue"), started.get("configuration"));
        Map<String, Object> evaluated = JsonReader.object(lines.get(2));
        assertNull(evaluated.get("test_rmse"), "NaN is written as null");
        assertTrue(evaluated.containsKey("test_rmse"));
        assertEquals("lower the learning rate", JsonReader.object(lines.get(3)).get("remedy"));
    }

    @Test
    void anExistingFileIsReplaced() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "old content that is longer than one event line ".repeat(20));
        try (EventLog log = EventLog.create(file)) {
            log.onEvent(new TrainingEvent.RunStarted(0, 0, 1, new TreeMap<>()));
        }
        assertEquals(1, Files.readAllLines(file).size());
        JsonReader.parse(Files.readString(file));
    }
}
