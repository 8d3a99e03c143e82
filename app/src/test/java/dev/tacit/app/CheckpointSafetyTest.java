package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.State;
import dev.tacit.data.io.AtomicFiles;
import dev.tacit.data.io.Json;
import dev.tacit.optim.training.Checkpoint;
import dev.tacit.optim.training.Progress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints a run cannot continue, and checkpoint directories two runs want at once (issue 18, defects 8 and 11).
 * Before the fixes the crafted checkpoints were internal errors (or an OutOfMemoryError), and a second run on a
 * directory in use overwrote the first run's checkpoints.
 */
class CheckpointSafetyTest {

    private static final List<String> RUN = List.of("--size", "9x7", "--rank", "2", "--observed", "30",
            "--iterations", "6", "--eval-every", "3", "--quiet", "--json");

    @TempDir
    Path dir;

    private CliRun train(Path checkpoint) {
        String[] args = new String[RUN.size() + 3];
        args[0] = "train";
        for (int k = 0; k < RUN.size(); k++) {
            args[k + 1] = RUN.get(k);
        }
        args[RUN.size() + 1] = "--checkpoint";
        args[RUN.size() + 2] = checkpoint.toString();
        return CliRun.of(args);
    }

    @Test
    void aDirectoryInUseByAnotherRunIsRefusedAndFreeAgainAfterIt() {
        Path d = dir.resolve("run");
        try (DirectoryLock held = DirectoryLock.acquire("--checkpoint", createDirectory(d))) {
            CliRun second = train(d);
            assertEquals(2, second.code(), second.err());
            assertTrue(second.err().contains("is in use by another run"), second.err());
            assertFalse(Files.exists(d.resolve(TrainCommand.CHECKPOINT_FILE)), "nothing written over the other run");
        }
        CliRun first = train(d);
        assertEquals(0, first.code(), first.err());
        try (DirectoryLock held = DirectoryLock.acquire("--resume", d)) {
            CliRun resumed = CliRun.of("train", "--resume", d.toString(), "--iterations", "9", "--quiet");
            assertEquals(2, resumed.code(), resumed.err());
            assertTrue(resumed.err().contains("--resume " + d + " is in use by another run"), resumed.err());
        }
        assertEquals(0, CliRun.of("train", "--resume", d.toString(), "--iterations", "9", "--quiet").code());
    }

    /** A valid run's checkpoint, then the same with one part replaced, written with a valid checksum. */
    private Path crafted(String name, UnaryOperator<Map<String, String>> configuration,
                         UnaryOperator<Progress> progress) throws Exception {
        Path d = dir.resolve(name);
        assertEquals(0, train(d).code());
        Checkpoint real = Checkpoint.read(d.resolve(TrainCommand.CHECKPOINT_FILE));
        Checkpoint forged = new Checkpoint(new TreeMap<>(configuration.apply(new TreeMap<>(real.configuration()))),
                progress.apply(real.progress()));
        AtomicFiles.write(d.resolve(TrainCommand.CHECKPOINT_FILE), forged::writeTo);
        return d;
    }

    private static void notThisRun(Path d, String expected) {
        CliRun run = CliRun.of("train", "--resume", d.toString(), "--iterations", "12", "--quiet");
        assertEquals(2, run.code(), run.err() + run.out());
        assertTrue(run.err().contains("--resume " + d + ": not a checkpoint of this run: "), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(run.err().contains("internal error") || run.err().contains("\tat "), run.err());
    }

    @Test
    void craftedCheckpointsWithAValidChecksumAreNotCheckpointsOfThisRun() throws Exception {
        notThisRun(crafted("not-json", c -> with(c, "arguments", "this is not JSON"), p -> p),
                "its arguments are not readable");
        notThisRun(crafted("not-a-list", c -> with(c, "arguments", "{\"size\": 9}"), p -> p),
                "not a list of options");
        notThisRun(crafted("bad-option", c -> with(c, "arguments", Json.write(List.of("--no-such-option"))), p -> p),
                "are not valid");
        notThisRun(crafted("misshaped-parameters", c -> c, p -> new Progress(p.iteration(),
                List.of(Matrix.zeros(3, 3)), p.optimizerState(), p.objectiveState(), p.scheduleState())),
                "saved parameters");
        notThisRun(crafted("no-optimizer-state", c -> c, p -> new Progress(p.iteration(), p.params(), State.EMPTY,
                p.objectiveState(), p.scheduleState())), "cannot use");
        notThisRun(crafted("misshaped-optimizer-state", c -> c, p -> new Progress(p.iteration(), p.params(),
                reshaped(p.optimizerState()), p.objectiveState(), p.scheduleState())), "cannot use");
    }

    /** The declared shape is checked against the bytes left before anything of that size is allocated. */
    @Test
    void aHugeDeclaredMatrixIsRefusedBeforeItIsAllocated() throws Exception {
        Path d = dir.resolve("huge");
        assertEquals(0, train(d).code());
        Path file = d.resolve(TrainCommand.CHECKPOINT_FILE);
        Checkpoint real = Checkpoint.read(file);
        byte[] all = Files.readAllBytes(file);
        // magic, format, the configuration's count and texts, the iteration, the parameters' count: then a shape.
        int at = 8 + 4 + 4 + 8 + 4;
        for (Map.Entry<String, String> e : real.configuration().entrySet()) {
            at += 2 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 2
                    + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        ByteBuffer.wrap(all).putInt(at, 40_000).putInt(at + 4, 40_000);
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        ByteBuffer.wrap(all).putLong(all.length - 8, crc.getValue());
        Files.write(file, all);
        CliRun run = CliRun.of("train", "--resume", d.toString(), "--iterations", "12", "--quiet");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("a 40000x40000 matrix does not fit"), run.err());
    }

    private static Map<String, String> with(Map<String, String> c, String key, String value) {
        c.put(key, value);
        return c;
    }

    /** Every tensor of the state one row taller: the layout of another network. */
    private static State reshaped(State s) {
        State out = new State(s.step(), new TreeMap<>());
        for (var e : s.entries().entrySet()) {
            out = e.getValue() instanceof State.Tensors t ? out.withTensors(e.getKey(), t.values().stream()
                    .map(m -> Matrix.zeros(m.rows() + 1, m.cols())).toList()) : out.with(e.getKey(), e.getValue());
        }
        return out;
    }

    private static Path createDirectory(Path d) {
        try {
            return Files.createDirectories(d);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
