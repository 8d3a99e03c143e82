package dev.tacit.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.api.Metrics;
import dev.tacit.api.StopReason;
import dev.tacit.api.TrainingEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Console progress: a redrawn bar on a terminal, plain lines elsewhere. */
class ConsoleProgressTest {

    /** 1000 iterations at 1 ms each: statistics every 10, evaluations every 500. */
    private static List<TrainingEvent> run() {
        Metrics m = new Metrics(0.01, 0.001, 0.02, 0.03, 0.04, 4.9, 100, List.of(9.0, 8.0));
        List<TrainingEvent> events = new ArrayList<>();
        events.add(new TrainingEvent.RunStarted(0, 0, 1000, new TreeMap<>()));
        for (int it = 10; it <= 1000; it += 10) {
            events.add(new TrainingEvent.StepStatistics(it, it * 1e-3, 10, 1e-3, 0.5, 0.01, 1, 1e-3));
            if (it % 500 == 0) {
                events.add(new TrainingEvent.Evaluated(it, it * 1e-3, m));
            }
        }
        events.add(new TrainingEvent.RunFinished(1000, 1.0, m, StopReason.PLANNED));
        return events;
    }

    private static String show(boolean terminal) {
        StringWriter out = new StringWriter();
        ConsoleProgress console = new ConsoleProgress(new PrintWriter(out), terminal);
        run().forEach(console::onEvent);
        console.close();
        return out.toString();
    }

    @Test
    void onATerminalOneLineIsRedrawnWithABarTheRateAndTheTimeLeft() {
        String text = show(true);
        long redraws = text.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 10 && redraws <= 14, "about one redraw per 0.1 s of training, not per event: "
                + redraws);
        assertTrue(text.contains("[############------------]  50%  500/1000  1000 it/s  ETA 1s  loss 1.000e-02  "
                + "test 3.000e-02  erank 4.90"), text);
        assertTrue(text.contains("[########################] 100%  1000/1000"), text);
        assertTrue(text.endsWith("\n"), "the bar's line is ended when the run ends");
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), "everything on one line, redrawn");
    }

    @Test
    void elsewhereOnePlainLinePerEvaluation() {
        String text = show(false);
        assertFalse(text.contains("\r"), text);
        List<String> lines = text.lines().toList();
        assertEquals(2, lines.size(), text);
        assertEquals("[ 500/1000  50%] loss 1.000e-02  train 2.000e-02  test 3.000e-02  erank   4.90  1.000 ms/it  "
                + "ETA 1s", lines.get(0));
        assertTrue(lines.get(1).startsWith("[1000/1000 100%]"), lines.get(1));
    }

    @Test
    void durationsForPeople() {
        assertEquals("42s", ConsoleProgress.duration(42.2));
        assertEquals("3m07s", ConsoleProgress.duration(187));
        assertEquals("?", ConsoleProgress.duration(Double.NaN));
    }
}
