package dev.tacit.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built runtime image as a user would, for the integration tests. */
final class Image {

    private Image() {
    }

    /** @return bin/tacit of the image built by this module's package phase */
    static Path launcher() {
        Path image = Path.of(System.getProperty("tacit.image", "target/image"));
        Path launcher = image.resolve("bin/tacit");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no runtime image at " + image.toAbsolutePath()
                    + "; integration tests run after 'mvn package' builds it");
        }
        return launcher;
    }

    /**
     * @param timeoutSeconds how long the run may take
     * @param args           arguments after {@code tacit}
     * @return exit code and output
     */
    static CliRun run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return run(timeoutSeconds, Map.of(), args);
    }

    /**
     * @param timeoutSeconds how long the run may take
     * @param environment    variables added to the environment of the run
     * @param args           arguments after {@code tacit}
     * @return exit code and output
     */
    static CliRun run(long timeoutSeconds, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("tacit-out", ".txt");
        Path err = Files.createTempFile("tacit-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            // Hermetic: only the plugins a test asks for.
            builder.environment().remove(PluginOptions.ENVIRONMENT);
            builder.environment().putAll(environment);
            Process p = builder.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new CliRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
