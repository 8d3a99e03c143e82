package dev.tacit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.optim.catalog.Catalog;
import dev.tacit.study.experiment.ExperimentFile;
import dev.tacit.study.experiment.ExperimentRunner;
import dev.tacit.study.experiment.MethodExecutor;
import dev.tacit.study.experiment.ResultStore;
import dev.tacit.study.experiment.RunSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on loopback: a Master and two Workers (one core each) as separate JVMs started from
 * the build's Spark jars, a sweep submitted by the {@code tacit-spark} launcher to {@code spark://127.0.0.1:PORT},
 * one Worker killed (SIGKILL, its executor with it) once the first runs are stored. The sweep must end with every
 * run stored exactly once, each identical (wall time aside) to the single-machine runner's result.
 */
class StandaloneClusterIT {

    /** Ten runs of a few seconds each, so that the kill falls in the middle of the sweep. */
    static final String EXPERIMENT = """
            name = cluster
            size = 30
            rank = 2
            observed = 300
            seeds = 0..4
            iterations = 3000
            eval_every = 1000
            method = Adam:1+R
            method = GD:2 lr=5
            """;

    @TempDir
    Path tmp;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException, IOException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        // The links to the local Maven repository go before JUnit cleans up, which would warn about each of them.
        Path jars = tmp.resolve("spark-home").resolve("jars");
        if (Files.isDirectory(jars)) {
            try (Stream<Path> links = Files.list(jars)) {
                for (Path link : links.toList()) {
                    Files.delete(link);
                }
            }
        }
    }

    @Test
    void aSweepSurvivesTheLossOfAWorker() throws Exception {
        Path home = Path.of(System.getProperty("tacit.spark.home"));
        List<String> classpath = Arrays.asList(Files.readString(home.resolve("target/spark-classpath.txt")).strip()
                .split(":"));
        // Workers start executors from SPARK_HOME/jars, as in a Spark distribution: lay one out with links.
        Path sparkHome = tmp.resolve("spark-home");
        Files.createDirectories(sparkHome.resolve("jars"));
        for (String jar : classpath) {
            Path j = Path.of(jar);
            Files.createSymbolicLink(sparkHome.resolve("jars").resolve(j.getFileName()), j);
        }
        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        start("master", sparkHome, classpath, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(freePort()));
        awaitPort(masterPort);
        Process[] workers = new Process[2];
        for (int w = 0; w < 2; w++) {
            Path work = Files.createDirectories(tmp.resolve("worker-" + w));
            workers[w] = start("worker-" + w, sparkHome, classpath, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port",
                    Integer.toString(freePort()), "--work-dir", work.toString(), master);
        }

        Path file = Files.writeString(tmp.resolve("cluster.exp"), EXPERIMENT);
        Path out = tmp.resolve("out");
        ProcessBuilder driver = new ProcessBuilder(home.resolve("bin/tacit-spark").toString(), "experiment",
                file.toString(), "--master", master, "--out", out.toString(), "--jobs", "2")
                .redirectOutput(tmp.resolve("driver.out").toFile()).redirectError(tmp.resolve("driver.err").toFile());
        driver.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        driver.environment().put("TACIT_SPARK_JAVA_OPTS", "-Dspark.executor.memory=512m -Dspark.ui.enabled=false");
        Process sweep = driver.start();
        processes.add(sweep);

        // Kill one Worker once the first run is stored: its executor dies with it, and the runs it held go back to
        // the scheduler.
        long stored = awaitRuns(out, sweep);
        workers[0].descendants().forEach(ProcessHandle::destroyForcibly);
        workers[0].destroyForcibly();
        assertTrue(sweep.waitFor(5, TimeUnit.MINUTES), "the sweep ends");
        String driverOut = Files.readString(tmp.resolve("driver.out"));
        assertEquals(0, sweep.exitValue(), driverOut + Files.readString(tmp.resolve("driver.err")));

        MethodExecutor executor = new MethodExecutor(Catalog.builtIn());
        List<RunSpec> runs = ExperimentFile.parse("local", EXPERIMENT, List.of(), executor.baselineNames()).expand();
        assertTrue(stored < runs.size(), "the Worker died in the middle of the sweep (" + stored + " of "
                + runs.size() + " runs stored then)");
        assertTrue(driverOut.contains(runs.size() + " runs (0 done before, " + runs.size() + " now, 0 failed)"),
                driverOut);
        Path local = tmp.resolve("local");
        ResultStore localStore = new ResultStore(local);
        ExperimentRunner.run(ExperimentRunner.plan(runs, localStore), localStore, executor, 2, id -> e -> { },
                () -> false);
        Map<String, String> expected = SweepTest.runFiles(local);
        Map<String, String> actual = SweepTest.runFiles(out);
        assertEquals(runs.size(), expected.size());
        assertEquals(expected.keySet(), actual.keySet(), "every run exactly once, and nothing else");
        expected.forEach((name, json) -> assertEquals(SweepTest.withoutSeconds(json),
                SweepTest.withoutSeconds(actual.get(name)), name));
    }

    private Process start(String name, Path sparkHome, List<String> classpath, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("tacit.spark.jvm.flags").strip().split("\\s+")));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(String.join(":", classpath));
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Waits until at least one run is stored; fails if the sweep ends or nothing comes in time. */
    private static long awaitRuns(Path out, Process sweep) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            Path runs = out.resolve("runs");
            if (Files.isDirectory(runs)) {
                try (Stream<Path> s = Files.list(runs)) {
                    long n = s.filter(p -> p.getFileName().toString().endsWith(".json")).count();
                    if (n > 0) {
                        return n;
                    }
                }
            }
            if (!sweep.isAlive()) {
                throw new AssertionError("the sweep ended before storing a run: exit " + sweep.exitValue());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no run stored in 3 minutes");
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Master did not listen on port " + port + " within 2 minutes");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
