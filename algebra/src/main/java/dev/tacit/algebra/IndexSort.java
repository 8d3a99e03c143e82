package dev.tacit.algebra;

/**
 * Stable index sorts on double keys, on primitive arrays (no boxed {@code Integer[]} and no comparator lambda per
 * comparison).
 *
 * <p>The order is that of {@link Double#compare} (so −0.0 before 0.0, NaN last), ties broken by the original index.
 * Keys and indices together form a total order, so the permutation is unique: it is exactly the one a stable
 * {@code Arrays.sort(Integer[], comparator)} with the same comparison returns, and every decomposition that sorted
 * that way before gives bit-for-bit the same result now.
 */
final class IndexSort {

    /** Below this length insertion sort; above it, bottom-up merge sort over runs of this length. */
    private static final int RUN = 24;

    private IndexSort() {
    }

    /**
     * @param keys the values to order by; not modified
     * @return the indices 0..n−1 ordered by ascending key, equal keys by ascending index
     */
    static int[] ascending(double[] keys) {
        long[] sortable = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            sortable[i] = sortable(keys[i]);
        }
        return sort(sortable);
    }

    /**
     * @param keys the values to order by; not modified
     * @return the indices 0..n−1 ordered by descending key, equal keys by ascending index
     */
    static int[] descending(double[] keys) {
        long[] sortable = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            // Bitwise complement reverses a signed order exactly (negation would overflow at Long.MIN_VALUE).
            sortable[i] = ~sortable(keys[i]);
        }
        return sort(sortable);
    }

    /**
     * A long whose signed order is {@link Double#compare}'s order of the doubles: the canonical bits (one NaN), with
     * the magnitude bits of negative values flipped so that larger magnitudes sort lower.
     */
    private static long sortable(double x) {
        long bits = Double.doubleToLongBits(x);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    private static int[] sort(long[] key) {
        int n = key.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int lo = 0; lo < n; lo += RUN) {
            insertion(key, order, lo, Math.min(n, lo + RUN));
        }
        if (n <= RUN) {
            return order;
        }
        int[] buffer = new int[n];
        int[] from = order;
        int[] to = buffer;
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(n, lo + width);
                int hi = Math.min(n, lo + 2 * width);
                merge(key, from, to, lo, mid, hi);
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        return from;
    }

    /** Whether index a goes before index b: smaller key, or equal key and smaller index. */
    private static boolean before(long[] key, int a, int b) {
        return key[a] < key[b] || (key[a] == key[b] && a < b);
    }

    private static void insertion(long[] key, int[] order, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            int x = order[i];
            int j = i - 1;
            while (j >= lo && before(key, x, order[j])) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = x;
        }
    }

    private static void merge(long[] key, int[] from, int[] to, int lo, int mid, int hi) {
        int a = lo;
        int b = mid;
        for (int t = lo; t < hi; t++) {
            if (a < mid && (b >= hi || !before(key, from[b], from[a]))) {
                to[t] = from[a++];
            } else {
                to[t] = from[b++];
            }
        }
    }
}
