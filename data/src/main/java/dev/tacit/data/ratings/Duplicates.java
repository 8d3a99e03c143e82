package dev.tacit.data.ratings;

import java.util.Locale;

/**
 * What to do when a (user, item) pair is rated more than once.
 *
 * <p>A merged pair stays where it first appears in the file: its entry keeps the position of the first occurrence in
 * entry order, takes the value of the last occurrence ({@link #LAST}) or the mean of all occurrences ({@link #MEAN},
 * summed in file order), and the timestamp of the last occurrence.
 */
public enum Duplicates {
    /** Refuse the file, naming the line of the repeat and of the first rating. The default. */
    ERROR,
    /** Keep the rating of the last line, as a later rating would overwrite an earlier one. */
    LAST,
    /** Keep the mean of every rating of the pair. */
    MEAN;

    /**
     * @param text {@code error}, {@code last} or {@code mean}, case-insensitive ({@code --duplicates})
     * @return the policy
     * @throws IllegalArgumentException naming the choices if the text is none of them
     */
    public static Duplicates parse(String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        switch (t) {
            case "error":
                return ERROR;
            case "last":
                return LAST;
            case "mean":
                return MEAN;
            default:
                throw new IllegalArgumentException("unknown duplicates policy '" + text + "'; give error, last or mean");
        }
    }
}
