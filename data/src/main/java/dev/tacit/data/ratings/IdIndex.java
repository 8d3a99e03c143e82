package dev.tacit.data.ratings;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps id fields, as bytes, to provisional dense indices in order of first appearance, without making a String per
 * line: canonical decimal ids (MovieLens's) below {@value #DIRECT} through a direct table (at most 16 MB), larger ones
 * through a long-keyed open-addressing table, any other id through a table of byte strings kept in one arena. The
 * direct table matters: at 25 million lines the hash table's cache misses were the largest single cost. {@link #finish()} makes the Strings once per distinct id, sorts them into
 * id order and says where each provisional index goes.
 */
final class IdIndex {

    /** An id holds a control character. */
    static final int CONTROL = -1;
    /** An id is not valid UTF-8. */
    static final int NOT_UTF8 = -2;
    /** The ids' text outgrew one array. */
    static final int TOO_MANY = -3;

    /** Ids below this go through a direct table (id → index + 1): MovieLens's ids, without hashing or probing. */
    static final int DIRECT = 1 << 22;

    private int[] direct = new int[1024];

    private long[] numKeys = new long[1024];
    private int[] numValues = new int[1024]; // index + 1; 0 = empty slot
    private int numCount;

    private byte[] arena = new byte[4096];
    private int arenaUsed;
    private int[] byteStart = new int[256];
    private int[] byteLength = new int[256];
    private int[] byteHash = new int[256];
    private int[] byteIndex = new int[256];
    private int[] byteSlots = new int[1024]; // byte id + 1; 0 = empty slot
    private int byteCount;

    /** Per index: the numeric id (≥ 0), or −(byte id + 1). */
    private long[] repr = new long[1024];
    private int count;

    /**
     * @param b    bytes
     * @param from start of the id (non-empty)
     * @param to   end of the id
     * @return its index, or {@link #CONTROL}, {@link #NOT_UTF8} or {@link #TOO_MANY} for a new id that cannot be
     *         one
     */
    int indexOf(byte[] b, int from, int to) {
        int len = to - from;
        if (len <= 18 && (b[from] != '0' || len == 1)) {
            long v = 0;
            int i = from;
            for (; i < to; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                v = 10 * v + d;
            }
            if (i == to) {
                return numeric(v);
            }
        }
        return bytes(b, from, to);
    }

    private int numeric(long v) {
        if (v < DIRECT) {
            int id = (int) v;
            if (id >= direct.length) {
                direct = Arrays.copyOf(direct, Math.min(DIRECT, Math.max(2 * direct.length, id + 1)));
            }
            int at = direct[id];
            if (at != 0) {
                return at - 1;
            }
            int index = add(v);
            direct[id] = index + 1;
            return index;
        }
        int mask = numKeys.length - 1;
        int s = mix(v) & mask;
        while (numValues[s] != 0) {
            if (numKeys[s] == v) {
                return numValues[s] - 1;
            }
            s = (s + 1) & mask;
        }
        int index = add(v);
        numKeys[s] = v;
        numValues[s] = index + 1;
        if (++numCount * 2 > numKeys.length) {
            growNumeric();
        }
        return index;
    }

    private static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    private void growNumeric() {
        long[] keys = numKeys;
        int[] values = numValues;
        numKeys = new long[keys.length * 2];
        numValues = new int[keys.length * 2];
        int mask = numKeys.length - 1;
        for (int k = 0; k < keys.length; k++) {
            if (values[k] != 0) {
                int s = mix(keys[k]) & mask;
                while (numValues[s] != 0) {
                    s = (s + 1) & mask;
                }
                numKeys[s] = keys[k];
                numValues[s] = values[k];
            }
        }
    }

    private int bytes(byte[] b, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        h ^= h >>> 16;
        int len = to - from;
        int mask = byteSlots.length - 1;
        int s = h & mask;
        while (byteSlots[s] != 0) {
            int id = byteSlots[s] - 1;
            if (byteHash[id] == h && byteLength[id] == len
                    && Arrays.equals(arena, byteStart[id], byteStart[id] + len, b, from, to)) {
                return byteIndex[id];
            }
            s = (s + 1) & mask;
        }
        int problem = check(b, from, to);
        if (problem < 0) {
            return problem;
        }
        if (arenaUsed + (long) len > Integer.MAX_VALUE - 8) {
            return TOO_MANY;
        }
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(2L * arena.length, (long) arenaUsed + len)));
        }
        System.arraycopy(b, from, arena, arenaUsed, len);
        int id = byteCount++;
        if (id == byteStart.length) {
            byteStart = Arrays.copyOf(byteStart, 2 * id);
            byteLength = Arrays.copyOf(byteLength, 2 * id);
            byteHash = Arrays.copyOf(byteHash, 2 * id);
            byteIndex = Arrays.copyOf(byteIndex, 2 * id);
        }
        byteStart[id] = arenaUsed;
        byteLength[id] = len;
        byteHash[id] = h;
        arenaUsed += len;
        byteSlots[s] = id + 1;
        int index = add(-(id + 1L));
        byteIndex[id] = index;
        if (byteCount * 2 > byteSlots.length) {
            growBytes();
        }
        return index;
    }

    private void growBytes() {
        byteSlots = new int[byteSlots.length * 2];
        int mask = byteSlots.length - 1;
        for (int id = 0; id < byteCount; id++) {
            int s = byteHash[id] & mask;
            while (byteSlots[s] != 0) {
                s = (s + 1) & mask;
            }
            byteSlots[s] = id + 1;
        }
    }

    /** A new id may not hold control characters (a sign of binary data) and must be UTF-8. */
    private static int check(byte[] b, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 || c == 0x7f) {
                return CONTROL;
            }
            ascii &= c < 0x80;
        }
        if (!ascii) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from));
            } catch (CharacterCodingException e) {
                return NOT_UTF8;
            }
        }
        return 0;
    }

    private int add(long r) {
        if (count == repr.length) {
            repr = Arrays.copyOf(repr, 2 * count);
        }
        repr[count] = r;
        return count++;
    }

    /** @return distinct ids so far */
    int size() {
        return count;
    }

    /** The ids in id order, and where each provisional index went. */
    record Finished(IdTable table, int[] remap) {
    }

    /** @return the table and the map from provisional to final index */
    Finished finish() {
        String[] ids = new String[count];
        for (int k = 0; k < count; k++) {
            long r = repr[k];
            if (r >= 0) {
                ids[k] = Long.toString(r);
            } else {
                int id = (int) (-r - 1);
                ids[k] = new String(arena, byteStart[id], byteLength[id], StandardCharsets.UTF_8);
            }
        }
        String[] sorted = ids.clone();
        IdTable.sort(sorted);
        IdTable table = IdTable.of(Arrays.asList(sorted));
        int[] remap = new int[count];
        for (int k = 0; k < count; k++) {
            remap[k] = table.indexOf(ids[k]).getAsInt();
        }
        return new Finished(table, remap);
    }
}
