package dev.tacit.data.text;

import java.util.Arrays;

/**
 * Repeated (row, column) positions among entries, found in time linear in entries + rows + columns: entries are
 * bucketed by row keeping their order (one int per entry and per row, temporary), and each row's columns are marked
 * in one array of columns. No hash table of pairs, which at 25 million entries would need about a gigabyte.
 */
public final class Repeats {

    private Repeats() {
    }

    /** Entry indices bucketed by row, each row's in increasing order. */
    private static final class ByRow {
        final int[] start;
        final int[] order;

        ByRow(int rows, int[] row, int n) {
            start = new int[rows + 1];
            for (int k = 0; k < n; k++) {
                start[row[k] + 1]++;
            }
            for (int i = 0; i < rows; i++) {
                start[i + 1] += start[i];
            }
            int[] fill = Arrays.copyOf(start, rows);
            order = new int[n];
            for (int k = 0; k < n; k++) {
                order[fill[row[k]]++] = k;
            }
        }
    }

    /**
     * @param rows rows (row indices lie in [0, rows))
     * @param cols columns
     * @param row  row of each entry
     * @param col  column of each entry
     * @param n    entries
     * @return {first, repeat}: the earliest entry that repeats an earlier position (smallest index) and the first
     *         entry at that position; an empty array if every position is distinct
     */
    public static int[] first(int rows, int cols, int[] row, int[] col, int n) {
        if (n < 2) {
            return new int[0];
        }
        ByRow by = new ByRow(rows, row, n);
        int[] seen = new int[cols];
        int[] firstAt = new int[cols];
        int bestFirst = -1;
        int bestRepeat = Integer.MAX_VALUE;
        for (int i = 0; i < rows; i++) {
            for (int p = by.start[i]; p < by.start[i + 1]; p++) {
                int k = by.order[p];
                int j = col[k];
                if (seen[j] == i + 1) {
                    if (k < bestRepeat) {
                        bestRepeat = k;
                        bestFirst = firstAt[j];
                    }
                } else {
                    seen[j] = i + 1;
                    firstAt[j] = k;
                }
            }
        }
        return bestFirst < 0 ? new int[0] : new int[] {bestFirst, bestRepeat};
    }

    /**
     * Merges every repeated position into its first entry, which takes the value of the last entry at the position
     * ({@code mean} false) or the mean of all of them in entry order, and the stamp of the last; the other entries are
     * removed and the survivors moved to the front, keeping their order.
     *
     * @param rows  rows
     * @param cols  columns
     * @param row   row of each entry; compacted in place
     * @param col   column of each entry; compacted in place
     * @param value value of each entry; merged and compacted in place
     * @param stamp a stamp per entry (timestamps) as ints, or null; merged and compacted in place
     * @param wide  a stamp per entry as longs, or null; merged and compacted in place
     * @param n     entries
     * @param mean  whether to average rather than keep the last
     * @return the number of entries left, at the front of each array
     */
    public static int merge(int rows, int cols, int[] row, int[] col, double[] value, int[] stamp, long[] wide,
                            int n, boolean mean) {
        if (n < 2) {
            return n;
        }
        ByRow by = new ByRow(rows, row, n);
        int[] seen = new int[cols];
        int[] firstAt = new int[cols];
        int[] count = new int[cols];
        long[] removed = new long[(n + 63) >>> 6];
        boolean any = false;
        for (int i = 0; i < rows; i++) {
            boolean repeats = false;
            for (int p = by.start[i]; p < by.start[i + 1]; p++) {
                int k = by.order[p];
                int j = col[k];
                if (seen[j] == i + 1) {
                    int f = firstAt[j];
                    value[f] = mean ? value[f] + value[k] : value[k];
                    if (stamp != null) {
                        stamp[f] = stamp[k];
                    }
                    if (wide != null) {
                        wide[f] = wide[k];
                    }
                    count[j]++;
                    removed[k >>> 6] |= 1L << k;
                    repeats = true;
                } else {
                    seen[j] = i + 1;
                    firstAt[j] = k;
                    count[j] = 1;
                }
            }
            if (repeats && mean) {
                for (int p = by.start[i]; p < by.start[i + 1]; p++) {
                    int k = by.order[p];
                    int j = col[k];
                    if (firstAt[j] == k && count[j] > 1) {
                        value[k] /= count[j];
                        count[j] = 1;
                    }
                }
            }
            any |= repeats;
        }
        if (!any) {
            return n;
        }
        int w = 0;
        for (int k = 0; k < n; k++) {
            if ((removed[k >>> 6] & (1L << k)) == 0) {
                row[w] = row[k];
                col[w] = col[k];
                value[w] = value[k];
                if (stamp != null) {
                    stamp[w] = stamp[k];
                }
                if (wide != null) {
                    wide[w] = wide[k];
                }
                w++;
            }
        }
        return w;
    }
}
