package dev.tacit.data.format;

import dev.tacit.data.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz} archives: a zip file of {@code <name>.npy} members, as {@code numpy.savez} writes, plus any
 * other members (a {@code metadata.json}, say), which {@code numpy.load} hands back as bytes and Python's
 * {@code zipfile} reads.
 *
 * <p>Writing ({@link #builder()}): members are stored uncompressed, as {@code numpy.savez} stores them, in the order
 * added, with a fixed timestamp (1980-01-01) so that the same content gives the same bytes; sizes over 4 GB get
 * Zip64 records (from {@link ZipOutputStream}); the file is written atomically. {@code numpy.load(path,
 * allow_pickle=False)} opens every archive written.
 *
 * <p>Reading ({@link #read(Path)}): stored or deflated members; every member's CRC-32 is checked and every
 * {@code .npy} member read as {@link Npy#read(String, InputStream, long)} reads it, its declared sizes checked against
 * the member's real size before anything is allocated (and a deflated member's claimed size against what deflate
 * can expand its compressed size to). A member named twice, a directory, or a foreign or damaged zip is a
 * {@link FileFormatException} naming the archive and the member ({@code model.npz!W.npy}).
 */
public final class Npz {

    /** The largest non-array member read, in bytes. */
    public static final int MAX_FILE_MEMBER = 1 << 30;

    /** Deflate's largest expansion: about 1032 to 1. */
    private static final long DEFLATE_RATIO = 1032;

    private static final LocalDateTime STAMP = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
    }

    /** @return an empty archive to fill */
    public static Builder builder() {
        return new Builder();
    }

    /** The members of an archive to write, in order. Not thread-safe; arrays are immutable, bytes are copied. */
    public static final class Builder {
        private final Map<String, Object> members = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param name  the array's name; the member is {@code <name>.npy} and NumPy's key is {@code name}
         * @param array the array
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid or taken
         */
        public Builder put(String name, NpyArray array) {
            add(checkName(name) + ".npy", array);
            return this;
        }

        /**
         * @param member the member's name, such as {@code metadata.json}; not ending in {@code .npy}
         * @param bytes  its content; copied
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid, ends in {@code .npy} or is taken
         */
        public Builder putFile(String member, byte[] bytes) {
            if (checkName(member).endsWith(".npy")) {
                throw new IllegalArgumentException("member '" + member + "' ends in .npy; add arrays with put()");
            }
            add(member, bytes.clone());
            return this;
        }

        private void add(String member, Object content) {
            if (members.putIfAbsent(member, content) != null) {
                throw new IllegalArgumentException("the archive has a member '" + member + "' already");
            }
        }

        private static String checkName(String name) {
            if (name == null || name.isEmpty() || name.length() > 200 || name.startsWith(".")
                    || name.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20)) {
                throw new IllegalArgumentException("member names are 1 to 200 characters, not starting with '.', "
                        + "without '/', '\\' or control characters; got '" + name + "'");
            }
            return name;
        }

        /**
         * @param file the archive to create or replace, atomically
         * @throws IOException if writing fails; the file is then unchanged
         */
        public void write(Path file) throws IOException {
            AtomicFiles.write(file, this::write);
        }

        /**
         * @param out where to write the archive; not closed
         * @throws IOException if writing fails
         */
        public void write(OutputStream out) throws IOException {
            ZipOutputStream zip = new ZipOutputStream(new java.io.FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            zip.setMethod(ZipOutputStream.STORED);
            for (Map.Entry<String, Object> m : members.entrySet()) {
                ZipEntry e = new ZipEntry(m.getKey());
                e.setMethod(ZipEntry.STORED);
                e.setTimeLocal(STAMP);
                // A stored member's size and CRC go before its data: one pass to measure, one to write.
                CrcCount measure = new CrcCount();
                writeMember(measure, m.getValue());
                e.setSize(measure.count);
                e.setCompressedSize(measure.count);
                e.setCrc(measure.crc.getValue());
                zip.putNextEntry(e);
                writeMember(zip, m.getValue());
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        }

        private static void writeMember(OutputStream out, Object content) throws IOException {
            if (content instanceof NpyArray a) {
                Npy.write(out, a);
            } else {
                out.write((byte[]) content);
            }
        }
    }

    /** Counts and checksums bytes without keeping them. */
    private static final class CrcCount extends OutputStream {
        final CRC32 crc = new CRC32();
        long count;

        @Override
        public void write(int b) {
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
        }
    }

    /**
     * @param file an {@code .npz} archive
     * @return its arrays and other members
     * @throws FileFormatException if the archive or a member is damaged, foreign or of an unsupported dtype
     * @throws IOException         if the file cannot be read
     */
    public static Archive read(Path file) throws IOException {
        String name = file.toString();
        long fileSize = Files.size(file);
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException | IllegalArgumentException e) {
            // java.util.zip reports some damage (a malformed member name, say) as IllegalArgumentException.
            throw new FileFormatException(name, 0, 0, "not an .npz archive (not a readable zip file: "
                    + e.getMessage() + ")", "give a file written by numpy.savez or Tacit", e);
        }
        try (zip) {
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            Map<String, byte[]> files = new LinkedHashMap<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String member = name + "!" + e.getName();
                if (e.isDirectory()) {
                    throw new FileFormatException(member, 0, 0, "the archive holds a directory",
                            "an .npz archive holds .npy files and plain files only");
                }
                long size = e.getSize();
                long compressed = e.getCompressedSize();
                if (size < 0 || compressed < 0 || compressed > fileSize
                        || (e.getMethod() == ZipEntry.STORED ? size != compressed
                        : size > Math.max(1024, compressed) * DEFLATE_RATIO)) {
                    throw new FileFormatException(member, 0, 0, "the member's sizes are inconsistent (" + size
                            + " bytes from " + compressed + " compressed in a file of " + fileSize + ")",
                            "the archive is corrupt: copy or write it again");
                }
                boolean array = e.getName().endsWith(".npy");
                String key = array ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                if (arrays.containsKey(key) || files.containsKey(key) || (!array && arrays.containsKey(key))) {
                    throw new FileFormatException(member, 0, 0, "the archive names '" + key + "' twice",
                            "the archive is corrupt: write it again");
                }
                if (size > Runtime.getRuntime().maxMemory()) {
                    throw new FileFormatException(member, 0, 0, "the member has " + size + " bytes, more than this "
                            + "Java heap (" + Runtime.getRuntime().maxMemory() + " bytes)", "run with a larger -Xmx");
                }
                try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
                    if (array) {
                        arrays.put(key, Npy.read(member, in, size));
                    } else {
                        if (size > MAX_FILE_MEMBER) {
                            throw new FileFormatException(member, 0, 0, "the member has " + size + " bytes, more than "
                                    + MAX_FILE_MEMBER, "Tacit reads plain members of up to 1 GB");
                        }
                        byte[] bytes = in.readNBytes((int) size);
                        if (bytes.length < size) {
                            throw new FileFormatException(member, 0, 0, "the member ends after " + bytes.length
                                    + " of its " + size + " bytes", "the archive is truncated: copy or write it "
                                    + "again");
                        }
                        files.put(key, bytes);
                    }
                    if (in.read() >= 0) {
                        throw new FileFormatException(member, 0, 0, "the member holds more than the " + size
                                + " bytes the archive's directory declares", "the archive is corrupt");
                    }
                    if (in.getChecksum().getValue() != e.getCrc()) {
                        throw new FileFormatException(member, 0, 0, "the member's CRC-32 does not match its bytes",
                                "the archive is corrupt: copy or write it again");
                    }
                } catch (ZipException | java.io.EOFException ex) {
                    throw new FileFormatException(member, 0, 0, "the member cannot be read (" + ex.getMessage() + ")",
                            "the archive is corrupt or truncated: copy or write it again", ex);
                }
            }
            return new Archive(name, arrays, files);
        } catch (ZipException | IllegalArgumentException e) {
            throw new FileFormatException(name, 0, 0, "the archive is damaged (" + e.getMessage() + ")",
                    "copy or write it again", e);
        }
    }

    /** The content of an {@code .npz} archive. Immutable. */
    public static final class Archive {
        private final String source;
        private final Map<String, NpyArray> arrays;
        private final Map<String, byte[]> files;

        private Archive(String source, Map<String, NpyArray> arrays, Map<String, byte[]> files) {
            this.source = source;
            this.arrays = Collections.unmodifiableMap(arrays);
            this.files = Collections.unmodifiableMap(files);
        }

        /** @return the archive as the user named it */
        public String source() {
            return source;
        }

        /** @return the arrays' names (members without {@code .npy}), in archive order */
        public Set<String> arrayNames() {
            return arrays.keySet();
        }

        /** @return the other members' names, in archive order */
        public Set<String> fileNames() {
            return files.keySet();
        }

        /**
         * @param name an array's name
         * @return the array, if the archive has it
         */
        public Optional<NpyArray> find(String name) {
            return Optional.ofNullable(arrays.get(name));
        }

        /**
         * @param name an array's name
         * @return the array
         * @throws FileFormatException naming the arrays there are, if the archive has none of that name
         */
        public NpyArray array(String name) {
            NpyArray a = arrays.get(name);
            if (a == null) {
                throw new FileFormatException(source, 0, 0, "the archive has no array '" + name + "' (it has "
                        + arrays.keySet() + ")", "give an archive written for this purpose");
            }
            return a;
        }

        /**
         * An array of a required dtype and shape, for a reader of a file layout (a model file, say).
         *
         * @param name  an array's name
         * @param kind  the dtype it must have
         * @param shape the dimensions it must have, −1 for any size along an axis; as many as its rank
         * @return the array
         * @throws FileFormatException if it is missing or has another dtype, rank or size
         */
        public NpyArray array(String name, NpyArray.Kind kind, int... shape) {
            NpyArray a = array(name);
            int[] actual = a.shape();
            boolean fits = a.kind() == kind && actual.length == shape.length;
            for (int i = 0; fits && i < shape.length; i++) {
                fits = shape[i] < 0 || shape[i] == actual[i];
            }
            if (!fits) {
                StringBuilder want = new StringBuilder("(");
                for (int i = 0; i < shape.length; i++) {
                    want.append(i > 0 ? ", " : "").append(shape[i] < 0 ? "any" : Integer.toString(shape[i]));
                }
                want.append(shape.length == 1 ? ",)" : ")");
                throw new FileFormatException(source + "!" + name + ".npy", 0, 0, "the array is " + a.descr()
                        + " of shape " + Arrays.toString(actual) + " where " + kind.descr() + " of shape " + want
                        + " is expected", "give an archive written for this purpose");
            }
            return a;
        }

        /**
         * @param name a non-array member's name
         * @return a copy of its bytes, if the archive has it
         */
        public Optional<byte[]> file(String name) {
            byte[] b = files.get(name);
            return b == null ? Optional.empty() : Optional.of(b.clone());
        }

        @Override
        public String toString() {
            return "Npz.Archive[" + arrays.keySet() + " + " + files.keySet() + " from " + source + "]";
        }
    }
}
