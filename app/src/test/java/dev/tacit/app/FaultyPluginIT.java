package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose optimizer loads fine but throws in the middle of training: the run stops with exit code 1 and a
 * message naming the plugin and the call that failed, not an anonymous internal error or a stack trace.
 */
class FaultyPluginIT {

    @TempDir
    Path dir;

    private static final String MODULE = """
            module faulty {
                requires dev.tacit.api;
                provides dev.tacit.api.OptimizerProvider with faulty.Faulty;
            }
            """;

    private static final String PROVIDER = """
            package faulty;

            import dev.tacit.api.*;
            import java.util.List;

            public final class Faulty implements OptimizerProvider {
                public String name() { return "faulty"; }
                public String description() { return "throws at its fourth step, on purpose"; }
                public List<Hyperparameter> parameters() {
                    return List.of(Hyperparameter.real("lr", 0.01, 0, 10, "learning rate"));
                }
                public Optimizer create(Settings settings) {
                    return new Optimizer() {
                        public double learningRate() { return settings.get("lr"); }
                        public State start(List<dev.tacit.algebra.Matrix> params) { return State.EMPTY; }
                        public Step step(Input input, State state) {
                            if (state.step() == 3) {
                                throw new IllegalStateException("faulty on purpose");
                            }
                            return new Step(input.params(), state.withStep(state.step() + 1));
                        }
                    };
                }
            }
            """;

    /** Compiles the plugin against the image's own api jars, as a third party would. */
    private Path buildPlugin() throws IOException, InterruptedException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("faulty"));
        Files.writeString(src.resolve("module-info.java"), MODULE);
        Files.writeString(src.resolve("faulty/Faulty.java"), PROVIDER);
        Path modules = Image.launcher().getParent().getParent().getParent().resolve("modules");
        String modulePath;
        try (Stream<Path> jars = Files.list(modules)) {
            modulePath = jars.map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        }
        Path classes = dir.resolve("classes");
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        Process compile = new ProcessBuilder(javac.toString(), "-d", classes.toString(), "--module-path", modulePath,
                src.resolve("module-info.java").toString(), src.resolve("faulty/Faulty.java").toString())
                .redirectErrorStream(true).start();
        String log = new String(compile.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, compile.waitFor(), "the test plugin compiles: " + log);
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = plugins.resolve("faulty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
            }
        }
        return jar;
    }

    @Test
    void aPluginThatThrowsDuringTrainingIsNamed() throws Exception {
        Path jar = buildPlugin();
        CliRun run = Image.run(120, "train", "--plugin-path", jar.getParent().toString(), "--optimizer", "faulty",
                "--size", "20", "--rank", "2", "--observed", "100", "--iterations", "10", "--quiet");
        assertEquals(1, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("tacit: the plugin " + jar + " failed: 'faulty' threw in step(): "
                + "IllegalStateException: faulty on purpose"), run.err());
        assertTrue(run.err().contains("remove " + jar + " from the plugin path"), run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("internal error"), run.err());
        List<String> listed = List.of(Image.run(60, "list", "optimizers", "--plugin-path", jar.getParent().toString())
                .out().split("\n"));
        assertTrue(listed.stream().anyMatch(l -> l.contains("faulty") && l.contains(jar.toString())), listed.toString());
    }
}
