package dev.tacit.data.movielens;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

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
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new MalformedFileException(file, 0, "the file is empty",
                    "restore it from the official archive (tacit data fetch ml-100k); " + FORMAT);
        }
        String[] lines = text.split("\n", -1);
        int count = lines.length;
        if (lines[count - 1].isEmpty()) {
            count--; // the final newline
        }
        int[] users = new int[count];
        int[] items = new int[count];
        int[] ratings = new int[count];
        long[] timestamps = new long[count];
        Map<Long, Integer> firstLine = new HashMap<>(count * 2);
        for (int k = 0; k < count; k++) {
            int lineNo = k + 1;
            String line = lines[k];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw new MalformedFileException(file, lineNo, "empty line", "delete it; " + FORMAT);
            }
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw new MalformedFileException(file, lineNo, "expected 4 tab-separated fields, found " + f.length
                        + " in '" + shorten(line) + "'", FORMAT);
            }
            users[k] = (int) whole(file, lineNo, "user id", f[0], 1, Integer.MAX_VALUE);
            items[k] = (int) whole(file, lineNo, "item id", f[1], 1, Integer.MAX_VALUE);
            ratings[k] = (int) whole(file, lineNo, "rating", f[2], MIN_RATING, MAX_RATING);
            timestamps[k] = whole(file, lineNo, "timestamp", f[3], 0, Long.MAX_VALUE);
            Integer previous = firstLine.putIfAbsent(key(users[k], items[k]), lineNo);
            if (previous != null) {
                throw new MalformedFileException(file, lineNo, "user " + users[k] + " rates item " + items[k]
                        + " again (first on line " + previous + ")", "keep one rating per (user, item) pair");
            }
        }
        return new RatingsFile(file, users, items, ratings, timestamps);
    }

    static long key(int user, int item) {
        return ((long) user << 32) | (item & 0xffffffffL);
    }

    private static long whole(String file, int line, String what, String text, long min, long max) {
        long v;
        try {
            if (text.isEmpty() || !(Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
                throw new NumberFormatException();
            }
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new MalformedFileException(file, line, what + " '" + shorten(text) + "' is not a whole number",
                    what.equals("rating") ? "ratings are whole stars from " + MIN_RATING + " to " + MAX_RATING
                            : FORMAT);
        }
        if (v < min || v > max) {
            String range = max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? "at least " + min
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
