package dev.tacit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.optim.catalog.Catalog;
import dev.tacit.study.experiment.ExperimentFile;
import dev.tacit.study.experiment.ExperimentRunner;
import dev.tacit.study.experiment.MethodExecutor;
import dev.tacit.study.experiment.ResultStore;
import dev.tacit.study.experiment.RunSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tacit-spark experiment} on an in-process {@code local[2]} Spark: the run files are those of the single-machine
 * runner behind {@code tacit experiment}, byte for byte apart from the wall time, and a second invocation runs only
 * what is missing.
 */
class SweepTest {

    /** Four short runs on a small problem: a network with the penalty and a deeper one under gradient descent. */
    static final String EXPERIMENT = """
            name = spark-small
            size = 20
            rank = 2
            observed = 160
            seeds = 0..1
            iterations = 200
            eval_every = 100
            method = Adam:1+R
            method = GD:2 lr=5
            """;

    @TempDir
    Path tmp;

    @Test
    void theSweepWritesTheRunFilesOfTheLocalRunnerAndResumes() throws Exception {
        Path file = Files.writeString(tmp.resolve("small.exp"), EXPERIMENT);
        List<String> overrides = List.of("observed=160,200");

        // The single-machine path of tacit experiment: the same parse, grid, executor and store.
        MethodExecutor executor = new MethodExecutor(Catalog.builtIn());
        List<RunSpec> runs = ExperimentFile.parse(file.toString(), EXPERIMENT, overrides, executor.baselineNames())
                .expand();
        Path local = tmp.resolve("local");
        ResultStore localStore = new ResultStore(local);
        ExperimentRunner.run(ExperimentRunner.plan(runs, localStore), localStore, executor, 2, id -> e -> { },
                () -> false);

        Path spark = tmp.resolve("spark");
        Run first = tacitSpark("experiment", file.toString(), "--set", overrides.get(0), "--master", "local[2]",
                "--out", spark.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("8 runs (0 done before, 8 now, 0 failed)"), first.out());

        Map<String, String> expected = runFiles(local);
        Map<String, String> actual = runFiles(spark);
        assertEquals(8, expected.size());
        assertEquals(expected.keySet(), actual.keySet(), "the same run ids");
        expected.forEach((name, text) -> assertEquals(withoutSeconds(text), withoutSeconds(actual.get(name)),
                name + ": the same result, bit for bit"));
        assertEquals(ExperimentFile.resolve(EXPERIMENT, overrides),
                Files.readString(spark.resolve(ExperimentFile.STORED_NAME)), "the experiment as run, for tacit report");

        // Resume: two runs lost; the rerun does those two only and leaves the others' files as they were.
        List<String> names = List.copyOf(actual.keySet());
        Files.delete(spark.resolve("runs").resolve(names.get(0)));
        Files.delete(spark.resolve("runs").resolve(names.get(5)));
        Run second = tacitSpark("experiment", file.toString(), "--set", overrides.get(0), "--master", "local[2]",
                "--out", spark.toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("8 runs (6 done before, 2 now, 0 failed)"), second.out());
        Map<String, String> resumed = runFiles(spark);
        assertEquals(actual.keySet(), resumed.keySet());
        for (String name : names) {
            if (name.equals(names.get(0)) || name.equals(names.get(5))) {
                assertEquals(withoutSeconds(actual.get(name)), withoutSeconds(resumed.get(name)), name);
            } else {
                assertEquals(actual.get(name), resumed.get(name), name + " was not run again");
            }
        }
    }

    @Test
    void badUsageIsExitCodeTwoWithAMessage() throws IOException {
        Path file = Files.writeString(tmp.resolve("bad.exp"), "name = bad\nmethod = Adam:1+R\nobserved = many\n");
        Run badLine = tacitSpark("experiment", file.toString(), "--master", "local[2]");
        assertEquals(2, badLine.code());
        assertTrue(badLine.err().contains("line 3"), badLine.err());

        Run plugins = tacitSpark("experiment", "figure4", "--plugin-path", "plugins", "--master", "local[2]");
        assertEquals(2, plugins.code());
        assertTrue(plugins.err().contains("--plugin-path is not available"), plugins.err());

        Run unknown = tacitSpark("experiment", "figure4", "--mastr", "local[2]");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown option '--mastr'"), unknown.err());

        Run noMaster = tacitSpark("experiment", "figure4", "--quick", "--out", tmp.resolve("x").toString());
        assertEquals(2, noMaster.code());
        assertTrue(noMaster.err().contains("--master is required"), noMaster.err());

        Run jobs = tacitSpark("experiment", "figure4", "--jobs", "0", "--master", "local[2]");
        assertEquals(2, jobs.code());
        assertTrue(jobs.err().contains("--jobs must be at least 1"), jobs.err());
    }

    @Test
    void dryRunListsTheIdsOfTacitExperiment() {
        Run dry = tacitSpark("experiment", "figure4", "--quick", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        MethodExecutor executor = new MethodExecutor(Catalog.builtIn());
        List<RunSpec> runs = ExperimentFile.parse("preset figure4-quick", dev.tacit.study.experiment.Presets.text(
                "figure4", true), List.of(), executor.baselineNames()).expand();
        for (RunSpec r : runs) {
            assertTrue(dry.out().contains(r.id() + "  " + r.describe()), r.id());
        }
        assertNotEquals(0, runs.size());
    }

    /** A run file with its wall time, the one field that differs between two executions of a run, blanked. */
    static String withoutSeconds(String json) {
        return json.replaceAll("\"seconds\":[^,}]*", "\"seconds\":_");
    }

    static Map<String, String> runFiles(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            for (Path p : s.toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }

    record Run(int code, String out, String err) {
    }

    static Run tacitSpark(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TacitSpark.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
