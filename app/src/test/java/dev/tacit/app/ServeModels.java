package dev.tacit.app;

import dev.tacit.data.testkit.MovieLensFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A small saved model for the server's tests, fitted once per test JVM through {@code tacit fit}: a generated
 * MovieLens-style release (60 users, 80 items, 1,500 ratings, seed 21) with a {@code u.item} of titles, so that
 * recommendations carry titles. Users have odd ids 1, 3, …, 119; items 3, 6, …, 240.
 */
public final class ServeModels {

    private static Path model;
    private static Path dir;

    private ServeModels() {
    }

    /** @return the model file (deleted when the JVM exits) */
    public static synchronized Path model() {
        if (model == null) {
            try {
                dir = Files.createTempDirectory("tacit-serve-test");
                Runtime.getRuntime().addShutdownHook(new Thread(ServeModels::delete));
                Path release = MovieLensFiles.small(dir.resolve("ml"), 21);
                StringBuilder items = new StringBuilder();
                for (int i = 0; i < 80; i++) {
                    // Some titles that only textContent shows as written, never as markup.
                    String title = i == 0 ? "<b>Bold</b> & \"quoted\" (1999)" : "Film " + (i + 1) + " (19" + (50 + i)
                            + ")";
                    items.append(MovieLensFiles.itemId(i)).append('|').append(title).append("|01-Jan-1999||\n");
                }
                Path titles = Files.writeString(release.resolve("u.item"), items.toString());
                Path file = dir.resolve("model.npz");
                CliRun run = CliRun.of("fit", "--ratings", release.resolve("u.data").toString(), "--items",
                        titles.toString(), "--out", file.toString(), "--epochs", "3", "--dimension", "8", "--quiet");
                if (run.code() != 0) {
                    throw new IllegalStateException("tacit fit failed: " + run.err());
                }
                model = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }

    /** @return a title containing markup, which the page must show as text */
    public static String markupTitle() {
        return "<b>Bold</b> & \"quoted\" (1999)";
    }

    private static void delete() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
