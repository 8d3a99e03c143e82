package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third-party plugins in the built image: the example plugin's jar (modules/example-plugin, built earlier in the
 * reactor) dropped into a plugin directory trains through {@code bin/tacit}; broken jars next to it are reported by
 * name and skipped.
 */
class PluginIT {

    @TempDir
    Path plugins;

    /** @return the example plugin jar Maven built */
    static Path examplePlugin() {
        Path jar = Path.of(System.getProperty("tacit.example.plugin", "../modules/example-plugin/target/missing.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no example plugin jar at " + jar.toAbsolutePath()
                    + "; the integration tests run after the reactor packages modules/example-plugin");
        }
        return jar;
    }

    private Path dropExamplePlugin(Path directory) throws IOException {
        return Files.copy(examplePlugin(), directory.resolve("lion.jar"));
    }

    @Test
    void theExamplePluginTrainsFromAPluginDirectory() throws Exception {
        Path jar = dropExamplePlugin(plugins);
        CliRun list = Image.run(30, "list", "optimizers", "--plugin-path", plugins.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("  lion  [" + jar + "]"), list.out());
        assertTrue(list.out().startsWith("Optimizers (14)"), list.out());
        assertTrue(list.err().isEmpty(), list.err());

        CliRun run = Image.run(120, "train", "--plugin-path", plugins.toString(), "--optimizer", "lion",
                "--opt", "lr=1e-3", "--iterations", "300", "--eval-every", "100", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("\"optimizer\":\"lion\""), run.out());
        assertEquals(300, run.number("iterations"));
        // Starting near 0, the observed entries (RMS 1) must have been fitted part of the way.
        assertTrue(run.number("train_rmse") < 0.9, run.out());
    }

    @Test
    void brokenPluginsNextToItAreReportedAndSkipped() throws Exception {
        dropExamplePlugin(plugins);
        Files.writeString(plugins.resolve("corrupt.jar"), "this is not a zip file");
        // An automatic module whose service file names a class the jar does not contain.
        writeJar(plugins.resolve("missing-class.jar"), Map.of(
                "META-INF/services/dev.tacit.api.OptimizerProvider", "org.example.Missing\n"));

        CliRun run = Image.run(120, "train", "--plugin-path", plugins.toString(), "--optimizer", "lion",
                "--iterations", "50", "--eval-every", "50", "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("tacit: skipped plugin " + plugins.resolve("corrupt.jar") + ": "), run.err());
        assertTrue(run.err().contains("tacit: skipped plugin " + plugins.resolve("missing-class.jar") + ": "),
                run.err());
        assertFalse(run.err().contains("lion.jar"), "the good plugin loads: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertTrue(run.out().contains("\"optimizer\":\"lion\""), run.out());
    }

    @Test
    void theEnvironmentVariableAndTheImagePluginsDirectory() throws Exception {
        Path jar = dropExamplePlugin(plugins);
        CliRun fromEnvironment = Image.run(30, Map.of(PluginOptions.ENVIRONMENT, plugins.toString()),
                "list", "optimizers");
        assertEquals(0, fromEnvironment.code(), fromEnvironment.err());
        assertTrue(fromEnvironment.out().contains("  lion  [" + jar + "]"), fromEnvironment.out());

        // The image's own plugins/ directory, next to bin/ (emptied again afterwards so other tests see the image
        // as built).
        Path imagePlugins = Image.launcher().getParent().getParent().resolve("plugins");
        assertTrue(Files.isDirectory(imagePlugins), "the image ships a plugins/ directory");
        Path installed = Files.copy(examplePlugin(), imagePlugins.resolve("lion.jar"));
        try {
            CliRun fromImage = Image.run(30, "list", "optimizers");
            assertEquals(0, fromImage.code(), fromImage.err());
            assertTrue(fromImage.out().contains("  lion  [" + installed.toAbsolutePath().normalize() + "]")
                    || fromImage.out().contains("  lion  [" + installed + "]"), fromImage.out());
        } finally {
            Files.deleteIfExists(installed);
        }
    }

    @Test
    void aMissingPluginDirectoryOnTheCommandLineIsAUsageError() throws Exception {
        CliRun run = Image.run(30, "train", "--plugin-path", plugins.resolve("absent").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--plugin-path must name existing directories"), run.err());
    }

    private static void writeJar(Path jar, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                j.putNextEntry(new JarEntry(e.getKey()));
                j.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
    }
}
