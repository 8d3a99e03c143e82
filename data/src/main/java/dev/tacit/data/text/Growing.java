package dev.tacit.data.text;

import java.util.Arrays;
import java.util.Optional;

/**
 * Append-only primitive storage in chunks, for a count not known in advance: no boxing, and no doubling copy of the
 * whole array at each growth (which would briefly need three times the final size). Chunks grow from small to
 * {@value #MAX_CHUNK} elements, so a ten-line file costs little; {@code toArray} hands each chunk over and drops it,
 * so the peak is the chunks plus one final array.
 */
public final class Growing {

    /**
     * Elements per chunk once the storage is large: small enough (256 KB of longs) that no chunk is a "humongous"
     * object for G1, whose full collections do not move those. Megabyte chunks left the heap so fragmented that the
     * final 100 MB arrays of 25 million ratings found no room in a 1 GB heap with half of it free.
     */
    public static final int MAX_CHUNK = (1 << 15) - 16;

    /** Largest element count of a Java array this storage hands out. */
    public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private Growing() {
    }

    private static int nextChunk(int filled) {
        return Math.min(MAX_CHUNK, Math.max(1024, filled) - 16);
    }

    /** Ints. */
    public static final class Ints {
        private int[][] chunks = new int[8][];
        private int count;
        private int current = -1;
        private int used;
        private int size;

        /** @param v appended */
        public void add(int v) {
            if (current < 0 || used == chunks[current].length) {
                if (++current == chunks.length) {
                    chunks = Arrays.copyOf(chunks, 2 * chunks.length);
                }
                chunks[current] = new int[nextChunk(size)];
                used = 0;
                count = current + 1;
            }
            chunks[current][used++] = v;
            size++;
        }

        /** @return elements appended */
        public int size() {
            return size;
        }

        /** @return the elements in order; the storage is emptied */
        public int[] toArray() {
            int[] out = new int[size];
            int at = 0;
            for (int c = 0; c < count; c++) {
                int n = Math.min(chunks[c].length, size - at);
                System.arraycopy(chunks[c], 0, out, at, n);
                at += n;
                chunks[c] = null;
            }
            reset();
            return out;
        }

        private void reset() {
            chunks = new int[8][];
            count = 0;
            current = -1;
            used = 0;
            size = 0;
        }
    }

    /** Longs. */
    public static final class Longs {
        private long[][] chunks = new long[8][];
        private int count;
        private int current = -1;
        private int used;
        private int size;

        /** @param v appended */
        public void add(long v) {
            if (current < 0 || used == chunks[current].length) {
                if (++current == chunks.length) {
                    chunks = Arrays.copyOf(chunks, 2 * chunks.length);
                }
                chunks[current] = new long[nextChunk(size)];
                used = 0;
                count = current + 1;
            }
            chunks[current][used++] = v;
            size++;
        }

        /** @return elements appended */
        public int size() {
            return size;
        }

        /**
         * @return the elements in order as ints if every one fits an int (timestamps in seconds until 2038 do), and
         *         the storage is emptied; else empty and the storage is kept. An int array is half the memory, and
         *         is made without a long array
         */
        public Optional<int[]> toIntArrayIfFits() {
            int at = 0;
            for (int c = 0; c < count; c++) {
                int n = Math.min(chunks[c].length, size - at);
                for (int k = 0; k < n; k++) {
                    if (chunks[c][k] != (int) chunks[c][k]) {
                        return Optional.empty();
                    }
                }
                at += n;
            }
            int[] out = new int[size];
            at = 0;
            for (int c = 0; c < count; c++) {
                int n = Math.min(chunks[c].length, size - at);
                for (int k = 0; k < n; k++) {
                    out[at + k] = (int) chunks[c][k];
                }
                at += n;
                chunks[c] = null;
            }
            chunks = new long[8][];
            count = 0;
            current = -1;
            used = 0;
            size = 0;
            return Optional.of(out);
        }

        /** @return the elements in order; the storage is emptied */
        public long[] toArray() {
            long[] out = new long[size];
            int at = 0;
            for (int c = 0; c < count; c++) {
                int n = Math.min(chunks[c].length, size - at);
                System.arraycopy(chunks[c], 0, out, at, n);
                at += n;
                chunks[c] = null;
            }
            chunks = new long[8][];
            count = 0;
            current = -1;
            used = 0;
            size = 0;
            return out;
        }
    }

    /** Doubles. */
    public static final class Doubles {
        private double[][] chunks = new double[8][];
        private int count;
        private int current = -1;
        private int used;
        private int size;

        /** @param v appended */
        public void add(double v) {
            if (current < 0 || used == chunks[current].length) {
                if (++current == chunks.length) {
                    chunks = Arrays.copyOf(chunks, 2 * chunks.length);
                }
                chunks[current] = new double[nextChunk(size)];
                used = 0;
                count = current + 1;
            }
            chunks[current][used++] = v;
            size++;
        }

        /** @return elements appended */
        public int size() {
            return size;
        }

        /** @return the elements in order; the storage is emptied */
        public double[] toArray() {
            double[] out = new double[size];
            int at = 0;
            for (int c = 0; c < count; c++) {
                int n = Math.min(chunks[c].length, size - at);
                System.arraycopy(chunks[c], 0, out, at, n);
                at += n;
                chunks[c] = null;
            }
            chunks = new double[8][];
            count = 0;
            current = -1;
            used = 0;
            size = 0;
            return out;
        }
    }
}
