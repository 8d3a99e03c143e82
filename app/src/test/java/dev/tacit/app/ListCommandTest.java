package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tacit list} and the plugin options, in-process. Plugins that load are exercised by PluginIT. */
class ListCommandTest {

    private static final List<String> OPTIMIZERS = List.of("adadelta", "adagrad", "adam", "adamax", "adamw",
            "amsgrad", "asgd", "gd", "lbfgs", "nadam", "nesterov", "radam", "rmsprop");

    @Test
    void listsEveryOptimizerWithItsSettingsDefaultsAndOrigin() {
        CliRun run = CliRun.of("list", "optimizers");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("Optimizers (13)"), run.out());
        for (String name : OPTIMIZERS) {
            assertTrue(run.out().contains("\n  " + name + "  [built-in]\n"), name + " in:\n" + run.out());
        }
        // Adam's settings with their defaults and ranges.
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+beta2\\s+0\\.999\\s+\\[0, 1\\)\\s+decay.*")),
                run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+eps\\s+1e-8\\s+\\[0, 1\\]\\s+added.*")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+history_size\\s+100\\s+\\[1, 100000\\] whole.*")),
                run.out());
        assertFalse(run.out().contains("Penalties"), "only optimizers");
    }

    @Test
    void listsPenaltiesAndSchedules() {
        CliRun penalties = CliRun.of("list", "penalties");
        assertEquals(0, penalties.code(), penalties.err());
        assertTrue(penalties.out().startsWith("Penalties (10)"), penalties.out());
        for (String name : List.of("ratio", "nuclear", "frobenius", "none", "schatten-half", "schatten-third",
                "schatten-two-thirds", "schatten-half-over-two-thirds", "schatten-third-over-two-thirds",
                "schatten-third-over-half")) {
            assertTrue(penalties.out().contains("\n  " + name + "  [built-in]\n"), name);
        }
        CliRun schedules = CliRun.of("list", "schedules");
        assertEquals(0, schedules.code());
        assertTrue(schedules.out().contains("  plateau  [built-in]"), schedules.out());
        assertTrue(schedules.out().lines().anyMatch(l -> l.matches("\\s+patience\\s+100\\s+.*")), schedules.out());
        CliRun all = CliRun.of("list");
        assertEquals(0, all.code());
        assertTrue(all.out().contains("Optimizers (13)") && all.out().contains("Penalties (10)")
                && all.out().contains("Schedules (4)"), all.out());
        assertTrue(all.err().isEmpty(), all.err());
    }

    @Test
    void badKindOrPluginPathIsAUsageError() {
        CliRun kind = CliRun.of("list", "optimisers");
        assertEquals(2, kind.code());
        assertTrue(kind.err().contains("optimizers, penalties, schedules"), kind.err());
        CliRun path = CliRun.of("list", "--plugin-path", "/no/such/dir");
        assertEquals(2, path.code());
        assertTrue(path.err().contains("--plugin-path must name existing directories; not a directory: /no/such/dir"),
                path.err());
        assertFalse(path.err().contains("Exception"), path.err());
    }

    @Test
    void aBrokenPluginIsReportedAndTheCommandGoesOn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.jar"), "not a jar");
        CliRun run = CliRun.of("list", "optimizers", "--plugin-path", dir.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().startsWith("tacit: skipped plugin " + dir.resolve("broken.jar") + ": "), run.err());
        assertTrue(run.out().startsWith("Optimizers (13)"), run.out());
    }

    @Test
    void environmentDirectoriesComeAfterTheCommandLine(@TempDir Path dir) {
        PluginOptions options = new PluginOptions();
        options.pluginPath = List.of(dir.toString());
        options.environment = name -> name.equals(PluginOptions.ENVIRONMENT) ? "/env/a" + java.io.File.pathSeparator
                + "/env/b" : null;
        assertEquals(List.of(dir, Path.of("/env/a"), Path.of("/env/b")), options.directories());
    }
}
