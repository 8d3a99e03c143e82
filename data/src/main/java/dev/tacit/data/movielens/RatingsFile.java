package dev.tacit.data.movielens;

import java.nio.charset.StandardCharsets;

/**
 * The ratings of one file in the format of MovieLens-100K's {@code u.data} and its split files ({@code u1.base},
 * {@code ua.test}, ...): one rating per line, {@code user<TAB>item<TAB>rating<TAB>timestamp}, ids from 1, ratings
 * whole stars from 1 to 5, timestamps in seconds since 1970.
 *
 * <p>Parsing is strict: any line that is not exactly that, a repeated (user, item) pair, or an empty file is
 * rejected with a {@link MalformedFileException} naming the file, the line and the fix. A final newline is optional
 * and a carriage return before it is tolerated (a file saved on Windows); nothing else is.
 */
public final class RatingsFile {

    /** The lowest rating of the scale. */
    public static final int MIN_RATING = 1;
    /** The highest rating of the scale. */
    public static final int MAX_RATING = 5;

    private static final String FORMAT = "each line must be user<TAB>item<TAB>rating<TAB>timestamp, for example "
            + "'196\t242\t3\t881250949'";

    private final String file;
    private final int[] users;
    private final int[] items;
    private final int[] ratings;
    private final long[] timestamps;

    private RatingsFile(String file, int[] users, int[] items, int[] ratings, long[] timestamps) {
        this.file = file;
        this.users = users;
        this.items = items;
        this.ratings = ratings;
        this.timestamps = timestamps;
    }

    /**
     * Parses a whole file.
     *
     * @param file    the file as the user knows it, for messages
     * @param content its bytes (UTF-8; the ratings files are ASCII)
     * @return the ratings, in file order
     * @throws MalformedFileException at the first problem, naming the line
     */
    public static RatingsFile parse(String file, byte[] content) {
        int end = content.length;
        boolean blank = true;
        int count = 0;
        for (int k = 0; k < end; k++) {
            byte c = content[k];
            if (c == '\n') {
                count++;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                blank = false;
            }
        }
        if (blank) {
            throw new MalformedFileException(file, 0, "the file is empty",
                    "restore it from the official archive (tacit data fetch ml-100k); " + FORMAT);
        }
        if (end > 0 && content[end - 1] != '\n') {
            count++; // a last line without its newline
        }
        int[] users = new int[count];
        int[] items = new int[count];
        int[] ratings = new int[count];
        long[] timestamps = new long[count];
        LongIntMap firstLine = new LongIntMap(count);
        int[] fieldStart = new int[4];
        int[] fieldEnd = new int[4];
        int pos = 0;
        for (int k = 0; k < count; k++) {
            int lineNo = k + 1;
            int lineEnd = pos;
            while (lineEnd < end && content[lineEnd] != '\n') {
                lineEnd++;
            }
            int next = lineEnd + 1;
            if (lineEnd > pos && content[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (lineEnd == pos) {
                throw new MalformedFileException(file, lineNo, "empty line", "delete it; " + FORMAT);
            }
            int fields = 0;
            int start = pos;
            for (int c = pos; c <= lineEnd; c++) {
                if (c == lineEnd || content[c] == '\t') {
                    if (fields < 4) {
                        fieldStart[fields] = start;
                        fieldEnd[fields] = c;
                    }
                    fields++;
                    start = c + 1;
                }
            }
            if (fields != 4) {
                throw new MalformedFileException(file, lineNo, "expected 4 tab-separated fields, found " + fields
                        + " in '" + shorten(text(content, pos, lineEnd)) + "'", FORMAT);
            }
            users[k] = (int) whole(file, lineNo, "user id", content, fieldStart[0], fieldEnd[0], 1, Integer.MAX_VALUE);
            items[k] = (int) whole(file, lineNo, "item id", content, fieldStart[1], fieldEnd[1], 1, Integer.MAX_VALUE);
            ratings[k] = (int) whole(file, lineNo, "rating", content, fieldStart[2], fieldEnd[2], MIN_RATING,
                    MAX_RATING);
            timestamps[k] = whole(file, lineNo, "timestamp", content, fieldStart[3], fieldEnd[3], 0, Long.MAX_VALUE);
            int previous = firstLine.putIfAbsent(key(users[k], items[k]), lineNo);
            if (previous >= 0) {
                throw new MalformedFileException(file, lineNo, "user " + users[k] + " rates item " + items[k]
                        + " again (first on line " + previous + ")", "keep one rating per (user, item) pair");
            }
            pos = next;
        }
        return new RatingsFile(file, users, items, ratings, timestamps);
    }

    private static String text(byte[] content, int from, int to) {
        return new String(content, from, to - from, StandardCharsets.UTF_8);
    }

    static long key(int user, int item) {
        return ((long) user << 32) | (item & 0xffffffffL);
    }

    private static long whole(String file, int line, String what, byte[] content, int from, int to, long min,
                              long max) {
        boolean negative = from < to && content[from] == '-';
        int first = negative ? from + 1 : from;
        long v = 0;
        boolean ok = first < to && to - first <= 18;
        for (int c = first; ok && c < to; c++) {
            int digit = content[c] - '0';
            if (digit < 0 || digit > 9) {
                ok = false;
            } else {
                v = 10 * v + digit;
            }
        }
        if (!ok) {
            throw new MalformedFileException(file, line, what + " '" + shorten(text(content, from, to))
                    + "' is not a whole number", what.equals("rating") ? "ratings are whole stars from " + MIN_RATING
                    + " to " + MAX_RATING : FORMAT);
        }
        v = negative ? -v : v;
        if (v < min || v > max) {
            String range = max == Long.MAX_VALUE ? "at least " + min
                    : "from " + min + " to " + max;
            throw new MalformedFileException(file, line, what + " " + v + " is out of range",
                    what + "s must be " + range);
        }
        return v;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** @return the file as the user knows it */
    public String file() {
        return file;
    }

    /** @return number of ratings (lines) */
    public int size() {
        return ratings.length;
    }

    /**
     * @param k rating index, in file order
     * @return its user id as written in the file
     */
    public int user(int k) {
        return users[k];
    }

    /**
     * @param k rating index
     * @return its item id as written in the file
     */
    public int item(int k) {
        return items[k];
    }

    /**
     * @param k rating index
     * @return its rating, 1 to 5
     */
    public int rating(int k) {
        return ratings[k];
    }

    /**
     * @param k rating index
     * @return its timestamp, seconds since 1970
     */
    public long timestamp(int k) {
        return timestamps[k];
    }
}
