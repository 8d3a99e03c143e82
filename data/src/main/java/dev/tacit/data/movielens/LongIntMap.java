package dev.tacit.data.movielens;

import java.util.Arrays;

/** An open-addressing hash map from long keys to non-negative ints, without boxing (100,000 ratings per file). */
final class LongIntMap {

    private final long[] keys;
    private final int[] values;
    private final int mask;

    /** @param expected how many keys will be put */
    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, -1);
        mask = capacity - 1;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (values[i] >= 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /**
     * @param key   a key
     * @param value a value, at least 0
     * @return the value already there (which is kept), or −1 if the key was absent and is now mapped to value
     */
    int putIfAbsent(long key, int value) {
        int i = slot(key);
        if (values[i] >= 0) {
            return values[i];
        }
        keys[i] = key;
        values[i] = value;
        return -1;
    }

    /**
     * @param key a key
     * @return its value, or −1
     */
    int get(long key) {
        return values[slot(key)];
    }
}
