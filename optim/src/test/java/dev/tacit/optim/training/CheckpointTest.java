package dev.tacit.optim.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.api.State;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
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

    private static Map<String, State.Entry> tensors(State s) {
        return s.entries().entrySet().stream().filter(e -> e.getValue() instanceof State.Tensors)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<String> scalars(State s) {
        return s.entries().entrySet().stream().filter(e -> e.getValue() instanceof State.Scalar)
                .map(Map.Entry::getKey).toList();
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
        assertEquals(tensors(c.progress().optimizerState()), tensors(back.progress().optimizerState()));
        for (String k : scalars(c.progress().optimizerState())) {
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

    @Test
    void typedAndNestedEntriesRoundTrip() throws IOException {
        State inner = State.EMPTY.withStep(3).withTensors("basis", List.of(Matrix.of(2, 1, 0.6, 0.8)))
                .withCount("polar_age", 2);
        State objective = State.EMPTY.withStep(9).withCount("epoch", 4).withCount("cursor", -1)
                .withIndices("order", new int[] {2, 0, 1}).withNested("user_penalty", inner)
                .withNested("item_penalty", State.EMPTY);
        Checkpoint c = new Checkpoint(new TreeMap<>(), new Progress(9, List.of(Matrix.zeros(2, 2)), State.EMPTY,
                objective, State.EMPTY.withCount("bad", Long.MAX_VALUE)));
        Path f = dir.resolve("typed.ckpt");
        write(c, f);
        Checkpoint back = Checkpoint.read(f);
        assertEquals(objective, back.progress().objectiveState(), "counts, indices and nested states come back");
        assertEquals(Long.MAX_VALUE, back.progress().scheduleState().count("bad"), "a count keeps all 64 bits");
    }

    @Test
    void aCraftedSizeIsRefusedWithoutAllocatingIt() throws IOException {
        // A valid checksum over a header that declares one 40000x40000 matrix (12.8 GB) in a file of a few bytes.
        ByteBuffer body = ByteBuffer.allocate(8 + 4 + 4 + 8 + 4 + 4 + 4);
        body.putLong(0x5441434954434B50L).putInt(Checkpoint.FORMAT).putInt(0).putLong(1).putInt(1).putInt(40_000)
                .putInt(40_000);
        CRC32 crc = new CRC32();
        crc.update(body.array());
        Path f = dir.resolve("crafted.ckpt");
        Files.write(f, ByteBuffer.allocate(body.capacity() + 8).put(body.array()).putLong(crc.getValue()).array());
        assertTrue(assertThrows(CorruptCheckpointException.class, () -> Checkpoint.read(f)).getMessage()
                .contains("40000x40000 matrix does not fit"));
    }
}
