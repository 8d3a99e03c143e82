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
     * The command that starts the image so that SIGINT reaches it as it reaches a user's foreground process. Started
     * in the background by a shell without job control (nohup … &amp;, as CI may be), this JVM and so its children
     * ignore SIGINT, as such a shell wants; coreutils' env gives the run the default handling back.
     *
     * @return the launcher, prefixed by {@code env --default-signal=INT} where this process ignores SIGINT
     */
    static List<String> interruptibleLauncher() {
        List<String> c = new ArrayList<>();
        if (sigintIgnored()) {
            c.addAll(List.of("env", "--default-signal=INT"));
        }
        c.add(launcher().toString());
        return c;
    }

    /** @return whether this process ignores SIGINT (Linux: bit 2 of SigIgn in /proc/self/status) */
    private static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseLong(line.substring(7).strip(), 16) & 0b10) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: nothing to detect, and nothing to undo
        }
        return false;
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
