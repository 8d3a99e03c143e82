package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.optim.training.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes of the image, really killed: a run killed at a random moment (SIGKILL: no hook runs) resumes from its
 * last checkpoint to exactly the parameters of an uninterrupted run; SIGTERM and SIGINT stop it cleanly with the final
 * checkpoint and the results so far, and exit codes 143 and 130.
 */
class InterruptionIT {

    /**
     * Long enough (several seconds at about 0.3 ms an iteration) that a signal sent up to 1.5 s after the first
     * checkpoint always lands in the middle of the run.
     */
    private static final int ITERATIONS = 20_000;
    private static final List<String> RUN = List.of("train", "--size", "60", "--rank", "3", "--observed", "900",
            "--iterations", Integer.toString(ITERATIONS), "--checkpoint-every", "100", "--eval-every", "500",
            "--quiet");

    @TempDir
    Path dir;

    private static List<String> command(Path checkpoint, String... more) {
        List<String> c = new ArrayList<>(Image.interruptibleLauncher());
        c.addAll(arguments(checkpoint, more));
        return c;
    }

    private static List<String> arguments(Path checkpoint, String... more) {
        List<String> c = new ArrayList<>(RUN);
        c.addAll(List.of("--checkpoint", checkpoint.toString()));
        c.addAll(List.of(more));
        return c;
    }

    private static Checkpoint finalCheckpoint(Path d) {
        return Checkpoint.read(d.resolve(TrainCommand.CHECKPOINT_FILE));
    }

    /** Starts a run and waits until it has written its first checkpoint, then a random extra while. */
    private Process startAndWait(Path checkpoint, long seed) throws Exception {
        Process p = new ProcessBuilder(command(checkpoint)).redirectOutput(dir.resolve("out-" + seed).toFile())
                .redirectError(dir.resolve("err-" + seed).toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint.resolve(TrainCommand.CHECKPOINT_FILE)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(checkpoint.resolve(TrainCommand.CHECKPOINT_FILE)), "a first checkpoint");
        Thread.sleep(new SplittableRandom(seed).nextLong(50, 1500));
        assertTrue(p.isAlive(), "still training when interrupted");
        return p;
    }

    @Test
    void aRunKilledAtARandomMomentResumesToTheUninterruptedParameters() throws Exception {
        Path once = dir.resolve("once");
        CliRun whole = Image.run(600, arguments(once, "--json").toArray(String[]::new));
        assertEquals(0, whole.code(), whole.err());

        Path killed = dir.resolve("killed");
        Process p = startAndWait(killed, 20261129L);
        p.destroyForcibly();   // SIGKILL
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        long at = finalCheckpoint(killed).progress().iteration();
        assertTrue(at > 0 && at < ITERATIONS && at % 100 == 0, "the last periodic checkpoint survives: " + at);

        CliRun resumed = Image.run(600, "train", "--resume", killed.toString(), "--quiet", "--json");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(ITERATIONS, finalCheckpoint(killed).progress().iteration());
        assertEquals(finalCheckpoint(once).progress().params(), finalCheckpoint(killed).progress().params(),
                "bit for bit after resuming from iteration " + at);
        assertEquals(whole.number("test_rmse"), resumed.number("test_rmse"), 0.0);
    }

    @Test
    void sigtermAndSigintStopWithTheFinalCheckpointAndTheResultsSoFar() throws Exception {
        for (String signal : new String[] {"TERM", "INT"}) {
            Path d = dir.resolve("signal-" + signal);
            Process p = startAndWait(d, signal.hashCode());
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "stopped after " + signal);
            assertEquals(signal.equals("TERM") ? 143 : 130, p.exitValue(), "exit code after SIG" + signal);
            String err = Files.readString(dir.resolve("err-" + signal.hashCode()));
            String out = Files.readString(dir.resolve("out-" + signal.hashCode()));
            long at = finalCheckpoint(d).progress().iteration();
            assertTrue(err.contains("tacit: interrupted at iteration " + at + " of " + ITERATIONS + "; continue with: tacit train "
                    + "--resume " + d), err);
            assertTrue(out.contains("iterations           " + at), "the results so far: " + out);
            assertTrue(Files.readString(d.resolve(TrainCommand.RESULT_FILE)).contains("\"stop_reason\":\"interrupted\""),
                    "result file");
        }
    }

    /**
     * Issue 18: SIGTERM used to wait the whole 120 s grace period for a classical method and print nothing. Now the
     * method stops after its current iteration and the command reports what it has (a plugin's method that cannot stop
     * is abandoned instead: {@code CompleteCommandTest}).
     */
    @Test
    void aBaselineStopsWithWhatItHasOnSigterm() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Process p = new ProcessBuilder(Image.launcher().toString(), "complete", "--method", "cp", "--size", "300",
                "--rank", "5", "--observed", "20000", "--quiet", "--json", "--events", events.toString())
                .redirectOutput(dir.resolve("cp-out").toFile()).redirectError(dir.resolve("cp-err").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while ((!Files.exists(events) || Files.size(events) == 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "still completing when signalled");
        p.destroy();   // SIGTERM
        assertTrue(p.waitFor(Interruption.GRACE_SECONDS / 2, TimeUnit.SECONDS), "well before the grace period");
        assertEquals(143, p.exitValue(), Files.readString(dir.resolve("cp-err")));
        // It ends after the current iteration and reports its iterate, scored like a finished run.
        String out = Files.readString(dir.resolve("cp-out"));
        assertTrue(out.contains("\"stop_reason\":\"interrupted\"") && out.contains("\"test_rmse\":"), out);
        List<String> lines = Files.readAllLines(events);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("{\"event\":\"run_finished\"") && last.contains("interrupted"), last);
    }

    /** Issue 18: SIGTERM while --events blocks opening a FIFO nobody reads held the shutdown for 120 s. */
    @Test
    void aSignalWhileOpeningAFifoEndsTheProcessAtOnce() throws Exception {
        Path fifo = dir.resolve("events.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Process p = new ProcessBuilder(Image.launcher().toString(), "train", "--size", "20", "--rank", "2",
                "--observed", "200", "--iterations", "20", "--quiet", "--events", fifo.toString())
                .redirectOutput(dir.resolve("fifo-out").toFile()).redirectError(dir.resolve("fifo-err").toFile())
                .start();
        // The process blocks in open(2) on the FIFO for as long as nobody reads it: any moment after start will do.
        Thread.sleep(3000);
        assertTrue(p.isAlive(), "blocked on the FIFO");
        p.destroy();   // SIGTERM
        assertTrue(p.waitFor(Interruption.GRACE_SECONDS / 2, TimeUnit.SECONDS), "well before the grace period");
        assertEquals(143, p.exitValue());
    }
}
