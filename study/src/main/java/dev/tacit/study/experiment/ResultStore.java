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
 * and no file is ever half written; a restarted sweep skips every run whose valid result is present (a damaged file
 * is reported and its run run again). One sweep at a time may use a
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

    /**
     * A file in {@code runs/} that is not the result of the run its name says (empty, not JSON, a field missing, or
     * another run's result): it does not count as done, so the sweep runs that run again and replaces it.
     *
     * @param file   the file
     * @param reason what is wrong with it
     */
    public record Damaged(Path file, String reason) {
    }

    /**
     * What the store holds.
     *
     * @param results the valid results, ordered by id
     * @param damaged the files that are not valid results, ordered by name
     */
    public record Contents(List<RunResult> results, List<Damaged> damaged) {
        /** Copies both lists. */
        public Contents {
            results = List.copyOf(results);
            damaged = List.copyOf(damaged);
        }
    }

    /** @return ids of the runs already stored with a valid result */
    public Set<String> completedIds() {
        Set<String> ids = new HashSet<>();
        load().results().forEach(r -> ids.add(r.id()));
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
     * hold the same result, up to their wall time. A damaged file in the run's place does not count as its result
     * (the run was planned again because of it) and is replaced.
     *
     * @param result the run
     * @return whether it was stored now (false: a result with its id was there already, and is kept)
     * @throws UncheckedIOException if it cannot be written
     */
    public boolean saveIfAbsent(RunResult result) {
        Path file = runs.resolve(result.id() + ".json");
        if (Files.exists(file) && load().damaged().stream().anyMatch(d -> d.file().equals(file))) {
            save(result);
            return true;
        }
        try {
            return AtomicFiles.writeStringIfAbsent(runs.resolve(result.id() + ".json"),
                    Json.write(result.toMap()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result of run " + result.id() + " to " + runs + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * @return every valid stored run, ordered by id; a damaged file is left out (see {@link #load})
     */
    public List<RunResult> loadAll() {
        return load().results();
    }

    /**
     * Reads every stored run, setting aside the files that are not valid results instead of failing on them: one
     * damaged file must not make the others unreadable.
     *
     * @return the valid results and the damaged files
     * @throws UncheckedIOException if the directory cannot be listed or a file cannot be read
     */
    public Contents load() {
        List<RunResult> out = new ArrayList<>();
        List<Damaged> damaged = new ArrayList<>();
        for (Path p : files()) {
            String name = p.getFileName().toString();
            String id = name.substring(0, name.length() - ".json".length());
            try {
                Object v = JsonReader.parse(Files.readString(p));
                if (!(v instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) m;
                RunResult r = RunResult.fromMap(map);
                if (!r.id().equals(id)) {
                    throw new IllegalArgumentException("it holds the result of run " + r.id());
                }
                out.add(r);
            } catch (java.nio.charset.CharacterCodingException e) {
                damaged.add(new Damaged(p, "not text"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException | ClassCastException e) {
                damaged.add(new Damaged(p, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        out.sort(Comparator.comparing(RunResult::id));
        return new Contents(out, damaged);
    }

    private List<Path> files() {
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
        }
    }
}
