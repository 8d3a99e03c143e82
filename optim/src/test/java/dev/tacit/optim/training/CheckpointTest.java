package dev.tacit.optim.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.api.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private static Checkpoint sample() {
        SplittableRandom rng = new SplittableRandom(8);
        List<Matrix> params = List.of(RandomMatrices.gaussian(3, 4, rng), RandomMatrices.gaussian(4, 4, rng));
        State opt = State.EMPTY.withStep(17).withTensors("m", params).withScalar("best", -0.0)
                .withScalar("nan", Double.NaN).withScalar("tiny", Double.MIN_VALUE);
        TreeMap<String, String> config = new TreeMap<>();
        config.put("optimizer", "adam");
        config.put("lr", "0.001");
        return new Checkpoint(config, new Progress(17, params, opt, State.EMPTY.withScalar("cursor", 5),
                State.EMPTY.withScalar("rate", 0.005).withScalar("bad", 2)));
    }

    private static void write(Checkpoint c, Path f) throws IOException {
        try (var out = Files.newOutputStream(f)) {
            c.writeTo(out);
        }
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        Checkpoint c = sample();
        Path f = dir.resolve("run.ckpt");
        write(c, f);
        Checkpoint back = Checkpoint.read(f);
        assertEquals(c.configuration(), back.configuration());
        assertEquals(c.progress().iteration(), back.progress().iteration());
        assertEquals(c.progress().params(), back.progress().params(), "Matrix.equals is exact");
        assertEquals(c.progress().optimizerState().tensors(), back.progress().optimizerState().tensors());
        for (String k : c.progress().optimizerState().scalars().keySet()) {
            assertEquals(Double.doubleToRawLongBits(c.progress().optimizerState().scalar(k)),
                    Double.doubleToRawLongBits(back.progress().optimizerState().scalar(k)), k);
        }
        assertEquals(c.progress().objectiveState(), back.progress().objectiveState());
        assertEquals(c.progress().scheduleState(), back.progress().scheduleState());
    }

    @Test
    void damagedFilesAreRefusedWithTheReason() throws IOException {
        Path f = dir.resolve("run.ckpt");
        write(sample(), f);
        byte[] bytes = Files.readAllBytes(f);
        bytes[40] ^= 1;
        Files.write(f, bytes);
        assertTrue(assertThrows(CorruptCheckpointException.class, () -> Checkpoint.read(f)).getMessage()
                .contains("checksum mismatch"));
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(CorruptCheckpointException.class, () -> Checkpoint.read(f));
        Files.writeString(f, "hello, this is not a checkpoint at all");
        assertTrue(assertThrows(CorruptCheckpointException.class, () -> Checkpoint.read(f)).getMessage()
                .contains("not a Tacit checkpoint"));
        assertTrue(assertThrows(CorruptCheckpointException.class, () -> Checkpoint.read(dir.resolve("none")))
                .getMessage().contains("no such file"));
    }
}
