package dev.tacit.data.movielens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A minimal streaming parser for the family's three layouts (and a CSV with named columns, such as
 * {@code tacit data synth} writes). It reads the stream in 1 MB blocks and fills primitive arrays; no object is made
 * per rating. Strict: the first malformed line stops it with a {@link MalformedFileException} naming the line.
 *
 * <p>Kept small and private to this package on purpose: it is the loading layer's own reader until a generic
 * delimited reader replaces it, and only {@link MovieLensRatings} calls it.
 */
final class RatingsParser {

    /** How the first line is treated. */
    enum Header {
        /** There is none: the first line is a rating. */
        NONE,
        /** It must be exactly the layout's header. */
        EXACT,
        /** CSV whose header names its columns (user, item, rating, optional timestamp), or no header at all. */
        NAMED
    }

    private static final int BLOCK = 1 << 20;
    private static final int MAX_LINE = 1 << 16;

    private final String file;
    private final RatingsLayout layout;
    private final Header headerMode;
    private final byte[] delimiter;
    private final String format;
    private final RatingScale checked;
    private final int lowest;
    private final int highest;
    private final int stride;

    private int columns = 4;
    private int userColumn = 0;
    private int itemColumn = 1;
    private int ratingColumn = 2;
    private int timeColumn = 3;
    private int headerLines;

    int count;
    int[] users;
    int[] items;
    byte[] halves;
    int[] times;
    int maxUser;
    int maxItem;
    boolean allWhole = true;

    /**
     * @param file       the file as the user knows it, for messages
     * @param layout     its layout
     * @param headerMode how to treat the first line
     * @param scale      the ratings' scale; null to accept half stars from 0.5 to 5 and let the caller infer it
     * @param expected   how many ratings to expect (sizes the arrays; 0 if unknown)
     */
    RatingsParser(String file, RatingsLayout layout, Header headerMode, RatingScale scale, long expected) {
        this.file = file;
        this.layout = layout;
        this.headerMode = headerMode;
        this.delimiter = layout.delimiter().getBytes(StandardCharsets.US_ASCII);
        this.format = "each line must be " + layout.describe() + ", for example '"
                + layout.example().replace("\t", "<TAB>") + "'";
        // The scale in half stars, so that checking a rating is integer arithmetic.
        this.checked = scale == null ? RatingScale.HALF : scale;
        this.lowest = (int) Math.rint(2 * checked.min());
        this.highest = (int) Math.rint(2 * checked.max());
        this.stride = (int) Math.rint(2 * checked.step());
        if (Math.abs(2 * checked.step() - stride) > 1e-9 || Math.abs(2 * checked.min() - lowest) > 1e-9) {
            throw new IllegalArgumentException("the parser reads whole and half stars only, not " + checked);
        }
        int capacity = (int) Math.max(1024, Math.min(expected, Integer.MAX_VALUE - 16));
        users = new int[capacity];
        items = new int[capacity];
        halves = new byte[capacity];
        times = new int[capacity];
    }

    /** @return the number of lines before the first rating */
    int headerLines() {
        return headerLines;
    }

    /** @return whether the file has a timestamp column */
    boolean hasTimestamps() {
        return timeColumn >= 0;
    }

    /**
     * Reads every rating of the stream (which the caller closes).
     *
     * @param in the file's bytes
     * @return this, filled
     * @throws MalformedFileException at the first malformed line, or if there is no rating at all
     */
    RatingsParser parse(InputStream in) {
        byte[] buf = new byte[BLOCK];
        int len = 0;
        int pos = 0;
        long line = 0;
        boolean eof = false;
        try {
            while (true) {
                int nl = -1;
                for (int c = pos; c < len; c++) {
                    if (buf[c] == '\n') {
                        nl = c;
                        break;
                    }
                }
                if (nl < 0) {
                    if (eof) {
                        if (pos < len) {
                            line(buf, pos, len, ++line);
                        }
                        break;
                    }
                    if (pos > 0) {
                        System.arraycopy(buf, pos, buf, 0, len - pos);
                        len -= pos;
                        pos = 0;
                    }
                    if (len >= MAX_LINE) {
                        throw new MalformedFileException(file, line + 1, "the line is longer than " + MAX_LINE
                                + " bytes", "this is not a ratings file; " + format);
                    }
                    int read = in.read(buf, len, buf.length - len);
                    if (read < 0) {
                        eof = true;
                    } else {
                        len += read;
                    }
                    continue;
                }
                line(buf, pos, nl, ++line);
                pos = nl + 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (at line " + line + ")", e);
        }
        if (count == 0) {
            throw new MalformedFileException(file, 0, line == 0 ? "the file is empty" : "the file holds no rating",
                    "restore it from the official archive; " + format);
        }
        if (timeColumn < 0) {
            times = null;
        }
        return this;
    }

    private void line(byte[] buf, int from, int to, long lineNo) {
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        if (lineNo == 1 && to - from >= 3 && (buf[from] & 0xff) == 0xEF && (buf[from + 1] & 0xff) == 0xBB
                && (buf[from + 2] & 0xff) == 0xBF) {
            from += 3; // a byte-order mark, as some editors write
        }
        if (lineNo == 1 && headerMode != Header.NONE && header(buf, from, to)) {
            headerLines = 1;
            return;
        }
        if (to == from) {
            throw new MalformedFileException(file, lineNo, "empty line", "delete it; " + format);
        }
        try {
            record(buf, from, to, lineNo);
        } catch (MalformedFileException e) {
            // A line with the wrong number of fields is reported as such, not by the first field that fails to parse.
            if (fieldCount(buf, from, to) != columns) {
                throw fields(buf, from, to, lineNo);
            }
            throw e;
        }
    }

    private void record(byte[] buf, int from, int to, long lineNo) {
        int user = 0;
        int item = 0;
        int half = 0;
        long time = 0;
        int start = from;
        int column = 0;
        while (true) {
            int end = next(buf, start, to);
            if (column >= columns) {
                throw fields(buf, from, to, lineNo);
            }
            if (column == userColumn) {
                user = id(buf, start, end, lineNo, "user id");
            } else if (column == itemColumn) {
                item = id(buf, start, end, lineNo, "item id");
            } else if (column == ratingColumn) {
                half = halves(buf, start, end, lineNo);
            } else if (column == timeColumn) {
                time = number(buf, start, end);
                if (time < 0 || time > Integer.MAX_VALUE) {
                    throw new MalformedFileException(file, lineNo, "timestamp '" + text(buf, start, end)
                            + "' is not a whole number of seconds from 0 to " + Integer.MAX_VALUE, format);
                }
            }
            column++;
            if (end == to) {
                break;
            }
            start = end + delimiter.length;
        }
        if (column != columns) {
            throw fields(buf, from, to, lineNo);
        }
        if (count == users.length) {
            grow();
        }
        users[count] = user;
        items[count] = item;
        halves[count] = (byte) half;
        times[count] = (int) time;
        count++;
        maxUser = Math.max(maxUser, user);
        maxItem = Math.max(maxItem, item);
    }

    /** @return where the field starting at {@code from} ends: at the next delimiter or at {@code to} */
    private int next(byte[] buf, int from, int to) {
        byte d0 = delimiter[0];
        if (delimiter.length == 1) {
            for (int c = from; c < to; c++) {
                if (buf[c] == d0) {
                    return c;
                }
            }
            return to;
        }
        for (int c = from; c + 1 < to; c++) {
            if (buf[c] == d0 && buf[c + 1] == delimiter[1]) {
                return c;
            }
        }
        return to;
    }

    private int fieldCount(byte[] buf, int from, int to) {
        int found = 1;
        for (int c = next(buf, from, to); c < to; c = next(buf, c + delimiter.length, to)) {
            found++;
        }
        return found;
    }

    private MalformedFileException fields(byte[] buf, int from, int to, long lineNo) {
        int found = fieldCount(buf, from, to);
        String name = layout == RatingsLayout.TAB ? "tab-separated" : "'" + layout.delimiter() + "'-separated";
        return new MalformedFileException(file, lineNo, "expected " + columns + " " + name + " fields, found " + found
                + " in '" + shorten(text(buf, from, to)) + "'", format);
    }

    private boolean header(byte[] buf, int from, int to) {
        String first = text(buf, from, to);
        if (headerMode == Header.EXACT) {
            String wanted = layout.header().orElseThrow();
            if (!first.equals(wanted)) {
                throw new MalformedFileException(file, 1, "the first line must be the header '" + wanted
                        + "', found '" + shorten(first) + "'", "restore the file from the official archive");
            }
            return true;
        }
        if (!first.isEmpty() && Character.isDigit(first.charAt(0))) {
            columns = Math.max(3, first.split(",", -1).length); // no header: user,item,rating[,timestamp]
            timeColumn = columns >= 4 ? 3 : -1;
            if (columns > 4) {
                throw new MalformedFileException(file, 1, "a CSV without a header must have the columns "
                        + "user,item,rating[,timestamp], found " + columns + " fields", "add a header naming them");
            }
            return false;
        }
        String[] names = first.split(",", -1);
        columns = names.length;
        userColumn = itemColumn = ratingColumn = timeColumn = -1;
        for (int k = 0; k < names.length; k++) {
            String n = names[k].strip().toLowerCase(Locale.ROOT).replace("_", "");
            switch (n) {
                case "user", "userid" -> userColumn = k;
                case "item", "itemid", "movie", "movieid" -> itemColumn = k;
                case "rating" -> ratingColumn = k;
                case "timestamp", "time" -> timeColumn = k;
                default -> { } // another column: read past it
            }
        }
        if (userColumn < 0 || itemColumn < 0 || ratingColumn < 0) {
            throw new MalformedFileException(file, 1, "the header '" + shorten(first) + "' does not name a user, an "
                    + "item and a rating column", "name them user (or userId), item (or movieId) and rating");
        }
        return true;
    }

    private int id(byte[] buf, int from, int to, long lineNo, String what) {
        long v = number(buf, from, to);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new MalformedFileException(file, lineNo, what + " '" + shorten(text(buf, from, to))
                    + "' is not a whole number from 1 to " + Integer.MAX_VALUE, format);
        }
        return (int) v;
    }

    /** @return the digits as a number, or −1 if the field is empty, too long or holds anything but digits */
    private static long number(byte[] buf, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int c = from; c < to; c++) {
            int d = buf[c] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = 10 * v + d;
        }
        return v;
    }

    /** @return the rating in half stars (twice its value), checked against the scale */
    private int halves(byte[] buf, int from, int to, long lineNo) {
        int dot = to;
        for (int c = from; c < to; c++) {
            if (buf[c] == '.') {
                dot = c;
                break;
            }
        }
        long whole = number(buf, from, dot);
        int half = -1;
        if (whole >= 0 && whole <= 100) {
            half = (int) (2 * whole);
            if (dot < to) {
                boolean zeros = dot + 1 < to;
                boolean five = dot + 1 < to && buf[dot + 1] == '5';
                for (int c = dot + 1; c < to; c++) {
                    zeros &= buf[c] == '0';
                    five &= c == dot + 1 || buf[c] == '0';
                }
                half = zeros ? half : five ? half + 1 : -1;
            }
        }
        if (half < lowest || half > highest || (half - lowest) % stride != 0) {
            RatingScale s = checked;
            String shown = text(buf, from, to);
            String problem = half < 0 ? "rating '" + shorten(shown) + "' is not a number of whole or half stars"
                    : "rating " + shown + " is not on the scale " + s;
            throw new MalformedFileException(file, lineNo, problem, "ratings of this file are " + s);
        }
        allWhole &= (half & 1) == 0;
        return half;
    }

    private void grow() {
        int capacity = (int) Math.min(Integer.MAX_VALUE - 16, users.length + (long) users.length / 2 + 16);
        if (capacity <= users.length) {
            throw new MalformedFileException(file, users.length, "more than " + users.length + " ratings",
                    "split the file");
        }
        users = Arrays.copyOf(users, capacity);
        items = Arrays.copyOf(items, capacity);
        halves = Arrays.copyOf(halves, capacity);
        times = Arrays.copyOf(times, capacity);
    }

    private static String text(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
