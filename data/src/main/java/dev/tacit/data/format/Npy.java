package dev.tacit.data.format;

import dev.tacit.data.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NumPy's {@code .npy} format: the magic {@code \x93NUMPY}, a version, a little-endian header length, a header that is
 * a Python dict literal ({@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }}) padded with spaces and a
 * newline so that the data start at a multiple of 64 bytes, then the raw little-endian elements.
 *
 * <p>Writing: format version 1.0, or 2.0 when the header exceeds 65,535 bytes; C order; the dtypes of
 * {@link NpyArray}. {@code numpy.load(path, allow_pickle=False)} opens every file written.
 *
 * <p>Reading: versions 1.0, 2.0 and 3.0; C or Fortran order (Fortran order is converted to C order); the dtypes of
 * {@link NpyArray} and nothing else (big-endian, other widths, structured and object arrays are refused by name).
 * Every declared size is checked against the bytes actually present before anything is allocated, so a crafted
 * header cannot exhaust memory; a header above {@value #MAX_HEADER} bytes is refused. Every problem is a
 * {@link FileFormatException} (line and column 0: a binary file has no lines).
 */
public final class Npy {

    /** The first six bytes of every {@code .npy} file. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** The longest header read, in bytes (NumPy itself refuses headers over 10,000 bytes unless told otherwise). */
    public static final int MAX_HEADER = 1 << 20;

    private static final int ALIGN = 64;
    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    /**
     * @param file  the file to create or replace, atomically
     * @param array the array
     * @throws IOException if writing fails; the file is then unchanged
     */
    public static void write(Path file, NpyArray array) throws IOException {
        AtomicFiles.write(file, out -> write(out, array));
    }

    /**
     * @param out   where to write the {@code .npy} bytes; flushed, not closed
     * @param array the array
     * @throws IOException if writing fails
     */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        OutputStream o = new BufferedOutputStream(new NonClosing(out), CHUNK);
        o.write(header(array));
        Object data = array.storage();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        switch (array.kind()) {
            case FLOAT64 -> {
                for (double v : (double[]) data) {
                    if (buf.remaining() < 8) {
                        flush(o, buf);
                    }
                    buf.putDouble(v);
                }
            }
            case INT32 -> {
                for (int v : (int[]) data) {
                    if (buf.remaining() < 4) {
                        flush(o, buf);
                    }
                    buf.putInt(v);
                }
            }
            case INT64 -> {
                for (long v : (long[]) data) {
                    if (buf.remaining() < 8) {
                        flush(o, buf);
                    }
                    buf.putLong(v);
                }
            }
            case UNICODE -> {
                int width = array.width();
                for (String s : (String[]) data) {
                    int written = 0;
                    for (int i = 0; i < s.length(); ) {
                        int cp = s.codePointAt(i);
                        i += Character.charCount(cp);
                        if (buf.remaining() < 4) {
                            flush(o, buf);
                        }
                        buf.putInt(cp);
                        written++;
                    }
                    for (; written < width; written++) {
                        if (buf.remaining() < 4) {
                            flush(o, buf);
                        }
                        buf.putInt(0);
                    }
                }
            }
        }
        flush(o, buf);
        o.flush();
    }

    private static void flush(OutputStream o, ByteBuffer buf) throws IOException {
        o.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    /** @return the bytes before the data: magic, version, length and padded header */
    static byte[] header(NpyArray array) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(array.descr())
                .append("', 'fortran_order': False, 'shape': (");
        int[] shape = array.shape();
        for (int i = 0; i < shape.length; i++) {
            dict.append(i > 0 ? ", " : "").append(shape[i]);
        }
        dict.append(shape.length == 1 ? ",), }" : "), }");
        for (int version = 1; version <= 2; version++) {
            int prefix = MAGIC.length + 2 + (version == 1 ? 2 : 4);
            int unpadded = prefix + dict.length() + 1;
            int total = (unpadded + ALIGN - 1) / ALIGN * ALIGN;
            int headerLength = total - prefix;
            if (version == 2 || headerLength <= 0xFFFF) {
                ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
                b.put(MAGIC).put((byte) version).put((byte) 0);
                if (version == 1) {
                    b.putShort((short) headerLength);
                } else {
                    b.putInt(headerLength);
                }
                b.put(dict.toString().getBytes(StandardCharsets.ISO_8859_1));
                while (b.position() < total - 1) {
                    b.put((byte) ' ');
                }
                b.put((byte) '\n');
                return b.array();
            }
        }
        throw new AssertionError("version 2 always fits");
    }

    /** @return bytes of the whole file */
    static long fileBytes(NpyArray array) {
        return header(array).length + array.dataBytes();
    }

    /**
     * @param file a {@code .npy} file
     * @return its array
     * @throws FileFormatException if the file is not a valid {@code .npy} of a supported dtype, or is truncated
     * @throws IOException         if the file cannot be read
     */
    public static NpyArray read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, size);
        }
    }

    /**
     * Reads exactly {@code size} bytes: one {@code .npy} file and nothing after it.
     *
     * @param name the file as the user knows it ({@code model.npz!W.npy} for a member of an archive)
     * @param in   the bytes; not closed
     * @param size how many bytes the file has (from the file system or the archive's directory); the declared shape
     *             must fit in them exactly
     * @return the array
     * @throws FileFormatException if the bytes are not a valid {@code .npy} of a supported dtype, or fewer than
     *                             {@code size}
     * @throws IOException         if reading fails
     */
    public static NpyArray read(String name, InputStream in, long size) throws IOException {
        byte[] prefix = new byte[10];
        int got = in.readNBytes(prefix, 0, prefix.length);
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= got || prefix[i] != MAGIC[i]) {
                throw bad(name, "not a .npy file (it does not start with \\x93NUMPY)", "give a file written by "
                        + "numpy.save or Tacit");
            }
        }
        if (got < prefix.length) {
            throw truncated(name, "in its header");
        }
        int major = prefix[6] & 0xff;
        int minor = prefix[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw bad(name, ".npy format version " + major + "." + minor + " is not supported", "Tacit reads "
                    + "versions 1.0, 2.0 and 3.0, as NumPy writes them");
        }
        long headerLength;
        int prefixLength;
        if (major == 1) {
            headerLength = (prefix[8] & 0xff) | (prefix[9] & 0xff) << 8;
            prefixLength = 10;
        } else {
            byte[] more = in.readNBytes(2);
            if (more.length < 2) {
                throw truncated(name, "in its header");
            }
            headerLength = (prefix[8] & 0xffL) | (prefix[9] & 0xffL) << 8 | (more[0] & 0xffL) << 16
                    | (more[1] & 0xffL) << 24;
            prefixLength = 12;
        }
        if (headerLength > MAX_HEADER) {
            throw bad(name, "the header declares " + headerLength + " bytes, more than " + MAX_HEADER, "the file "
                    + "is corrupt or not a .npy file");
        }
        if (prefixLength + headerLength > size) {
            throw truncated(name, "in its header (" + headerLength + " bytes declared, " + (size - prefixLength)
                    + " present)");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw truncated(name, "in its header");
        }
        String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = HeaderParser.parse(name, text);
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shapeValue = dict.get("shape");
        if (!(descr instanceof String d)) {
            throw bad(name, "the header's 'descr' is " + (descr == null ? "missing" : "not a simple type string "
                    + "(a structured dtype?)"), "Tacit reads <f8, <i4, <i8 and <U<n> arrays");
        }
        if (!(fortran instanceof Boolean fortranOrder)) {
            throw bad(name, "the header's 'fortran_order' is missing or not True/False", "the file is corrupt");
        }
        if (!(shapeValue instanceof HeaderParser.Tuple shapeTuple)) {
            throw bad(name, "the header's 'shape' is missing or not a tuple", "the file is corrupt");
        }
        NpyArray.Kind kind;
        int width = 0;
        switch (d) {
            case "<f8" -> kind = NpyArray.Kind.FLOAT64;
            case "<i4" -> kind = NpyArray.Kind.INT32;
            case "<i8" -> kind = NpyArray.Kind.INT64;
            default -> {
                if (d.matches("<U[0-9]{1,9}")) {
                    kind = NpyArray.Kind.UNICODE;
                    width = Integer.parseInt(d.substring(2));
                } else {
                    throw bad(name, "dtype '" + d + "' is not supported", "Tacit reads little-endian <f8, <i4, <i8 "
                            + "and <U<n> arrays; convert with numpy (a.astype('<f8'))");
                }
            }
        }
        List<Object> dims = shapeTuple.items();
        if (dims.size() > NpyArray.MAX_RANK) {
            throw bad(name, "the shape has " + dims.size() + " dimensions, more than " + NpyArray.MAX_RANK,
                    "the file is corrupt");
        }
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                throw bad(name, "the shape " + shapeTuple + " holds something other than sizes from 0 to "
                        + Integer.MAX_VALUE, "the file is corrupt");
            }
            shape[i] = (int) (long) v;
            count = Math.multiplyHigh(count, v) != 0 || count * v > Integer.MAX_VALUE - 8 ? -1 : count * v;
            if (count < 0) {
                throw bad(name, "the shape " + shapeTuple + " has more elements than a Java array holds",
                        "Tacit reads arrays of up to " + (Integer.MAX_VALUE - 8) + " elements");
            }
        }
        long unit = kind == NpyArray.Kind.UNICODE ? 4L * width : kind.unit();
        long dataBytes = count * unit;
        long present = size - prefixLength - headerLength;
        if (dataBytes > present) {
            throw truncated(name, "in its data (the header declares shape " + shapeTuple + " of " + d + ", "
                    + dataBytes + " bytes; " + present + " are present)");
        }
        if (dataBytes < present) {
            throw bad(name, (present - dataBytes) + " bytes follow the data that shape " + shapeTuple + " of " + d
                    + " declares", "the file is corrupt, or its header was changed");
        }
        Object data = data(name, in, kind, (int) count, width);
        if (fortranOrder && shape.length > 1) {
            data = toCOrder(data, shape);
        }
        return NpyArray.owned(kind, shape, width, data);
    }

    private static Object data(String name, InputStream in, NpyArray.Kind kind, int count, int width)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        buf.limit(0);
        switch (kind) {
            case FLOAT64 -> {
                double[] out = new double[count];
                for (int k = 0; k < count; k++) {
                    out[k] = need(name, in, buf, 8).getDouble();
                }
                return out;
            }
            case INT32 -> {
                int[] out = new int[count];
                for (int k = 0; k < count; k++) {
                    out[k] = need(name, in, buf, 4).getInt();
                }
                return out;
            }
            case INT64 -> {
                long[] out = new long[count];
                for (int k = 0; k < count; k++) {
                    out[k] = need(name, in, buf, 8).getLong();
                }
                return out;
            }
            default -> {
                String[] out = new String[count];
                int[] cps = new int[count == 0 ? 0 : width]; // width is bounded by the file only when count > 0
                for (int k = 0; k < count; k++) {
                    int used = 0;
                    for (int c = 0; c < width; c++) {
                        int cp = need(name, in, buf, 4).getInt();
                        if (cp < 0 || cp > Character.MAX_CODE_POINT
                                || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                            throw bad(name, String.format(Locale.ROOT, "string %d holds 0x%08x, which is not a Unicode scalar "
                                    + "value", k, cp), "the file is corrupt");
                        }
                        cps[c] = cp;
                        if (cp != 0) {
                            used = c + 1;
                        }
                    }
                    out[k] = new String(cps, 0, used);
                }
                return out;
            }
        }
    }

    private static ByteBuffer need(String name, InputStream in, ByteBuffer buf, int bytes) throws IOException {
        if (buf.remaining() >= bytes) {
            return buf;
        }
        buf.compact();
        int n = in.readNBytes(buf.array(), buf.position(), buf.remaining());
        buf.position(buf.position() + n);
        buf.flip();
        if (buf.remaining() < bytes) {
            throw truncated(name, "in its data");
        }
        return buf;
    }

    /** Fortran (first index fastest) to C order (last index fastest). */
    private static Object toCOrder(Object data, int[] shape) {
        int n = java.lang.reflect.Array.getLength(data);
        Object out = java.lang.reflect.Array.newInstance(data.getClass().getComponentType(), n);
        int[] index = new int[shape.length];
        long[] fStride = new long[shape.length];
        long s = 1;
        for (int i = 0; i < shape.length; i++) {
            fStride[i] = s;
            s *= shape[i];
        }
        for (int c = 0; c < n; c++) {
            long f = 0;
            for (int i = 0; i < shape.length; i++) {
                f += index[i] * fStride[i];
            }
            System.arraycopy(data, (int) f, out, c, 1);
            for (int i = shape.length - 1; i >= 0; i--) {
                if (++index[i] < shape[i]) {
                    break;
                }
                index[i] = 0;
            }
        }
        return out;
    }

    static FileFormatException bad(String name, String problem, String fix) {
        return new FileFormatException(name, 0, 0, problem, fix);
    }

    private static FileFormatException truncated(String name, String where) {
        return new FileFormatException(name, 0, 0, "the .npy data end early " + where, "the file is truncated: "
                + "copy or write it again");
    }

    /** Writing through a buffer that must not close the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The Python literals of a {@code .npy} header: dicts, tuples, lists, strings, integers, True, False, None. */
    static final class HeaderParser {
        /** A Python tuple. */
        record Tuple(List<Object> items) {
            @Override
            public String toString() {
                StringBuilder sb = new StringBuilder("(");
                for (int i = 0; i < items.size(); i++) {
                    sb.append(i > 0 ? ", " : "").append(items.get(i));
                }
                return sb.append(items.size() == 1 ? ",)" : ")").toString();
            }
        }

        /** Python's None. */
        static final Object NONE = new Object();

        private final String name;
        private final String s;
        private int i;
        private int depth;

        private HeaderParser(String name, String s) {
            this.name = name;
            this.s = s;
        }

        static Map<String, Object> parse(String name, String text) {
            HeaderParser p = new HeaderParser(name, text);
            p.space();
            if (p.peek() != '{') {
                throw p.error("the header is not a dict literal");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) p.value();
            p.space();
            if (p.i != text.length()) {
                throw p.error("text follows the header's dict");
            }
            return m;
        }

        private FileFormatException error(String what) {
            return bad(name, what + " (at character " + i + " of the header)", "the file is corrupt or not a .npy "
                    + "file");
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void space() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\t'
                    || s.charAt(i) == '\r')) {
                i++;
            }
        }

        private void expect(char c) {
            space();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private Object value() {
            space();
            if (++depth > 16) {
                throw error("the header nests too deeply");
            }
            try {
                char c = peek();
                if (c == '{') {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    while (true) {
                        space();
                        if (peek() == '}') {
                            i++;
                            return m;
                        }
                        Object key = value();
                        if (!(key instanceof String k)) {
                            throw error("a header key is not a string");
                        }
                        expect(':');
                        if (m.put(k, value()) != null) {
                            throw error("the header repeats the key '" + k + "'");
                        }
                        space();
                        if (peek() == ',') {
                            i++;
                        } else if (peek() != '}') {
                            throw error("expected ',' or '}'");
                        }
                    }
                }
                if (c == '(' || c == '[') {
                    char close = c == '(' ? ')' : ']';
                    i++;
                    List<Object> items = new ArrayList<>();
                    while (true) {
                        space();
                        if (peek() == close) {
                            i++;
                            return c == '(' ? new Tuple(items) : items;
                        }
                        items.add(value());
                        space();
                        if (peek() == ',') {
                            i++;
                        } else if (peek() != close) {
                            throw error("expected ',' or '" + close + "'");
                        }
                    }
                }
                if (c == '\'' || c == '"') {
                    int end = s.indexOf(c, i + 1);
                    if (end < 0) {
                        throw error("a string is not closed");
                    }
                    String v = s.substring(i + 1, end);
                    if (v.indexOf('\\') >= 0) {
                        throw error("escapes in header strings are not supported");
                    }
                    i = end + 1;
                    return v;
                }
                if (c == '-' || (c >= '0' && c <= '9')) {
                    int start = i;
                    i++;
                    while (peek() >= '0' && peek() <= '9') {
                        i++;
                    }
                    String digits = s.substring(start, i);
                    if (peek() == 'L') {
                        i++; // Python 2's long suffix, in files from old NumPy versions
                    }
                    try {
                        return Long.parseLong(digits);
                    } catch (NumberFormatException e) {
                        throw error("'" + (digits.length() > 30 ? digits.substring(0, 30) + "..." : digits)
                                + "' is not a size");
                    }
                }
                for (String word : new String[] {"True", "False", "None"}) {
                    if (s.startsWith(word, i)) {
                        i += word.length();
                        return word.equals("None") ? NONE : Boolean.valueOf(word.equals("True"));
                    }
                }
                throw error(i >= s.length() ? "the header ends early" : "unexpected '" + c + "'");
            } finally {
                depth--;
            }
        }
    }
}
