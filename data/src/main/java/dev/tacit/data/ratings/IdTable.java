package dev.tacit.data.ratings;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The ids of users or of items, as strings, and the dense index each stands for: index k is row (or column) k of the
 * rating matrix. Immutable.
 *
 * <p>A table read from a ratings file is in the <em>id order</em> of {@link #ordered}: numerically when every id is
 * an integer (so MovieLens ids 1..943 become indices 0..942), else by Unicode code point.
 */
public final class IdTable {

    /** Unicode code point order: that of the ids' UTF-8 bytes and of Python's {@code sorted}. */
    private static final Comparator<String> CODE_POINTS = IdTable::compareCodePoints;

    private final String[] ids;
    private final boolean integers;
    private final Map<String, Integer> index;

    private IdTable(String[] ids) {
        this.ids = ids;
        this.index = new HashMap<>(Math.max(16, ids.length * 4 / 3 + 1));
        boolean all = true;
        for (int k = 0; k < ids.length; k++) {
            String id = ids[k];
            if (id == null) {
                throw new IllegalArgumentException("id " + k + " is null");
            }
            if (index.put(id, k) != null) {
                throw new IllegalArgumentException("id '" + id + "' appears twice (the second time at index " + k
                        + ")");
            }
            all &= isInteger(id);
        }
        this.integers = all;
    }

    /**
     * A table in the order given, for ids saved with a model.
     *
     * @param ids the ids; index k stands for {@code ids.get(k)}
     * @return the table
     * @throws IllegalArgumentException if an id is null or appears twice
     */
    public static IdTable of(List<String> ids) {
        return new IdTable(ids.toArray(new String[0]));
    }

    /**
     * A table in id order, as the ratings reader makes it: when every id is an integer (an optional minus sign and 1
     * to 18 digits), by value and then by text (so {@code 007} comes before {@code 7}); otherwise by Unicode code
     * point, which is also the order of the ids' UTF-8 bytes and of Python's {@code sorted}.
     *
     * @param ids distinct ids, in any order
     * @return the table, numerically ordered if every id is an integer, else by code point
     * @throws IllegalArgumentException if an id is null or appears twice
     */
    public static IdTable ordered(Collection<String> ids) {
        String[] a = ids.toArray(new String[0]);
        for (String s : a) {
            if (s == null) {
                throw new IllegalArgumentException("an id is null");
            }
        }
        sort(a);
        return new IdTable(a);
    }

    /** Sorts ids into id order. */
    static void sort(String[] a) {
        if (Arrays.stream(a).allMatch(IdTable::isInteger)) {
            long[] v = new long[a.length];
            Integer[] order = new Integer[a.length];
            for (int k = 0; k < a.length; k++) {
                v[k] = Long.parseLong(a[k]);
                order[k] = k;
            }
            String[] copy = a.clone();
            Arrays.sort(order, (x, y) -> v[x] != v[y] ? Long.compare(v[x], v[y]) : compareCodePoints(copy[x],
                    copy[y]));
            for (int k = 0; k < a.length; k++) {
                a[k] = copy[order[k]];
            }
        } else {
            Arrays.sort(a, CODE_POINTS);
        }
    }

    /**
     * @param id some text
     * @return whether it is an integer in the sense of the id order: an optional minus sign and 1 to 18 digits
     */
    public static boolean isInteger(String id) {
        int from = id.startsWith("-") ? 1 : 0;
        int n = id.length() - from;
        if (n < 1 || n > 18) {
            return false;
        }
        for (int i = from; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** UTF-16 compared in code point order: surrogates move above U+E000..U+FFFF (the usual fix-up). */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return fixUp(x) - fixUp(y);
            }
        }
        return a.length() - b.length();
    }

    private static int fixUp(char c) {
        if (c >= 0xD800) {
            return c >= 0xE000 ? c - 0x800 : c + 0x2000;
        }
        return c;
    }

    /** @return number of ids */
    public int size() {
        return ids.length;
    }

    /**
     * @param index a dense index, in [0, size)
     * @return the id it stands for
     */
    public String id(int index) {
        return ids[index];
    }

    /**
     * @param id an id as written in the file
     * @return its dense index, if the table has it
     */
    public OptionalInt indexOf(String id) {
        Integer k = index.get(id);
        return k == null ? OptionalInt.empty() : OptionalInt.of(k);
    }

    /** @return whether every id is an integer (an optional minus sign and 1 to 18 digits) */
    public boolean integers() {
        return integers;
    }

    /** @return the ids in index order, unmodifiable */
    public List<String> asList() {
        return List.of(ids);
    }

    /** @return a copy of the ids in index order (for a {@code <U} array of a model file) */
    public String[] toArray() {
        return ids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdTable t && Arrays.equals(ids, t.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "IdTable[" + ids.length + (ids.length > 0 ? ": " + ids[0] + (ids.length > 1 ? " .. "
                + ids[ids.length - 1] : "") : "") + "]";
    }
}
