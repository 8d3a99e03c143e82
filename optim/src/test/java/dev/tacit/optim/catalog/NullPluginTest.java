package dev.tacit.optim.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins that return null where a value is due: before the fix one whose {@code parameters()} returned null was
 * loaded and then broke {@code tacit list} for everyone, and a {@code create()} returning null was an internal error.
 */
class NullPluginTest {

    @TempDir
    Path work;

    private static final String PARAMETERS = "return List.of(Hyperparameter.real(\"lr\", 0.1, 0, 10, \"learning rate\"));";

    private Path plugin(String name, String source) {
        String pkg = "test." + name;
        return PluginJars.compile(work.resolve(name + ".jar"), Map.of(
                "module-info.java", "module " + pkg + " { requires dev.tacit.api; provides dev.tacit.api."
                        + "OptimizerProvider with " + pkg + ".P; }",
                "test/" + name + "/P.java", source));
    }

    @Test
    void providersReturningNullAreSkippedByNameOrNamedWhenUsed() throws IOException {
        String template = PluginJars.optimizer("PKG", "P", "NAME", "");
        assertTrue(template.contains(PARAMETERS), "the template's parameters() is the one replaced here");
        Path dir = Files.createDirectories(work.resolve("plugins"));
        Files.move(plugin("nullparams", template.replace("PKG", "test.nullparams").replace("NAME", "null-params")
                .replace(PARAMETERS, "return null;")), dir.resolve("nullparams.jar"));
        Files.move(plugin("nullsetting", template.replace("PKG", "test.nullsetting").replace("NAME", "null-setting")
                .replace(PARAMETERS, "return java.util.Arrays.asList((Hyperparameter) null);")),
                dir.resolve("nullsetting.jar"));
        Files.move(plugin("nulldesc", template.replace("PKG", "test.nulldesc").replace("NAME", "null-desc")
                .replace("return \"test optimizer\";", "return null;")), dir.resolve("nulldesc.jar"));
        Files.move(plugin("nullcreate", template.replace("PKG", "test.nullcreate").replace("NAME", "null-create")
                .replace("public Optimizer create(Settings s) {", "public Optimizer create(Settings s) { if (s != null) "
                        + "return null;")), dir.resolve("nullcreate.jar"));

        Plugins.Loaded loaded = Plugins.load(Catalog.builtIn(), List.of(dir));
        List<String> names = loaded.catalog().optimizers().stream().map(e -> e.provider().name()).toList();
        String problems = loaded.problems().stream().map(p -> p.plugin() + ": " + p.message())
                .collect(Collectors.joining("\n"));
        for (String skipped : List.of("null-params", "null-setting", "null-desc")) {
            assertFalse(names.contains(skipped), names.toString());
            assertTrue(problems.contains("'" + skipped + "'") && problems.contains("it is skipped"), problems);
        }
        assertTrue(problems.contains("returns null from parameters()"), problems);
        assertTrue(problems.contains("returns null from description()"), problems);
        // Every provider left describes itself completely: what tacit list does.
        loaded.catalog().optimizers().forEach(e -> e.provider().parameters().forEach(h -> assertTrue(h.name() != null)));

        var nullCreate = loaded.catalog().optimizer("null-create").orElseThrow(() -> new AssertionError(problems));
        PluginFailure failure = assertThrows(PluginFailure.class, () -> nullCreate.create(Map.of()));
        assertTrue(failure.getMessage().contains("nullcreate.jar") && failure.getMessage().contains("null-create")
                && failure.getMessage().contains("returned null"), failure.getMessage());
    }
}
