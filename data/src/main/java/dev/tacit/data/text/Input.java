package dev.tacit.data.text;

import dev.tacit.data.format.FileFormatException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The decoded bytes of a file, gunzipped when its first two bytes are gzip's magic number (whatever its name), with
 * the count of bytes read from the file itself.
 */
public final class Input implements Closeable {

    private final String name;
    private final Path path;
    private final Counting raw;
    private final InputStream data;
    private final boolean gzip;

    private Input(String name, Path path, Counting raw, InputStream data, boolean gzip) {
        this.name = name;
        this.path = path;
        this.raw = raw;
        this.data = data;
        this.gzip = gzip;
    }

    /**
     * @param path a file
     * @return its content, gunzipped if it is gzip data
     * @throws IOException if it cannot be opened
     * @throws FileFormatException if it is gzip data with a damaged header
     */
    public static Input open(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        try {
            return of(path.toString(), path, in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * @param name the file as the user knows it, for messages
     * @param in   its bytes; closed with this input
     * @return the content, gunzipped if it is gzip data
     * @throws IOException if reading fails
     * @throws FileFormatException if it is gzip data with a damaged header
     */
    public static Input of(String name, InputStream in) throws IOException {
        return of(name, null, in);
    }

    private static Input of(String name, Path path, InputStream in) throws IOException {
        Counting raw = new Counting(in);
        PushbackInputStream peek = new PushbackInputStream(raw, 2);
        byte[] magic = new byte[2];
        int got = peek.readNBytes(magic, 0, 2);
        peek.unread(magic, 0, got);
        boolean gzip = got == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        if (!gzip) {
            return new Input(name, path, raw, peek, false);
        }
        try {
            return new Input(name, path, raw, new GZIPInputStream(peek, 1 << 16), true);
        } catch (EOFException | ZipException e) {
            throw damaged(name, 0, e);
        }
    }

    /**
     * Reads like {@link InputStream#read(byte[], int, int)}, turning damaged gzip data into a format error.
     *
     * @param b    buffer
     * @param off  offset
     * @param len  at most this many bytes
     * @param line the line being read, for the message
     * @return bytes read, or −1 at the end
     * @throws IOException if reading fails
     */
    public int read(byte[] b, int off, int len, long line) throws IOException {
        if (!gzip) {
            return data.read(b, off, len);
        }
        try {
            return data.read(b, off, len);
        } catch (EOFException | ZipException e) {
            throw damaged(name, line, e);
        }
    }

    private static FileFormatException damaged(String name, long line, IOException e) {
        return new FileFormatException(name, line, 0, "the gzip data is truncated or corrupt (" + e.getMessage() + ")",
                "the file was cut short or damaged: copy or compress it again", e);
    }

    /** @return the file as the user knows it */
    public String name() {
        return name;
    }

    /** @return the file, if this input is a plain (not gzip) file that can be read a second time */
    public Optional<Path> plainFile() {
        return path != null && !gzip && Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /**
     * Counts the lines of a plain file that hold something other than spaces, tabs and CRs, in one pass over its
     * bytes: what an array sized exactly for its rows needs, so that no growth or trimming copy is made.
     *
     * @param file a file
     * @return its non-blank lines
     * @throws IOException if reading fails
     */
    public static long countNonBlankLines(Path file) throws IOException {
        long lines = 0;
        // 0: at the start of a line, 1: in a line known to hold something, 2: in a line of spaces so far. A line of
        // content costs one comparison per byte, which keeps this pass at a small part of the parse.
        int state = 0;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte c = buf[i];
                    if (state == 1) {
                        if (c == '\n') {
                            lines++;
                            state = 0;
                        }
                    } else if (c == '\n') {
                        state = 0;
                    } else {
                        state = c == ' ' || c == '\t' || c == '\r' ? 2 : 1;
                    }
                }
            }
        }
        return lines + (state == 1 ? 1 : 0);
    }

    /** @return whether the file is gzip data */
    public boolean gzip() {
        return gzip;
    }

    /** @return bytes read from the file so far (compressed bytes for gzip data) */
    public long fileBytes() {
        return raw.count;
    }

    @Override
    public void close() throws IOException {
        data.close();
    }

    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
