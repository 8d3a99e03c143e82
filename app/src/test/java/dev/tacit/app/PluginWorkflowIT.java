package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.testkit.MovieLensFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plugin author does, from the built image: build a plugin with plain javac and jar against the image's
 * {@code lib/plugin-api}, use it on every command that takes an optimizer or a completion method, get a usage error
 * for a bad setting, and resume a run after the jar moved (and not with a different jar).
 */
class PluginWorkflowIT {

    @TempDir
    Path tmp;

    private Path plugins() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(PluginIT.examplePlugin(), dir.resolve("example.jar"));
        return dir;
    }

    @Test
    void aPluginBuiltWithPlainJavacAgainstTheImageLoads() throws Exception {
        Path kit = Image.launcher().getParent().getParent().resolve("lib/plugin-api");
        assertTrue(Files.isDirectory(kit), "the image ships lib/plugin-api");
        Path sources = Path.of(System.getProperty("tacit.docs", "../docs")).resolve("../modules/example-plugin/src/main"
                + "/java").normalize();
        List<String> args = new ArrayList<>(List.of("--module-path", kit.toString(), "-d",
                tmp.resolve("classes").toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        assertEquals(0, javac.run(System.out, System.err, args.toArray(String[]::new)), "javac compiles it");
        Path dir = Files.createDirectories(tmp.resolve("built"));
        ToolProvider jar = ToolProvider.findFirst("jar").orElseThrow();
        assertEquals(0, jar.run(System.out, System.err, "--create", "--file", dir.resolve("lion.jar").toString(),
                "-C", tmp.resolve("classes").toString(), "."));
        CliRun list = Image.run(30, "list", "optimizers", "--plugin-path", dir.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("  lion  [" + dir.resolve("lion.jar") + "]"), list.out());
    }

    @Test
    void theOptimizerWorksOnMovieLensAndTheMethodOnComplete() throws Exception {
        Path plugins = plugins();
        Path data = MovieLensFiles.small(tmp.resolve("ml-100k"), 8);
        CliRun movielens = Image.run(120, "movielens", "--data-dir", data.toString(), "--plugin-path",
                plugins.toString(), "--optimizer", "lion", "--epochs", "1", "--dimension", "8", "--json", "--quiet");
        assertEquals(0, movielens.code(), movielens.err());
        assertTrue(movielens.out().contains("\"optimizer\":\"lion\""), movielens.out());

        CliRun mean = Image.run(60, "complete", "--plugin-path", plugins.toString(), "--method", "mean", "--json",
                "--quiet");
        assertEquals(0, mean.code(), mean.err());
        assertTrue(mean.number("test_rmse") > 0.5, "the mean of a zero-mean matrix is no completion: " + mean.out());
    }

    @Test
    void aBadPluginSettingIsAUsageErrorNamingIt() throws Exception {
        CliRun run = Image.run(30, "train", "--plugin-path", plugins().toString(), "--optimizer", "lion", "--opt",
                "beta1=2", "--iterations", "10");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("bad --opt for lion: beta1 must be in"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void aRunResumesAfterItsPluginMovedButNotWithAnotherJar() throws Exception {
        Path first = plugins();
        Path checkpoint = tmp.resolve("run");
        CliRun start = Image.run(120, "train", "--plugin-path", first.toString(), "--optimizer", "lion",
                "--iterations", "40", "--eval-every", "20", "--checkpoint", checkpoint.toString(),
                "--checkpoint-every", "20", "--json", "--quiet");
        assertEquals(0, start.code(), start.err());

        Path moved = Files.createDirectories(tmp.resolve("moved"));
        Files.move(first.resolve("example.jar"), moved.resolve("renamed.jar"));
        CliRun lost = Image.run(60, "train", "--resume", checkpoint.toString(), "--iterations", "60", "--quiet");
        assertEquals(2, lost.code(), lost.err());
        assertTrue(lost.err().contains("the run used the optimizer lion from " + first.resolve("example.jar")),
                lost.err());
        assertTrue(lost.err().contains("--plugin-path"), lost.err());

        CliRun resumed = Image.run(120, "train", "--resume", checkpoint.toString(), "--plugin-path", moved.toString(),
                "--iterations", "60", "--json", "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(60, resumed.number("iterations"));

        Path other = Files.createDirectories(tmp.resolve("other"));
        copyWithExtraEntry(moved.resolve("renamed.jar"), other.resolve("example.jar"));
        CliRun different = Image.run(60, "train", "--resume", checkpoint.toString(), "--plugin-path",
                other.toString(), "--iterations", "80", "--quiet");
        assertEquals(2, different.code(), different.err());
        assertTrue(different.err().contains("not the jar the run started with"), different.err());
    }

    /** A different jar with the same classes: the original's entries plus one more. */
    private static void copyWithExtraEntry(Path from, Path to) throws IOException {
        try (var in = new java.util.jar.JarFile(from.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(to))) {
            for (var e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new JarEntry(e.getName()));
                in.getInputStream(e).transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("NOTICE.txt"));
            out.write("another build".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
