package dev.tacit.study.experiment;

import dev.tacit.data.io.AtomicFiles;
import dev.tacit.data.io.Json;
import dev.tacit.data.io.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The finished runs of an experiment: one JSON file per run in {@code <dir>/runs/<id>.json}, each written atomically
 * the moment its run finishes. An interrupted sweep therefore loses at most the runs in flight, never a finished one,
 * and no file is ever half written; a restarted sweep skips every id already present. One sweep at a time may use a
 * directory.
 */
public final class ResultStore {

    private final Path runs;

    /**
     * @param dir the experiment's output directory (created if needed)
     * @throws UncheckedIOException if it cannot be created
     */
    public ResultStore(Path dir) {
        this.runs = dir.resolve("runs");
        try {
            Files.createDirectories(runs);
            // A sweep killed while writing leaves its temporary file (never a half-written result): remove it.
            try (Stream<Path> s = Files.list(runs)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".")
                        && p.getFileName().toString().endsWith(".tmp")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + runs + ": " + e.getMessage(), e);
        }
    }

    /** @return ids of the runs already stored */
    public Set<String> completedIds() {
        Set<String> ids = new HashSet<>();
        for (Path p : files()) {
            String f = p.getFileName().toString();
            ids.add(f.substring(0, f.length() - ".json".length()));
        }
        return ids;
    }

    /**
     * Stores a finished run atomically.
     *
     * @param result the run
     * @throws UncheckedIOException if it cannot be written
     */
    public void save(RunResult result) {
        try {
            AtomicFiles.writeString(runs.resolve(result.id() + ".json"), Json.write(result.toMap()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result of run " + result.id() + " to " + runs + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Stores a finished run unless a result for its id is already stored: the first result of a run wins. Used where
     * the same run may be delivered more than once (a sweep on Spark, whose tasks may be retried); both deliveries
     * hold the same result, up to their wall time.
     *
     * @param result the run
     * @return whether it was stored now (false: a result with its id was there already, and is kept)
     * @throws UncheckedIOException if it cannot be written
     */
    public boolean saveIfAbsent(RunResult result) {
        try {
            return AtomicFiles.writeStringIfAbsent(runs.resolve(result.id() + ".json"),
                    Json.write(result.toMap()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result of run " + result.id() + " to " + runs + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * @return every stored run, ordered by id
     * @throws IllegalArgumentException naming a file that is not a valid result
     */
    public List<RunResult> loadAll() {
        List<RunResult> out = new ArrayList<>();
        for (Path p : files()) {
            try {
                Object v = JsonReader.parse(Files.readString(p));
                if (!(v instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) m;
                out.add(RunResult.fromMap(map));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(p + " is not a valid run result: " + e.getMessage(), e);
            }
        }
        out.sort(Comparator.comparing(RunResult::id));
        return out;
    }

    private List<Path> files() {
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
        }
    }
}
