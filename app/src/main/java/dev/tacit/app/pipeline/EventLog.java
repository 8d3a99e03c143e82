package dev.tacit.app.pipeline;

import dev.tacit.api.Metrics;
import dev.tacit.api.TrainingEvent;
import dev.tacit.data.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes every event of a run to a file, one JSON object per line (JSON Lines), in order. A {@link Delivery#LOSSLESS}
 * observer: it never drops an event.
 *
 * <p>Each line is encoded in full and handed to the file system in one write, unbuffered, so a run that crashes or is
 * killed leaves only complete lines behind (every event up to the last one written); nothing is held in a Java buffer.
 * The first field of each object, {@code event}, names the event: {@code run_started}, {@code step_statistics},
 * {@code evaluated}, {@code run_finished} or {@code run_failed}; numbers that are not finite are written as
 * {@code null}.
 */
public final class EventLog implements Observer {

    private final Path file;
    private final FileChannel channel;

    private EventLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Creates the file, or empties it if it exists.
     *
     * @param file where to write
     * @return the log, ready for the first event
     * @throws IOException if the file cannot be created or opened for writing
     */
    public static EventLog create(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new EventLog(file, channel);
    }

    /** @return the file written */
    public Path file() {
        return file;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public Delivery delivery() {
        return Delivery.LOSSLESS;
    }

    @Override
    public void onEvent(TrainingEvent event) throws IOException {
        onEvent("", event);
    }

    /** Writes the event with its run's name, under the key {@code run} after {@code event}, when it has one. */
    @Override
    public void onEvent(String run, TrainingEvent event) throws IOException {
        Map<String, Object> fields = toMap(event);
        if (!run.isEmpty()) {
            Map<String, Object> named = new LinkedHashMap<>();
            named.put("event", fields.remove("event"));
            named.put("run", run);
            named.putAll(fields);
            fields = named;
        }
        ByteBuffer line = ByteBuffer.wrap((Json.write(fields) + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            channel.write(line);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * @param event an event
     * @return its fields under the JSON keys of the log, {@code event} first
     */
    public static Map<String, Object> toMap(TrainingEvent event) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (event instanceof TrainingEvent.RunStarted s) {
            common(m, "run_started", event);
            m.put("iterations", s.iterations());
            m.put("configuration", s.configuration());
        } else if (event instanceof TrainingEvent.StepStatistics s) {
            common(m, "step_statistics", event);
            m.put("steps", s.steps());
            m.put("step_seconds", s.stepSeconds());
            m.put("loss", s.loss());
            m.put("penalty", s.penalty());
            m.put("gradient_norm", s.gradientNorm());
            m.put("learning_rate", s.learningRate());
        } else if (event instanceof TrainingEvent.Evaluated e) {
            common(m, "evaluated", event);
            metrics(m, e.metrics());
        } else if (event instanceof TrainingEvent.RunFinished f) {
            common(m, "run_finished", event);
            m.put("reason", f.reason().label());
            metrics(m, f.metrics());
        } else if (event instanceof TrainingEvent.RunFailed f) {
            common(m, "run_failed", event);
            m.put("message", f.message());
            m.put("remedy", f.remedy());
        } else {
            throw new IllegalArgumentException("unknown event " + event);
        }
        return m;
    }

    private static void common(Map<String, Object> m, String name, TrainingEvent e) {
        m.put("event", name);
        m.put("iteration", e.iteration());
        m.put("seconds", e.seconds());
    }

    private static void metrics(Map<String, Object> m, Metrics x) {
        m.put("loss", x.loss());
        m.put("penalty", x.penalty());
        m.put("train_rmse", x.trainRmse());
        m.put("test_rmse", x.testRmse());
        m.put("relative_error", x.relativeError());
        m.put("effective_rank", x.effectiveRank());
        m.put("nuclear_norm", x.nuclearNorm());
        m.put("top_singular_values", x.topSingularValues());
    }
}
