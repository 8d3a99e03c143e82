package dev.tacit.data.ratings;

import java.util.Arrays;

/**
 * Splits one line into fields in place: each field is a range of the line's bytes, or of a scratch buffer when a
 * quoted field had doubled quotes to undo. Spaces around fields are trimmed (and tabs, unless tab is the delimiter).
 * Quoting follows RFC 4180 within a line: a field that starts with {@code "} ends at the next lone {@code "}, and
 * {@code ""} inside stands for one quote; line breaks inside quotes are not supported (ids and ratings have none).
 */
final class Fields {

    /** Fields kept per line; more are counted but not kept. */
    static final int KEPT = 1024;

    final byte[][] source = new byte[KEPT][];
    final int[] from = new int[KEPT];
    final int[] to = new int[KEPT];
    int count;
    /** After a failed split: the field (from 1) whose quotes are wrong, and what is wrong. */
    int badField;
    String problem;
    private byte[] scratch = new byte[0];
    private int scratchUsed;

    /**
     * @return whether the line split; if not, {@link #badField} and {@link #problem} say why
     */
    boolean split(Delimiter d, byte[] b, int s, int e) {
        count = 0;
        scratchUsed = 0;
        switch (d) {
            case WHITESPACE:
                splitWhitespace(b, s, e);
                return true;
            case DOUBLE_COLON:
                splitDoubleColon(b, s, e);
                return true;
            default:
                return splitSingle(d.symbol().charAt(0), d == Delimiter.TAB, b, s, e);
        }
    }

    private void keep(byte[] src, int a, int z) {
        if (count < KEPT) {
            source[count] = src;
            from[count] = a;
            to[count] = z;
        }
        count++;
    }

    private void splitWhitespace(byte[] b, int s, int e) {
        int i = s;
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
            keep(b, a, i);
        }
    }

    private void splitDoubleColon(byte[] b, int s, int e) {
        int a = s;
        for (int i = s; i + 1 < e; i++) {
            if (b[i] == ':' && b[i + 1] == ':') {
                keepTrimmed(b, a, i, false);
                i++;
                a = i + 1;
            }
        }
        keepTrimmed(b, a, e, false);
    }

    private void keepTrimmed(byte[] b, int a, int z, boolean tabIsDelimiter) {
        while (a < z && (b[a] == ' ' || (!tabIsDelimiter && b[a] == '\t'))) {
            a++;
        }
        while (z > a && (b[z - 1] == ' ' || (!tabIsDelimiter && b[z - 1] == '\t'))) {
            z--;
        }
        keep(b, a, z);
    }

    private boolean splitSingle(char sep, boolean tab, byte[] b, int s, int e) {
        int i = s;
        while (true) {
            int a = i;
            while (a < e && (b[a] == ' ' || (!tab && b[a] == '\t'))) {
                a++;
            }
            if (a < e && b[a] == '"') {
                int k = quoted(b, a + 1, e);
                if (k < 0) {
                    return false;
                }
                while (k < e && (b[k] == ' ' || (!tab && b[k] == '\t'))) {
                    k++;
                }
                if (k < e && b[k] != sep) {
                    badField = count;
                    problem = "text follows the closing quote of field " + count;
                    return false;
                }
                if (k == e) {
                    return true;
                }
                i = k + 1;
            } else {
                int z = a;
                while (z < e && b[z] != sep) {
                    z++;
                }
                keepTrimmed(b, a, z, tab);
                if (z == e) {
                    return true;
                }
                i = z + 1;
            }
        }
    }

    /** Reads a quoted field's content from just after its opening quote; returns the index after the closing quote. */
    private int quoted(byte[] b, int a, int e) {
        int i = a;
        boolean doubled = false;
        while (true) {
            while (i < e && b[i] != '"') {
                i++;
            }
            if (i == e) {
                badField = count + 1;
                problem = "field " + (count + 1) + " opens a quote that the line never closes";
                return -1;
            }
            if (i + 1 < e && b[i + 1] == '"') {
                doubled = true;
                i += 2;
                continue;
            }
            break;
        }
        if (!doubled) {
            keep(b, a, i);
            return i + 1;
        }
        if (scratch.length < scratchUsed + (i - a)) {
            scratch = Arrays.copyOf(scratch, Math.max(2 * scratch.length, scratchUsed + (i - a)));
            // Earlier fields of this line may point into the old scratch array; they keep it alive and valid.
        }
        int start = scratchUsed;
        for (int k = a; k < i; k++) {
            scratch[scratchUsed++] = b[k];
            if (b[k] == '"') {
                k++;
            }
        }
        keep(scratch, start, scratchUsed);
        return i + 1;
    }
}
