package dev.tacit.data.text;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Numbers parsed straight from bytes, without making a String per field: the parse rate of a 25-million-line file
 * depends on it.
 *
 * <p>Decimals follow {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}: no NaN, no infinity, no hex,
 * none of Java's {@code d}/{@code f} suffixes, no surrounding spaces. The result is the correctly rounded double,
 * as {@link Double#parseDouble} gives: up to 15 significant digits and a decimal exponent up to 22 the value is one
 * exact integer times or divided by one exact power of ten, a single correctly rounded operation (Clinger's fast
 * path); anything longer goes to {@link Double#parseDouble} once validated.
 */
public final class Decimal {

    private static final double[] POWERS = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    private Decimal() {
    }

    /**
     * @param b    bytes
     * @param from first byte
     * @param to   end (exclusive)
     * @return the value, possibly infinite when the text overflows a double, or NaN if the text is not a decimal
     */
    public static double parse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        boolean any = false;
        boolean slow = false;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            any = true;
            int d = b[i] - '0';
            if (mantissa != 0 || d != 0) {
                if (digits < 18) {
                    mantissa = 10 * mantissa + d;
                    digits++;
                } else {
                    slow = true;
                }
            }
            i++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                any = true;
                int d = b[i] - '0';
                if (mantissa != 0 || d != 0) {
                    if (digits < 18) {
                        mantissa = 10 * mantissa + d;
                        digits++;
                        exponent--;
                    } else {
                        slow = true;
                    }
                } else {
                    exponent--;
                }
                i++;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            if (i == to) {
                return Double.NaN;
            }
            int e = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                e = Math.min(10 * e + (b[i] - '0'), 1_000_000);
                i++;
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != to) {
            return Double.NaN;
        }
        if (slow || digits > 15 || exponent > 22 || exponent < -22) {
            // Validated above, so Java's parser sees only text it reads exactly as we mean it.
            return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        }
        double v = exponent >= 0 ? mantissa * POWERS[exponent] : mantissa / POWERS[-exponent];
        return negative ? -v : v;
    }

    /**
     * @param b    bytes
     * @param from first byte
     * @param to   end (exclusive)
     * @return whether they spell NaN or infinity as some programs write them ({@code nan}, {@code inf},
     *         {@code -Infinity}, ...), for a message that says "not finite" rather than "not a number"
     */
    public static boolean spellsNonFinite(byte[] b, int from, int to) {
        String s = new String(b, from, Math.min(to - from, 16), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (s.startsWith("+") || s.startsWith("-")) {
            s = s.substring(1);
        }
        return s.equals("nan") || s.equals("inf") || s.equals("infinity");
    }

    /**
     * @param b    bytes
     * @param from first byte
     * @param to   end (exclusive)
     * @return whether they are a whole number that fits a long: an optional sign and digits
     */
    public static boolean isWhole(byte[] b, int from, int to) {
        int i = from < to && (b[from] == '-' || b[from] == '+') ? from + 1 : from;
        if (i == to) {
            return false;
        }
        for (int k = i; k < to; k++) {
            if (b[k] < '0' || b[k] > '9') {
                return false;
            }
        }
        if (to - i <= 18) {
            return true;
        }
        try {
            Long.parseLong(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** What {@link #wholeOrSentinel} returns for text that is not a whole number (and for Long.MIN_VALUE itself). */
    public static final long SENTINEL = Long.MIN_VALUE;

    /**
     * One pass for the common case: up to 18 digits with an optional sign.
     *
     * @param b    bytes
     * @param from first byte
     * @param to   end (exclusive)
     * @return the value, or {@link #SENTINEL} if the text is not a whole number, or is one that this fast path leaves
     *         to {@link #isWhole} and {@link #whole} (19 digits, Long.MIN_VALUE)
     */
    public static long wholeOrSentinel(byte[] b, int from, int to) {
        boolean negative = from < to && b[from] == '-';
        int i = from < to && (negative || b[from] == '+') ? from + 1 : from;
        if (i == to || to - i > 18) {
            return SENTINEL;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return SENTINEL;
            }
            v = 10 * v + d;
        }
        return negative ? -v : v;
    }

    /**
     * @param b    bytes that {@link #isWhole} accepts
     * @param from first byte
     * @param to   end (exclusive)
     * @return their value
     */
    public static long whole(byte[] b, int from, int to) {
        boolean negative = b[from] == '-';
        int i = negative || b[from] == '+' ? from + 1 : from;
        if (to - i > 18) {
            return Long.parseLong(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        }
        long v = 0;
        for (int k = i; k < to; k++) {
            v = 10 * v + (b[k] - '0');
        }
        return negative ? -v : v;
    }
}
