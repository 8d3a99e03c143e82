package dev.tacit.data.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the real MovieLens-100K for tests that use it. It is never part of the repository (its licence forbids
 * redistribution); tests that need it are skipped when it is absent.
 *
 * <p>Looked up in this order: the system property {@value #PROPERTY}, the environment variable {@value #ENV}, then
 * {@code shared/data/ml-100k} beside the repository or beside one of its parent directories (the project's machines
 * keep a copy at {@code ../shared/data/ml-100k} relative to the repository root).
 */
public final class SharedData {

    /** System property naming the unpacked ml-100k directory. */
    public static final String PROPERTY = "tacit.ml100k";
    /** Environment variable naming the unpacked ml-100k directory. */
    public static final String ENV = "TACIT_ML100K";

    private SharedData() {
    }

    /** @return the unpacked ml-100k directory, if one is found */
    public static Optional<Path> movieLens100k() {
        String given = System.getProperty(PROPERTY, System.getenv(ENV));
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            return Files.isRegularFile(p.resolve("u.data")) ? Optional.of(p) : Optional.empty();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 5 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/ml-100k");
            if (Files.isRegularFile(candidate.resolve("u.data"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
