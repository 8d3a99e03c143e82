package dev.tacit.data.format;

import dev.tacit.algebra.Matrix;
import java.util.Arrays;

/**
 * An n-dimensional array as NumPy's {@code .npy} holds it: a dtype, a shape and the elements in C order (last index
 * fastest). Immutable: arrays are copied in and out.
 *
 * <p>The dtypes are those Tacit's files need: {@code <f8} (double), {@code <i4} (int), {@code <i8} (long) and
 * {@code <U<n>} (strings of at most n code points, for ids and names; NumPy's {@code allow_pickle=False} refuses
 * object arrays, so strings cannot be stored any other way).
 */
public final class NpyArray {

    /** The largest rank accepted. */
    public static final int MAX_RANK = 32;

    /** Element types. */
    public enum Kind {
        /** IEEE double, little-endian: {@code <f8}. */
        FLOAT64("<f8", 8),
        /** 32-bit signed integer, little-endian: {@code <i4}. */
        INT32("<i4", 4),
        /** 64-bit signed integer, little-endian: {@code <i8}. */
        INT64("<i8", 8),
        /** Fixed-width Unicode, UTF-32LE code points padded with NUL: {@code <U<n>}. */
        UNICODE("<U", 4);

        private final String descr;
        private final int unit;

        Kind(String descr, int unit) {
            this.descr = descr;
            this.unit = unit;
        }

        /** @return NumPy's type string ({@code <U} without its width) */
        public String descr() {
            return descr;
        }

        /** @return bytes per element, or per code point for {@link #UNICODE} */
        public int unit() {
            return unit;
        }
    }

    private final Kind kind;
    private final int[] shape;
    private final int size;
    private final int width;
    private final double[] doubles;
    private final int[] ints;
    private final long[] longs;
    private final String[] strings;

    private NpyArray(Kind kind, int[] shape, int width, double[] doubles, int[] ints, long[] longs,
                     String[] strings) {
        this.kind = kind;
        this.shape = shape;
        this.size = (int) elements(shape);
        this.width = width;
        this.doubles = doubles;
        this.ints = ints;
        this.longs = longs;
        this.strings = strings;
        int length = doubles != null ? doubles.length : ints != null ? ints.length : longs != null ? longs.length
                : strings.length;
        if (length != size) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + size + " elements but "
                    + length + " were given");
        }
    }

    /**
     * @param shape dimensions, each at least 0, at most {@value #MAX_RANK} of them
     * @return the element count
     * @throws IllegalArgumentException if the shape is invalid or has more elements than a Java array holds
     */
    static long elements(int[] shape) {
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException("rank " + shape.length + " is above " + MAX_RANK);
        }
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("dimensions must be at least 0, got " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more elements than a "
                        + "Java array holds");
            }
        }
        return n;
    }

    /**
     * @param shape dimensions (C order)
     * @param data  the elements in C order; copied
     * @return a {@code <f8} array
     * @throws IllegalArgumentException if the data do not fill the shape
     */
    public static NpyArray ofDoubles(int[] shape, double[] data) {
        return new NpyArray(Kind.FLOAT64, shape.clone(), 0, data.clone(), null, null, null);
    }

    /**
     * @param shape dimensions (C order)
     * @param data  the elements in C order; copied
     * @return an {@code <i4} array
     * @throws IllegalArgumentException if the data do not fill the shape
     */
    public static NpyArray ofInts(int[] shape, int[] data) {
        return new NpyArray(Kind.INT32, shape.clone(), 0, null, data.clone(), null, null);
    }

    /**
     * @param shape dimensions (C order)
     * @param data  the elements in C order; copied
     * @return an {@code <i8} array
     * @throws IllegalArgumentException if the data do not fill the shape
     */
    public static NpyArray ofLongs(int[] shape, long[] data) {
        return new NpyArray(Kind.INT64, shape.clone(), 0, null, null, data.clone(), null);
    }

    /**
     * @param shape dimensions (C order)
     * @param data  the strings in C order; copied. The width is the longest string's code point count (at least 1,
     *              as NumPy makes it)
     * @return a {@code <U<width>} array
     * @throws IllegalArgumentException if the data do not fill the shape, or a string is null, holds U+0000 (which
     *                                  {@code <U} cannot keep) or an unpaired surrogate
     */
    public static NpyArray ofStrings(int[] shape, String[] data) {
        String[] copy = data.clone();
        int width = 1;
        for (int k = 0; k < copy.length; k++) {
            String s = copy[k];
            if (s == null) {
                throw new IllegalArgumentException("string " + k + " is null");
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == 0) {
                    throw new IllegalArgumentException("string " + k + " holds U+0000, which a <U array cannot keep");
                }
                if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1)))) {
                    throw new IllegalArgumentException("string " + k + " holds an unpaired surrogate at " + i);
                }
                if (Character.isHighSurrogate(c)) {
                    i++;
                }
            }
            width = Math.max(width, s.codePointCount(0, s.length()));
        }
        return new NpyArray(Kind.UNICODE, shape.clone(), width, null, null, null, copy);
    }

    /**
     * @param data the elements; copied
     * @return a 1-D {@code <f8} array
     */
    public static NpyArray vector(double[] data) {
        return ofDoubles(new int[] {data.length}, data);
    }

    /**
     * @param data the elements; copied
     * @return a 1-D {@code <i4} array
     */
    public static NpyArray vector(int[] data) {
        return ofInts(new int[] {data.length}, data);
    }

    /**
     * @param data the elements; copied
     * @return a 1-D {@code <i8} array
     */
    public static NpyArray vector(long[] data) {
        return ofLongs(new int[] {data.length}, data);
    }

    /**
     * @param data the strings (ids, names); copied
     * @return a 1-D {@code <U<n>} array
     * @throws IllegalArgumentException as {@link #ofStrings} says
     */
    public static NpyArray vector(String[] data) {
        return ofStrings(new int[] {data.length}, data);
    }

    /**
     * @param m a matrix
     * @return a 2-D {@code <f8} array of its shape, C order (row by row)
     */
    public static NpyArray of(Matrix m) {
        return new NpyArray(Kind.FLOAT64, new int[] {m.rows(), m.cols()}, 0, m.toArray(), null, null, null);
    }

    /** For the reader: arrays already owned. */
    static NpyArray owned(Kind kind, int[] shape, int width, Object data) {
        return switch (kind) {
            case FLOAT64 -> new NpyArray(kind, shape, 0, (double[]) data, null, null, null);
            case INT32 -> new NpyArray(kind, shape, 0, null, (int[]) data, null, null);
            case INT64 -> new NpyArray(kind, shape, 0, null, null, (long[]) data, null);
            case UNICODE -> new NpyArray(kind, shape, width, null, null, null, (String[]) data);
        };
    }

    /** @return the element type */
    public Kind kind() {
        return kind;
    }

    /** @return NumPy's type string: {@code <f8}, {@code <i4}, {@code <i8} or {@code <U<width>} */
    public String descr() {
        return kind == Kind.UNICODE ? "<U" + width : kind.descr();
    }

    /** @return code points per string for {@link Kind#UNICODE}, 0 otherwise */
    public int width() {
        return width;
    }

    /** @return a copy of the dimensions */
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions */
    public int rank() {
        return shape.length;
    }

    /** @return the number of elements */
    public int size() {
        return size;
    }

    /** @return bytes of the elements in a file */
    long dataBytes() {
        return (long) size * (kind == Kind.UNICODE ? 4L * width : kind.unit());
    }

    private void require(Kind k) {
        if (kind != k) {
            throw new IllegalStateException("the array is " + descr() + ", not " + k.descr());
        }
    }

    /**
     * @return a copy of the elements in C order
     * @throws IllegalStateException if the array is not {@code <f8}
     */
    public double[] doubles() {
        require(Kind.FLOAT64);
        return doubles.clone();
    }

    /**
     * @return a copy of the elements in C order
     * @throws IllegalStateException if the array is not {@code <i4}
     */
    public int[] ints() {
        require(Kind.INT32);
        return ints.clone();
    }

    /**
     * @return a copy of the elements in C order
     * @throws IllegalStateException if the array is not {@code <i8}
     */
    public long[] longs() {
        require(Kind.INT64);
        return longs.clone();
    }

    /**
     * @return a copy of the strings in C order (trailing NULs removed, as NumPy does)
     * @throws IllegalStateException if the array is not {@code <U}
     */
    public String[] strings() {
        require(Kind.UNICODE);
        return strings.clone();
    }

    /**
     * @param k element index in C order
     * @return the element
     * @throws IllegalStateException if the array is not {@code <f8}
     */
    public double doubleAt(int k) {
        require(Kind.FLOAT64);
        return doubles[k];
    }

    /**
     * @param k element index in C order
     * @return the element
     * @throws IllegalStateException if the array is not {@code <i4}
     */
    public int intAt(int k) {
        require(Kind.INT32);
        return ints[k];
    }

    /**
     * @param k element index in C order
     * @return the element
     * @throws IllegalStateException if the array is not {@code <i8}
     */
    public long longAt(int k) {
        require(Kind.INT64);
        return longs[k];
    }

    /**
     * @param k element index in C order
     * @return the element
     * @throws IllegalStateException if the array is not {@code <U}
     */
    public String stringAt(int k) {
        require(Kind.UNICODE);
        return strings[k];
    }

    /**
     * @return the 2-D {@code <f8} array as a matrix
     * @throws IllegalStateException if it is not 2-D {@code <f8} with at least one row and column
     */
    public Matrix toMatrix() {
        require(Kind.FLOAT64);
        if (shape.length != 2 || shape[0] < 1 || shape[1] < 1) {
            throw new IllegalStateException("a matrix needs a 2-D array of at least 1x1, this one has shape "
                    + Arrays.toString(shape));
        }
        return Matrix.of(shape[0], shape[1], doubles);
    }

    /** Package access to the storage for the writer, which must not modify it. */
    Object storage() {
        return switch (kind) {
            case FLOAT64 -> doubles;
            case INT32 -> ints;
            case INT64 -> longs;
            case UNICODE -> strings;
        };
    }

    /** Exact: same dtype, width and shape and the same elements (doubles as {@link Arrays#equals(double[], double[])} compares them: NaN equals NaN, 0.0 differs from -0.0). */
    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && kind == a.kind && width == a.width && Arrays.equals(shape, a.shape)
                && Arrays.equals(doubles, a.doubles) && Arrays.equals(ints, a.ints) && Arrays.equals(longs, a.longs)
                && Arrays.equals(strings, a.strings);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + Arrays.hashCode(shape)) + Arrays.deepHashCode(new Object[] {storage()});
    }

    @Override
    public String toString() {
        return "NpyArray[" + descr() + " " + Arrays.toString(shape) + "]";
    }
}
