package dev.tacit.optim.training;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.State;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
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
 * exactly the same numbers. Layout: the magic {@code TACITCKP}, a format version, the configuration as sorted
 * key/value strings, the progress (iteration, parameters, then the optimizer's, the objective's and the schedule's
 * state), then a CRC-32 of everything before it.
 *
 * @param configuration the settings of the run, as text (a resumed run must match them)
 * @param progress      where the run is
 */
public record Checkpoint(SortedMap<String, String> configuration, Progress progress) {

    /** The current format version; older versions are refused with a clear message. */
    public static final int FORMAT = 1;

    private static final long MAGIC = 0x5441434954434B50L; // "TACITCKP"
    private static final int MAX_COUNT = 1 << 20;

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
        } catch (IOException e) {
            throw new CorruptCheckpointException(file, "cannot be read: " + e.getMessage());
        }
        if (all.length < 20) {
            throw new CorruptCheckpointException(file, "too short to be a checkpoint (" + all.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            if (in.readLong() != MAGIC) {
                throw new CorruptCheckpointException(file, "not a Tacit checkpoint (wrong magic number)");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new CorruptCheckpointException(file, "format version " + format + ", this Tacit reads " + FORMAT);
            }
            if (stored != crc.getValue()) {
                throw new CorruptCheckpointException(file, "checksum mismatch: the file is damaged or truncated");
            }
            int entries = count(in, file);
            TreeMap<String, String> config = new TreeMap<>();
            for (int i = 0; i < entries; i++) {
                config.put(in.readUTF(), in.readUTF());
            }
            long iteration = in.readLong();
            List<Matrix> params = readMatrices(in, file);
            State optimizer = readState(in, file);
            State objective = readState(in, file);
            State schedule = readState(in, file);
            return new Checkpoint(config, new Progress(iteration, params, optimizer, objective, schedule));
        } catch (EOFException e) {
            throw new CorruptCheckpointException(file, "truncated");
        } catch (IOException | IllegalArgumentException e) {
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

    private static List<Matrix> readMatrices(DataInputStream in, Path file) throws IOException {
        int n = count(in, file);
        List<Matrix> ms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int rows = count(in, file);
            int cols = count(in, file);
            Matrix.Builder b = Matrix.builder(rows, cols);
            for (int k = 0; k < rows * cols; k++) {
                b.set(k, Double.longBitsToDouble(in.readLong()));
            }
            ms.add(b.build());
        }
        return ms;
    }

    private static void writeState(DataOutputStream out, State s) throws IOException {
        out.writeLong(s.step());
        out.writeInt(s.tensors().size());
        for (var e : s.tensors().entrySet()) {
            out.writeUTF(e.getKey());
            writeMatrices(out, e.getValue());
        }
        out.writeInt(s.scalars().size());
        for (var e : s.scalars().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(Double.doubleToRawLongBits(e.getValue()));
        }
    }

    private static State readState(DataInputStream in, Path file) throws IOException {
        long step = in.readLong();
        int nt = count(in, file);
        TreeMap<String, List<Matrix>> tensors = new TreeMap<>();
        for (int i = 0; i < nt; i++) {
            tensors.put(in.readUTF(), readMatrices(in, file));
        }
        int ns = count(in, file);
        TreeMap<String, Double> scalars = new TreeMap<>();
        for (int i = 0; i < ns; i++) {
            scalars.put(in.readUTF(), Double.longBitsToDouble(in.readLong()));
        }
        return new State(step, tensors, scalars);
    }

    /** A count or dimension, refused if negative or absurd (a damaged file must not trigger a huge allocation). */
    private static int count(DataInputStream in, Path file) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new CorruptCheckpointException(file, "implausible count " + n);
        }
        return n;
    }
}
