package dev.tacit.data.text;

import dev.tacit.data.format.FileFormatException;
import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the lines of an {@link Input} through one fixed buffer, without decoding them: a line is a range of
 * {@link #buffer()} valid until the next call of {@link #next()}. Lines end at LF; a CR before it is dropped; a last
 * line without LF counts; a UTF-8 byte order mark at the start is skipped. A line longer than {@value #MAX_LINE}
 * bytes is an error rather than a reason to grow without bound (a binary file may have no newline at all).
 */
public final class LineSource implements Closeable {

    /** The longest line accepted, in bytes. */
    public static final int MAX_LINE = 1 << 20;

    private final Input input;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private long line;
    private long bytes;
    private int start;
    private int end;

    /** @param input the bytes to split into lines; closed with this source */
    public LineSource(Input input) {
        this(input, MAX_LINE);
    }

    /**
     * @param input   the bytes
     * @param maxLine the longest line accepted (tests use small values)
     */
    LineSource(Input input, int maxLine) {
        this.input = input;
        this.buf = new byte[maxLine + 1];
    }

    /**
     * Advances to the next line.
     *
     * @return whether there is one
     * @throws IOException if reading fails
     * @throws FileFormatException if a line is too long or gzip data is damaged
     */
    public boolean next() throws IOException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    take(i, i + 1);
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    take(limit, limit);
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    private void take(int lineEnd, int next) {
        start = pos;
        end = lineEnd > start && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        if (line == 0 && end - start >= 3 && (buf[start] & 0xff) == 0xEF && (buf[start + 1] & 0xff) == 0xBB
                && (buf[start + 2] & 0xff) == 0xBF) {
            start += 3; // a byte order mark, as spreadsheet programs write
        }
        bytes += next - pos;
        pos = next;
        line++;
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            throw new FileFormatException(input.name(), line + 1, 0, "the line is longer than " + (buf.length - 1)
                    + " bytes", "this is not a line-oriented text file, or a line lost its line break");
        }
        int n = input.read(buf, limit, buf.length - limit, line + 1);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /** @return the buffer holding the current line */
    public byte[] buffer() {
        return buf;
    }

    /** @return where the current line starts in the buffer */
    public int start() {
        return start;
    }

    /** @return where the current line ends (exclusive, before any CR LF) */
    public int end() {
        return end;
    }

    /** @return the number of the current line, from 1 */
    public long line() {
        return line;
    }

    /** @return decoded bytes consumed so far, line breaks included */
    public long bytes() {
        return bytes;
    }

    /** @return the input */
    public Input input() {
        return input;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
