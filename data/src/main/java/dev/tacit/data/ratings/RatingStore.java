package dev.tacit.data.ratings;

import dev.tacit.data.text.Growing;
import java.util.Arrays;
import java.util.Optional;

/**
 * The columns of the ratings being read. When the number of rating lines is known (a plain file, counted first), the
 * arrays are allocated once at their final size: at 25 million ratings they go straight to the old generation and are
 * never copied, neither by a growth nor by the collector. Otherwise (gzip, a stream) they grow in chunks.
 */
final class RatingStore {

    private final boolean stamped;
    private final boolean exact;
    private int[] rows;
    private int[] cols;
    private double[] values;
    private int[] stamps;
    private long[] wide;
    private int size;
    private final Growing.Ints chunkRows = new Growing.Ints();
    private final Growing.Ints chunkCols = new Growing.Ints();
    private final Growing.Doubles chunkValues = new Growing.Doubles();
    private final Growing.Longs chunkStamps = new Growing.Longs();

    private RatingStore(boolean stamped, int capacity) {
        this.stamped = stamped;
        this.exact = capacity >= 0;
        if (exact) {
            rows = new int[capacity];
            cols = new int[capacity];
            values = new double[capacity];
            stamps = stamped ? new int[capacity] : null;
        }
    }

    /**
     * @param stamped  whether timestamps are kept
     * @param capacity the number of ratings expected (more are taken, by growing)
     * @return a store of arrays of that size
     */
    static RatingStore exact(boolean stamped, int capacity) {
        return new RatingStore(stamped, capacity);
    }

    /**
     * @param stamped whether timestamps are kept
     * @return a store that grows in chunks
     */
    static RatingStore growing(boolean stamped) {
        return new RatingStore(stamped, -1);
    }

    void add(int row, int col, double value, long stamp) {
        if (!exact) {
            chunkRows.add(row);
            chunkCols.add(col);
            chunkValues.add(value);
            if (stamped) {
                chunkStamps.add(stamp);
            }
            size++;
            return;
        }
        if (size == rows.length) {
            int capacity = (int) Math.min(Growing.MAX_SIZE, Math.max(16, rows.length + (rows.length >> 1)));
            rows = Arrays.copyOf(rows, capacity);
            cols = Arrays.copyOf(cols, capacity);
            values = Arrays.copyOf(values, capacity);
            stamps = stamps == null ? null : Arrays.copyOf(stamps, capacity);
            wide = wide == null ? null : Arrays.copyOf(wide, capacity);
        }
        rows[size] = row;
        cols[size] = col;
        values[size] = value;
        if (stamped) {
            if (wide == null && stamp != (int) stamp) {
                wide = new long[rows.length];
                for (int k = 0; k < size; k++) {
                    wide[k] = stamps[k];
                }
                stamps = null;
            }
            if (wide != null) {
                wide[size] = stamp;
            } else {
                stamps[size] = (int) stamp;
            }
        }
        size++;
    }

    int size() {
        return size;
    }

    /** The columns at their final length. */
    record Columns(int[] rows, int[] cols, double[] values, int[] stamps, long[] wide) {
    }

    /** @return the columns, trimmed to the ratings added; the store must not be used afterwards */
    Columns finish() {
        if (exact) {
            return new Columns(trim(rows), trim(cols), size == values.length ? values : Arrays.copyOf(values, size),
                    stamps == null ? null : trim(stamps), wide == null || size == wide.length ? wide
                    : Arrays.copyOf(wide, size));
        }
        // Largest first, each chunked column emptied as its array is made: the peak is the chunks plus one array.
        int[] s = null;
        long[] w = null;
        if (stamped) {
            Optional<int[]> narrow = chunkStamps.toIntArrayIfFits();
            if (narrow.isPresent()) {
                s = narrow.get();
            } else {
                w = chunkStamps.toArray();
            }
        }
        double[] v = chunkValues.toArray();
        return new Columns(chunkRows.toArray(), chunkCols.toArray(), v, s, w);
    }

    private int[] trim(int[] a) {
        return size == a.length ? a : Arrays.copyOf(a, size);
    }
}
