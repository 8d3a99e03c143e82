package dev.tacit.data.format;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.data.io.AtomicFiles;
import dev.tacit.data.text.Decimal;
import dev.tacit.data.text.Growing;
import dev.tacit.data.text.Input;
import dev.tacit.data.text.LineSource;
import dev.tacit.data.text.Repeats;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Matrix Market files (NIST; the exchange format of SciPy's {@code scipy.io.mmread}/{@code mmwrite}, MATLAB and
 * Julia), for real and integer matrices.
 *
 * <h2>Reading</h2>
 * <p>A file is a banner {@code %%MatrixMarket matrix <format> <field> <symmetry>} (words case-insensitive), comment
 * lines starting with {@code %}, a size line, then the values; blank lines are skipped; gzip data is gunzipped.
 * <ul>
 *   <li>{@code coordinate}: size line {@code rows cols stored}, then one {@code i j value} per line, indices from 1.
 *       The entries keep the order of the file. An explicit zero is an entry like any other.</li>
 *   <li>{@code array}: size line {@code rows cols}, then the values in column-major order (the whole matrix, or the
 *       lower triangle of each column when symmetric), whitespace-separated. Every position becomes an entry.</li>
 *   <li>Field {@code real} or {@code integer}; {@code complex} and {@code pattern} are refused (Tacit's matrices are
 *       real-valued and need values).</li>
 *   <li>Symmetry {@code general}, {@code symmetric} (only entries on or below the diagonal are stored; each one
 *       off the diagonal is followed by its mirror image in the entries) or {@code skew-symmetric} (only entries below
 *       the diagonal; the mirror image takes the opposite sign); {@code hermitian} is refused. SciPy's
 *       {@code mmwrite} writes symmetric and skew-symmetric files on its own whenever the matrix is one.</li>
 * </ul>
 * Every problem is a {@link FileFormatException} naming the line and the column (the token, from 1): a missing or
 * unsupported banner, a bad size line, an index outside the matrix, a value that is not a number or not finite, an
 * entry above the diagonal of a symmetric file, a position stored twice (naming both lines), fewer or more entries
 * than the size line declares. Declared sizes are not trusted for allocation: storage grows with the entries
 * actually read.
 *
 * <h2>Writing</h2>
 * <p>{@link #write(Path, Matrix)} writes {@code array real general} (column-major, as the format says);
 * {@link #write(Path, Entries)} writes {@code coordinate real general} in entry order. Values are written with
 * {@link Double#toString(double)}, which reads back as the very same double (in Java, and in SciPy or NumPy); files are
 * written atomically.
 */
public final class MatrixMarket {

    /** The banner's first word. */
    public static final String BANNER = "%%MatrixMarket";

    /** How the values are laid out. */
    public enum Format {
        /** Only the stored entries, each with its indices. */
        COORDINATE,
        /** Every value, column by column. */
        ARRAY
    }

    /** The kind of the values. */
    public enum Field {
        /** Decimal numbers. */
        REAL,
        /** Whole numbers (read as doubles, exact up to 2⁵³). */
        INTEGER
    }

    /** Which part of the matrix is stored. */
    public enum Symmetry {
        /** All of it. */
        GENERAL,
        /** The lower triangle with the diagonal; A = Aᵀ. */
        SYMMETRIC,
        /** The strict lower triangle; A = −Aᵀ and the diagonal is zero. */
        SKEW_SYMMETRIC
    }

    /**
     * What a file's banner and size line declare.
     *
     * @param format   coordinate or array
     * @param field    real or integer
     * @param symmetry general, symmetric or skew-symmetric
     * @param rows     rows, at least 1
     * @param cols     columns, at least 1
     * @param stored   values stored in the file (the third number of a coordinate size line)
     */
    public record Header(Format format, Field field, Symmetry symmetry, int rows, int cols, long stored) {
        /** @throws IllegalArgumentException if a part is null, the shape is empty or the stored count negative */
        public Header {
            if (format == null || field == null || symmetry == null || rows < 1 || cols < 1 || stored < 0) {
                throw new IllegalArgumentException("a header needs a format, field, symmetry, a shape of at least "
                        + "1x1 and a non-negative count, got " + format + " " + field + " " + symmetry + " " + rows
                        + "x" + cols + " " + stored);
            }
        }
    }

    /**
     * A file's content.
     *
     * @param header  what the file declares
     * @param entries every entry of the matrix the file stands for: stored ones in file order, each mirrored one
     *                right after its original
     */
    public record Content(Header header, Entries entries) {
        /** @throws IllegalArgumentException if a part is null or the shapes differ */
        public Content {
            if (header == null || entries == null || header.rows() != entries.rows()
                    || header.cols() != entries.cols()) {
                throw new IllegalArgumentException("header and entries must agree on the shape, got " + header
                        + " and " + entries);
            }
        }

        /**
         * @return the dense matrix, zero where the file stores nothing
         * @throws IllegalStateException if it has more than {@value Growing#MAX_SIZE} positions
         */
        public Matrix toMatrix() {
            if ((long) entries.rows() * entries.cols() > Growing.MAX_SIZE) {
                throw new IllegalStateException("a " + entries.rows() + "x" + entries.cols() + " matrix is too large "
                        + "to hold densely; use the entries");
            }
            return entries.toDense();
        }
    }

    private MatrixMarket() {
    }

    /**
     * @param file a Matrix Market file, gzip-compressed or not
     * @return its content
     * @throws FileFormatException at the first problem with the content
     * @throws IOException         if the file cannot be read
     */
    public static Content read(Path file) throws IOException {
        try (Input in = Input.open(file)) {
            return new Parse(in).run();
        }
    }

    /**
     * @param name the file as the user knows it, for messages
     * @param in   its bytes, gzip or not; read to the end and closed
     * @return its content
     * @throws FileFormatException at the first problem with the content
     * @throws IOException         if reading fails
     */
    public static Content read(String name, InputStream in) throws IOException {
        try (Input input = Input.of(name, in)) {
            return new Parse(input).run();
        }
    }

    /** One reading of one file. */
    private static final class Parse {
        private static final int MAX_TOKENS = 64;
        private final String name;
        private final LineSource src;
        private final int[] from = new int[MAX_TOKENS];
        private final int[] to = new int[MAX_TOKENS];
        private int tokens;
        private int[] skips = new int[16];
        private int skipCount;
        private long sizeLine;

        Parse(Input input) {
            this.name = input.name();
            this.src = new LineSource(input);
        }

        private FileFormatException error(long line, int column, String problem, String fix) {
            return new FileFormatException(name, line, column, problem, fix);
        }

        private void split() {
            byte[] b = src.buffer();
            int i = src.start();
            int e = src.end();
            tokens = 0;
            while (true) {
                while (i < e && (b[i] == ' ' || b[i] == '\t')) {
                    i++;
                }
                if (i == e) {
                    return;
                }
                int a = i;
                while (i < e && b[i] != ' ' && b[i] != '\t') {
                    i++;
                }
                if (tokens < MAX_TOKENS) {
                    from[tokens] = a;
                    to[tokens] = i;
                }
                tokens++;
            }
        }

        private String token(int t) {
            return show(src.buffer(), from[t], to[t]);
        }

        Content run() throws IOException {
            if (!src.next()) {
                throw error(0, 0, "the file is empty", "a Matrix Market file starts with a line such as "
                        + "'%%MatrixMarket matrix coordinate real general'");
            }
            split();
            byte[] b = src.buffer();
            String banner = tokens > 0 ? new String(b, from[0], to[0] - from[0], StandardCharsets.ISO_8859_1) : "";
            if (!banner.equalsIgnoreCase(BANNER)) {
                throw error(1, 0, "not a Matrix Market file (the first line must start with " + BANNER + ")",
                        "give a file as scipy.io.mmwrite writes it, starting '%%MatrixMarket matrix coordinate "
                                + "real general'");
            }
            if (tokens != 5) {
                throw error(1, 0, "the banner has " + tokens + " words where it needs 5", "write it as "
                        + "'%%MatrixMarket matrix <coordinate|array> <real|integer> <general|symmetric|skew-symmetric>'");
            }
            if (!word(1).equals("matrix")) {
                throw error(1, 2, "the object '" + token(1) + "' is not 'matrix'", "Tacit reads matrices only");
            }
            Format format = switch (word(2)) {
                case "coordinate" -> Format.COORDINATE;
                case "array" -> Format.ARRAY;
                default -> throw error(1, 3, "unknown format '" + token(2) + "'", "the format is coordinate or array");
            };
            Field field = switch (word(3)) {
                case "real" -> Field.REAL;
                case "integer" -> Field.INTEGER;
                case "complex" -> throw error(1, 4, "complex matrices are not supported", "Tacit's matrices are real;"
                        + " write the real part (scipy.io.mmwrite(f, A.real))");
                case "pattern" -> throw error(1, 4, "pattern matrices have no values", "Tacit needs the values; "
                        + "write the matrix with field real");
                default -> throw error(1, 4, "unknown field '" + token(3) + "'", "the field is real or integer");
            };
            Symmetry symmetry = switch (word(4)) {
                case "general" -> Symmetry.GENERAL;
                case "symmetric" -> Symmetry.SYMMETRIC;
                case "skew-symmetric" -> Symmetry.SKEW_SYMMETRIC;
                case "hermitian" -> throw error(1, 5, "hermitian matrices are complex", "Tacit's matrices are real");
                default -> throw error(1, 5, "unknown symmetry '" + token(4) + "'", "the symmetry is general, "
                        + "symmetric or skew-symmetric");
            };
            while (true) {
                if (!src.next()) {
                    throw error(0, 0, "the file ends before its size line", "after the banner and comments comes "
                            + (format == Format.COORDINATE ? "'rows cols entries'" : "'rows cols'"));
                }
                split();
                if (tokens > 0 && src.buffer()[from[0]] != '%') {
                    break;
                }
            }
            sizeLine = src.line();
            int want = format == Format.COORDINATE ? 3 : 2;
            String sizeFix = "the size line is '" + (format == Format.COORDINATE ? "rows cols entries" : "rows cols")
                    + "' with whole numbers, rows and cols at least 1";
            if (tokens != want) {
                throw error(sizeLine, 0, "the size line has " + tokens + " numbers where a" + (format == Format.ARRAY
                        ? "n array" : " coordinate") + " file has " + want, sizeFix);
            }
            int rows = dimension(0, "rows", sizeFix);
            int cols = dimension(1, "columns", sizeFix);
            if (symmetry != Symmetry.GENERAL && rows != cols) {
                throw error(sizeLine, 0, "a " + symmetry.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + " matrix must be square, this one is " + rows + "x" + cols, sizeFix);
            }
            long capacity = switch (symmetry) {
                case GENERAL -> (long) rows * cols;
                case SYMMETRIC -> (long) rows * (rows + 1) / 2;
                case SKEW_SYMMETRIC -> (long) rows * (rows - 1) / 2;
            };
            long stored;
            if (format == Format.COORDINATE) {
                if (!Decimal.isWhole(src.buffer(), from[2], to[2]) || src.buffer()[from[2]] == '-') {
                    throw error(sizeLine, 3, "entries '" + token(2) + "' is not a whole number", sizeFix);
                }
                stored = Decimal.whole(src.buffer(), from[2], to[2]);
                if (stored > capacity) {
                    throw error(sizeLine, 3, "declares " + stored + " entries, more than the " + capacity
                            + " positions a " + rows + "x" + cols + " " + symmetry.name().toLowerCase(Locale.ROOT)
                            .replace('_', '-') + " file can store", sizeFix);
                }
            } else {
                stored = capacity;
            }
            long total = symmetry == Symmetry.GENERAL ? stored : 2 * stored;
            if (total > Growing.MAX_SIZE) {
                throw error(sizeLine, 0, "the matrix would have up to " + total + " entries, more than the "
                        + Growing.MAX_SIZE + " Tacit can hold", "split the matrix");
            }
            Header header = new Header(format, field, symmetry, rows, cols, stored);
            Entries entries = format == Format.COORDINATE ? coordinate(header) : array(header);
            return new Content(header, entries);
        }

        private String word(int t) {
            return new String(src.buffer(), from[t], to[t] - from[t], StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT);
        }

        private int dimension(int t, String what, String fix) {
            byte[] b = src.buffer();
            if (!Decimal.isWhole(b, from[t], to[t])) {
                throw error(sizeLine, t + 1, what + " '" + token(t) + "' is not a whole number", fix);
            }
            long v = Decimal.whole(b, from[t], to[t]);
            if (v < 1 || v > Integer.MAX_VALUE) {
                throw error(sizeLine, t + 1, what + " " + v + " is outside 1.." + Integer.MAX_VALUE, fix);
            }
            return (int) v;
        }

        /** Advances to the next data line, skipping comments and blank lines; false at the end. */
        private boolean nextData(int count) throws IOException {
            while (src.next()) {
                split();
                if (tokens > 0 && src.buffer()[from[0]] != '%') {
                    return true;
                }
                if (skipCount == skips.length) {
                    skips = Arrays.copyOf(skips, 2 * skipCount);
                }
                skips[skipCount++] = count;
            }
            return false;
        }

        private double value(int t, Field field) {
            byte[] b = src.buffer();
            if (field == Field.INTEGER) {
                if (!Decimal.isWhole(b, from[t], to[t])) {
                    throw error(src.line(), t + 1, "value '" + token(t) + "' is not a whole number", "an integer "
                            + "matrix holds whole numbers; declare the field real for decimals");
                }
                return Decimal.whole(b, from[t], to[t]);
            }
            double v = Decimal.parse(b, from[t], to[t]);
            if (Double.isNaN(v) && !Decimal.spellsNonFinite(b, from[t], to[t])) {
                throw error(src.line(), t + 1, "value '" + token(t) + "' is not a number", "values are decimal "
                        + "numbers such as 1.5 or -2.5e-3");
            }
            if (!Double.isFinite(v)) {
                throw error(src.line(), t + 1, "value '" + token(t) + "' is not finite", "Tacit's matrices hold "
                        + "finite values; replace it or leave the entry out");
            }
            return v;
        }

        private int index(int t, int limit, String what) {
            byte[] b = src.buffer();
            if (!Decimal.isWhole(b, from[t], to[t])) {
                throw error(src.line(), t + 1, what + " index '" + token(t) + "' is not a whole number",
                        "each entry line is 'row column value' with indices from 1");
            }
            long v = Decimal.whole(b, from[t], to[t]);
            if (v < 1 || v > limit) {
                throw error(src.line(), t + 1, what + " index " + v + " is outside 1.." + limit, "Matrix Market "
                        + "indices count from 1 up to the size line's " + (what.equals("row") ? "rows" : "columns"));
            }
            return (int) (v - 1);
        }

        private Entries coordinate(Header h) throws IOException {
            Growing.Ints r = new Growing.Ints();
            Growing.Ints c = new Growing.Ints();
            Growing.Doubles v = new Growing.Doubles();
            int n = 0;
            while (nextData(n)) {
                if (n == h.stored()) {
                    throw error(src.line(), 0, "more entries than the " + h.stored() + " declared on line "
                            + sizeLine, "correct the size line or delete the extra lines");
                }
                if (tokens != 3) {
                    throw error(src.line(), 0, "found " + tokens + " tokens where an entry has 3 (row column value)",
                            "each entry line is 'row column value' with indices from 1");
                }
                int i = index(0, h.rows(), "row");
                int j = index(1, h.cols(), "column");
                double x = value(2, h.field());
                if (h.symmetry() == Symmetry.SYMMETRIC && i < j || h.symmetry() == Symmetry.SKEW_SYMMETRIC && i <= j) {
                    throw error(src.line(), 0, "entry (" + (i + 1) + ", " + (j + 1) + ") lies "
                            + (i == j ? "on" : "above") + " the diagonal of a " + h.symmetry().name()
                            .toLowerCase(Locale.ROOT).replace('_', '-') + " file", "a symmetric file stores the lower "
                            + "triangle (row >= column), a skew-symmetric one the strict lower triangle (row > column)");
                }
                r.add(i);
                c.add(j);
                v.add(x);
                n++;
            }
            if (n < h.stored()) {
                throw error(0, 0, "the file ends after " + n + " of the " + h.stored() + " entries declared on line "
                        + sizeLine, "it may be truncated: copy or write it again");
            }
            int[] ri = r.toArray();
            int[] ci = c.toArray();
            double[] vi = v.toArray();
            int[] rep = Repeats.first(h.rows(), h.cols(), ri, ci, n);
            if (rep.length == 2) {
                throw error(lineOf(rep[1]), 0, "position (" + (ri[rep[1]] + 1) + ", " + (ci[rep[1]] + 1)
                        + ") is stored again (first on line " + lineOf(rep[0]) + ")", "store each position once "
                        + "(SciPy: A.sum_duplicates() before mmwrite)");
            }
            return mirror(h, ri, ci, vi);
        }

        private long lineOf(int k) {
            int lo = 0;
            int hi = skipCount;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (skips[mid] <= k) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return sizeLine + 1 + k + lo;
        }

        private Entries array(Header h) throws IOException {
            Growing.Doubles v = new Growing.Doubles();
            long n = 0;
            while (nextData(0)) {
                for (int t = 0; t < tokens; t++) {
                    if (n == h.stored()) {
                        throw error(src.line(), t + 1, "more values than the " + h.stored() + " a " + h.rows() + "x"
                                + h.cols() + " array stores", "correct the size line or delete the extra values");
                    }
                    if (t >= MAX_TOKENS) {
                        throw error(src.line(), 0, "more than " + MAX_TOKENS + " values on one line",
                                "write one value per line");
                    }
                    v.add(value(t, h.field()));
                    n++;
                }
            }
            if (n < h.stored()) {
                throw error(0, 0, "the file ends after " + n + " of the " + h.stored() + " values of a " + h.rows()
                        + "x" + h.cols() + " array", "it may be truncated: copy or write it again");
            }
            double[] vals = v.toArray();
            int count = vals.length;
            int[] ri = new int[count];
            int[] ci = new int[count];
            int k = 0;
            for (int j = 0; j < h.cols(); j++) {
                int first = switch (h.symmetry()) {
                    case GENERAL -> 0;
                    case SYMMETRIC -> j;
                    case SKEW_SYMMETRIC -> j + 1;
                };
                for (int i = first; i < h.rows(); i++) {
                    ri[k] = i;
                    ci[k] = j;
                    k++;
                }
            }
            return mirror(h, ri, ci, vals);
        }

        private static Entries mirror(Header h, int[] r, int[] c, double[] v) {
            if (h.symmetry() == Symmetry.GENERAL) {
                return Entries.adopt(h.rows(), h.cols(), r, c, v);
            }
            double sign = h.symmetry() == Symmetry.SYMMETRIC ? 1 : -1;
            int off = 0;
            for (int k = 0; k < r.length; k++) {
                off += r[k] != c[k] ? 1 : 0;
            }
            int[] rr = new int[r.length + off];
            int[] cc = new int[r.length + off];
            double[] vv = new double[r.length + off];
            int w = 0;
            for (int k = 0; k < r.length; k++) {
                rr[w] = r[k];
                cc[w] = c[k];
                vv[w++] = v[k];
                if (r[k] != c[k]) {
                    rr[w] = c[k];
                    cc[w] = r[k];
                    vv[w++] = sign * v[k];
                }
            }
            return Entries.adopt(h.rows(), h.cols(), rr, cc, vv);
        }
    }

    /** Bytes for a message: printable ASCII kept, anything else escaped, at most 40 characters. */
    static String show(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to && sb.length() < 40; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format(Locale.ROOT, "\\x%02x", c));
            }
        }
        return sb.length() >= 40 ? sb.append("...").toString() : sb.toString();
    }

    /**
     * Writes a dense matrix as {@code array real general}, column-major.
     *
     * @param file the file to create or replace, atomically
     * @param m    the matrix
     * @throws IOException if writing fails; the file is then unchanged
     */
    public static void write(Path file, Matrix m) throws IOException {
        AtomicFiles.write(file, out -> write(out, m));
    }

    /**
     * Writes entries as {@code coordinate real general}, in entry order, indices from 1.
     *
     * @param file    the file to create or replace, atomically
     * @param entries the entries
     * @throws IOException if writing fails; the file is then unchanged
     */
    public static void write(Path file, Entries entries) throws IOException {
        AtomicFiles.write(file, out -> write(out, entries));
    }

    /**
     * @param out where to write {@code array real general}; flushed, not closed
     * @param m   the matrix
     * @throws IOException if writing fails
     */
    public static void write(OutputStream out, Matrix m) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        w.write(BANNER + " matrix array real general\n" + m.rows() + " " + m.cols() + "\n");
        for (int j = 0; j < m.cols(); j++) {
            for (int i = 0; i < m.rows(); i++) {
                w.write(Double.toString(m.get(i, j)));
                w.write('\n');
            }
        }
        w.flush();
    }

    /**
     * @param out     where to write {@code coordinate real general}; flushed, not closed
     * @param entries the entries
     * @throws IOException if writing fails
     */
    public static void write(OutputStream out, Entries entries) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        w.write(BANNER + " matrix coordinate real general\n" + entries.rows() + " " + entries.cols() + " "
                + entries.size() + "\n");
        for (int k = 0; k < entries.size(); k++) {
            w.write(Integer.toString(entries.row(k) + 1));
            w.write(' ');
            w.write(Integer.toString(entries.col(k) + 1));
            w.write(' ');
            w.write(Double.toString(entries.value(k)));
            w.write('\n');
        }
        w.flush();
    }
}
