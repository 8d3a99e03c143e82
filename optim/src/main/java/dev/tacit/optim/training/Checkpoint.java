package dev.tacit.optim.training;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.State;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Everything needed to continue a run bit for bit: the configuration it was started with and its {@link Progress}
 * (iteration, parameters, optimizer and objective state).
 *
 * <p>The file format is binary and exact: doubles are stored as their IEEE-754 bits, so a resumed run continues from
 * exactly the same numbers. Layout (big-endian): the magic {@code TACITCKP}, a format version, the configuration as
 * sorted key/value strings, the progress (iteration, parameters, then the optimizer's, the objective's and the
 * schedule's state, each a step count and its typed entries: a tag, a name and the value), then a CRC-32 of
 * everything before it. Reading checks every count against the bytes that are left, so a damaged or crafted file
 * is refused with a message and never makes the reader allocate more than the file holds.
 *
 * @param configuration the settings of the run, as text (a resumed run must match them)
 * @param progress      where the run is
 */
public record Checkpoint(SortedMap<String, String> configuration, Progress progress) {

    /** The current format version; older versions are refused with a clear message. */
    public static final int FORMAT = 2;

    private static final long MAGIC = 0x5441434954434B50L; // "TACITCKP"
    private static final byte TENSORS = 1;
    private static final byte SCALAR = 2;
    private static final byte COUNT = 3;
    private static final byte INDICES = 4;
    private static final byte NESTED = 5;
    /** Nesting deeper than this is not a state any service writes. */
    private static final int MAX_DEPTH = 16;

    /** Copies the configuration into an unmodifiable sorted map. */
    public Checkpoint {
        configuration = Collections.unmodifiableSortedMap(new TreeMap<>(configuration));
    }

    /**
     * Writes the checkpoint in its binary format. Callers that write a file write it atomically (a temporary file
     * renamed into place), so a kill at any moment leaves the previous complete checkpoint.
     *
     * @param out where to write; not closed
     * @throws IOException if {@code out} fails
     */
    public void writeTo(OutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            data.writeLong(MAGIC);
            data.writeInt(FORMAT);
            data.writeInt(configuration.size());
            for (var e : configuration.entrySet()) {
                data.writeUTF(e.getKey());
                data.writeUTF(e.getValue());
            }
            data.writeLong(progress.iteration());
            writeMatrices(data, progress.params());
            writeState(data, progress.optimizerState());
            writeState(data, progress.objectiveState());
            writeState(data, progress.scheduleState());
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        bytes.writeTo(out);
        new DataOutputStream(out).writeLong(crc.getValue());
        out.flush();
    }

    /**
     * Reads a checkpoint written by {@link #writeTo}.
     *
     * @param file the file
     * @return the checkpoint
     * @throws CorruptCheckpointException if the file is missing, truncated, corrupted or of another format
     */
    public static Checkpoint read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CorruptCheckpointException(file, "no such file");
        } catch (IOException | OutOfMemoryError e) {
            throw new CorruptCheckpointException(file, "cannot be read: " + e.getMessage());
        }
        if (all.length < 20) {
            throw new CorruptCheckpointException(file, "too short to be a checkpoint (" + all.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(all, 0, all.length - 8);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (in.getLong() != MAGIC) {
            throw new CorruptCheckpointException(file, "not a Tacit checkpoint (wrong magic number)");
        }
        int format = in.getInt();
        if (format != FORMAT) {
            throw new CorruptCheckpointException(file, "format version " + format + ", this Tacit reads " + FORMAT
                    + (format < FORMAT ? " (written by an older Tacit: start the run again)" : ""));
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        if (stored != crc.getValue()) {
            throw new CorruptCheckpointException(file, "checksum mismatch: the file is damaged or truncated");
        }
        try {
            Reader r = new Reader(in, file);
            int entries = r.count(4);
            TreeMap<String, String> config = new TreeMap<>();
            for (int i = 0; i < entries; i++) {
                config.put(r.text(), r.text());
            }
            long iteration = in.getLong();
            List<Matrix> params = r.matrices();
            State optimizer = r.state(0);
            State objective = r.state(0);
            State schedule = r.state(0);
            if (in.hasRemaining()) {
                throw new CorruptCheckpointException(file, in.remaining() + " bytes after the last state");
            }
            return new Checkpoint(config, new Progress(iteration, params, optimizer, objective, schedule));
        } catch (BufferUnderflowException e) {
            throw new CorruptCheckpointException(file, "truncated");
        } catch (IllegalArgumentException e) {
            throw new CorruptCheckpointException(file, "unreadable: " + e.getMessage());
        }
    }

    private static void writeMatrices(DataOutputStream out, List<Matrix> ms) throws IOException {
        out.writeInt(ms.size());
        for (Matrix m : ms) {
            out.writeInt(m.rows());
            out.writeInt(m.cols());
            for (int k = 0; k < m.size(); k++) {
                out.writeLong(Double.doubleToRawLongBits(m.at(k)));
            }
        }
    }

    private static void writeState(DataOutputStream out, State s) throws IOException {
        out.writeLong(s.step());
        out.writeInt(s.entries().size());
        for (var e : s.entries().entrySet()) {
            State.Entry entry = e.getValue();
            out.writeByte(entry instanceof State.Tensors ? TENSORS : entry instanceof State.Scalar ? SCALAR
                    : entry instanceof State.Count ? COUNT : entry instanceof State.Indices ? INDICES : NESTED);
            out.writeUTF(e.getKey());
            if (entry instanceof State.Tensors t) {
                writeMatrices(out, t.values());
            } else if (entry instanceof State.Scalar x) {
                out.writeLong(Double.doubleToRawLongBits(x.value()));
            } else if (entry instanceof State.Count c) {
                out.writeLong(c.value());
            } else if (entry instanceof State.Indices ix) {
                out.writeInt(ix.size());
                for (int k = 0; k < ix.size(); k++) {
                    out.writeInt(ix.get(k));
                }
            } else if (entry instanceof State.Nested n) {
                writeState(out, n.state());
            }
        }
    }

    /** Reads the parts of a checkpoint, refusing every count that the bytes left cannot hold. */
    private record Reader(ByteBuffer in, Path file) {

        /** A count of items of at least {@code bytesEach} bytes each. */
        int count(int bytesEach) {
            int n = in.getInt();
            if (n < 0 || (long) n * bytesEach > in.remaining()) {
                throw new CorruptCheckpointException(file, "implausible count " + n + " with " + in.remaining()
                        + " bytes left");
            }
            return n;
        }

        String text() {
            int length = Short.toUnsignedInt(in.getShort());
            if (length > in.remaining()) {
                throw new CorruptCheckpointException(file, "truncated text");
            }
            byte[] bytes = new byte[length];
            in.get(bytes);
            try (DataInputStream data = new DataInputStream(new ByteArrayInputStream(
                    ByteBuffer.allocate(length + 2).putShort((short) length).put(bytes).array()))) {
                return data.readUTF();
            } catch (IOException e) {
                throw new CorruptCheckpointException(file, "a name is not valid text");
            }
        }

        List<Matrix> matrices() {
            int n = count(8);
            List<Matrix> ms = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int rows = in.getInt();
                int cols = in.getInt();
                if (rows < 0 || cols < 0 || (long) rows * cols * 8 > in.remaining()) {
                    throw new CorruptCheckpointException(file, "a " + rows + "x" + cols + " matrix does not fit in the "
                            + in.remaining() + " bytes left");
                }
                Matrix.Builder b = Matrix.builder(rows, cols);
                for (int k = 0; k < rows * cols; k++) {
                    b.set(k, Double.longBitsToDouble(in.getLong()));
                }
                ms.add(b.build());
            }
            return ms;
        }

        State state(int depth) {
            if (depth > MAX_DEPTH) {
                throw new CorruptCheckpointException(file, "states nested deeper than " + MAX_DEPTH);
            }
            long step = in.getLong();
            if (step < 0) {
                throw new CorruptCheckpointException(file, "negative step count " + step);
            }
            int n = count(3);
            TreeMap<String, State.Entry> entries = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                byte tag = in.get();
                String name = text();
                State.Entry entry = switch (tag) {
                    case TENSORS -> new State.Tensors(matrices());
                    case SCALAR -> new State.Scalar(Double.longBitsToDouble(in.getLong()));
                    case COUNT -> new State.Count(in.getLong());
                    case INDICES -> {
                        int[] values = new int[count(4)];
                        for (int k = 0; k < values.length; k++) {
                            values[k] = in.getInt();
                        }
                        yield new State.Indices(values);
                    }
                    case NESTED -> new State.Nested(state(depth + 1));
                    default -> throw new CorruptCheckpointException(file, "unknown entry type " + tag + " for '"
                            + name + "'");
                };
                entries.put(name, entry);
            }
            return new State(step, entries);
        }
    }
}
