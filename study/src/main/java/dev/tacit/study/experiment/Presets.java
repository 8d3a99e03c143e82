package dev.tacit.study.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The experiments shipped with Tacit: {@code figure4} (the study's Figure 4: test error and effective rank against the
 * number of observed entries, for the penalised depth-1 network, deeper networks and the classical baselines) and
 * {@code depth} (the depth study), each with a short {@code -quick} form.
 */
public final class Presets {

    /** The presets' names. */
    public static final List<String> NAMES = List.of("figure4", "depth");

    private Presets() {
    }

    /**
     * @param name  a preset's name
     * @param quick its short form
     * @return the experiment file's text
     * @throws IllegalArgumentException if there is no such preset
     */
    public static String text(String name, boolean quick) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no preset '" + name + "'; the presets are " + NAMES);
        }
        String file = name + (quick ? "-quick" : "") + ".exp";
        try (InputStream in = Presets.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("preset " + file + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
