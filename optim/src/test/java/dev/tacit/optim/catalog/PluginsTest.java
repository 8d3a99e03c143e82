package dev.tacit.optim.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.Evaluation;
import dev.tacit.api.Optimizer;
import dev.tacit.api.OptimizerProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars, compiled by the test, loaded into their own module layers: good ones add providers with their jar as
 * origin, broken ones are reported by name and skipped while the rest load.
 */
class PluginsTest {

    @TempDir
    static Path work;

    static Path good;
    static Path throwing;
    static Path needy;
    static Path duplicate;
    static Path withLibrary;

    private static String moduleInfo(String name, String requires, String provides) {
        return "module " + name + " { requires dev.tacit.api; " + requires + " provides dev.tacit.api."
                + provides + "; }";
    }

    @BeforeAll
    static void buildPlugins() throws IOException {
        Path build = Files.createDirectories(work.resolve("build"));
        good = PluginJars.compile(build.resolve("good.jar"), Map.of(
                "module-info.java", moduleInfo("test.good", "", "OptimizerProvider with test.good.Sgd"),
                "test/good/Sgd.java", PluginJars.optimizer("test.good", "Sgd", "test-sgd", "")));
        throwing = PluginJars.compile(build.resolve("throwing.jar"), Map.of(
                "module-info.java", moduleInfo("test.throwing", "", "OptimizerProvider with test.throwing.Boom"),
                "test/throwing/Boom.java", PluginJars.optimizer("test.throwing", "Boom", "boom",
                        "throw new IllegalStateException(\"boom at load\");")));
        // test.needy requires test.dep, which is compiled alongside but not shipped: it cannot resolve.
        Path dep = PluginJars.compile(build.resolve("dep.jar"), Map.of(
                "module-info.java", "module test.dep { exports test.dep; }",
                "test/dep/Helper.java", "package test.dep; public final class Helper { public static double lr() "
                        + "{ return 0.2; } }"));
        needy = PluginJars.compile(build.resolve("needy.jar"), Map.of(
                "module-info.java", moduleInfo("test.needy", "requires test.dep;",
                        "OptimizerProvider with test.needy.Needy"),
                "test/needy/Needy.java", PluginJars.optimizer("test.needy", "Needy", "needy", "")), dep);
        duplicate = PluginJars.compile(build.resolve("duplicate.jar"), Map.of(
                "module-info.java", moduleInfo("test.duplicate", "", "OptimizerProvider with test.duplicate.Adam"),
                "test/duplicate/Adam.java", PluginJars.optimizer("test.duplicate", "Adam", "adam", "")));
        // A plugin shipped with its library: a subdirectory holding both jars is one plugin, one layer.
        withLibrary = Files.createDirectories(work.resolve("bundled"));
        Files.copy(dep, withLibrary.resolve("dep.jar"));
        Files.copy(needy, withLibrary.resolve("needy.jar"));
    }

    private static Path directory(String name, Path... jars) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        for (Path jar : jars) {
            if (Files.isDirectory(jar)) {
                Path sub = Files.createDirectories(dir.resolve(jar.getFileName()));
                for (Path f : Files.list(jar).toList()) {
                    Files.copy(f, sub.resolve(f.getFileName()));
                }
            } else {
                Files.copy(jar, dir.resolve(jar.getFileName()));
            }
        }
        return dir;
    }

    private static String messages(Plugins.Loaded loaded) {
        return loaded.problems().stream().map(p -> p.plugin() + ": " + p.message()).collect(Collectors.joining("\n"));
    }

    @Test
    void aGoodPluginAddsItsProvidersWithItsJarAsOrigin() throws IOException {
        Path dir = directory("only-good", good);
        Plugins.Loaded loaded = Plugins.load(Catalog.builtIn(), List.of(dir));
        assertTrue(loaded.problems().isEmpty(), messages(loaded));
        Catalog.Entry<OptimizerProvider> entry = loaded.catalog().optimizers().stream()
                .filter(e -> e.provider().name().equals("test-sgd")).findFirst().orElseThrow();
        assertEquals(dir.resolve("good.jar").toString(), entry.origin());
        Object own = PluginGuard.unguarded(entry.provider());
        assertEquals("test.good", own.getClass().getModule().getName());
        assertTrue(own.getClass().getModule().getLayer() != Catalog.class.getModule().getLayer(),
                "a layer of its own");
        // It works: one step of θ − 0.1·g.
        Optimizer opt = entry.provider().create(Map.of()).get();
        Optimizer.Step s = opt.step(new Optimizer.Input(List.of(Matrix.of(1, 1, 1)),
                new Evaluation(0, 0, List.of(Matrix.of(1, 1, 2))), p -> null, opt.learningRate()), opt.start(List.of()));
        Tolerance.ROUNDING.assertClose(0.8, s.params().get(0).at(0), "plugin step");
        assertEquals(Catalog.builtIn().optimizers().size() + 1, loaded.catalog().optimizers().size());
        loaded.catalog().penalties().forEach(e -> assertEquals(Catalog.BUILT_IN, e.origin()));
    }

    @Test
    void brokenPluginsAreReportedByNameAndSkippedWhileTheOthersLoad() throws IOException {
        Path dir = directory("mixed", good, throwing, needy, duplicate);
        Files.writeString(dir.resolve("garbage.jar"), "this is not a zip file");
        Files.createDirectories(dir.resolve("empty-plugin"));
        Files.writeString(dir.resolve("README.txt"), "not a plugin, ignored");
        Plugins.Loaded loaded = Plugins.load(Catalog.builtIn(), List.of(dir, work.resolve("no-such-directory")));

        List<String> names = loaded.catalog().optimizers().stream().map(e -> e.provider().name()).toList();
        assertTrue(names.contains("test-sgd"), names.toString());
        assertTrue(!names.contains("boom") && !names.contains("needy"), names.toString());
        assertEquals(Catalog.BUILT_IN, loaded.catalog().optimizer("adam").map(p ->
                loaded.catalog().optimizers().stream().filter(e -> e.provider() == p).findFirst().orElseThrow()
                        .origin()).orElseThrow(), "the built-in adam is kept");

        Map<String, String> byPlugin = loaded.problems().stream().collect(Collectors.toMap(
                p -> Path.of(p.plugin()).getFileName().toString(), Plugins.Problem::message, (a, b) -> a + " | " + b));
        String all = messages(loaded);
        assertTrue(byPlugin.get("throwing.jar").contains("boom at load"), all);
        assertTrue(byPlugin.get("needy.jar").contains("test.dep"), all);
        assertTrue(byPlugin.get("duplicate.jar").contains("'adam' is already provided by built-in"), all);
        assertTrue(byPlugin.containsKey("garbage.jar"), all);
        assertTrue(byPlugin.get("empty-plugin").contains("contains no module"), all);
        assertTrue(byPlugin.get("no-such-directory").contains("does not exist"), all);
        assertEquals(6, loaded.problems().size(), all);
    }

    @Test
    void aSubdirectoryIsOnePluginWithItsLibraries() throws IOException {
        Path dir = directory("with-library", withLibrary);
        Plugins.Loaded loaded = Plugins.load(Catalog.builtIn(), List.of(dir));
        assertTrue(loaded.problems().isEmpty(), messages(loaded));
        assertTrue(loaded.catalog().optimizer("needy").isPresent());
    }

    @Test
    void theFirstDirectoryWinsANameAndTheSecondIsReported() throws IOException {
        Path first = directory("first", good);
        Path second = directory("second", good);
        Plugins.Loaded loaded = Plugins.load(Catalog.builtIn(), List.of(first, second));
        assertEquals(1, loaded.problems().size(), messages(loaded));
        assertTrue(loaded.problems().get(0).message().contains("already provided by " + first.resolve("good.jar")),
                messages(loaded));
    }
}
