package dev.tacit.data.ratings;

import java.util.Locale;

/**
 * What reading a ratings file took.
 *
 * @param lines      lines read, the header and blank lines included
 * @param textBytes  bytes of text read (after gunzipping)
 * @param fileBytes  bytes read from the file itself (the compressed size of a {@code .gz})
 * @param gzip       whether the file was gzip data
 * @param ratingRows rating lines parsed
 * @param ratings    ratings kept: fewer than the lines when duplicate pairs were merged
 * @param seconds    wall-clock time from opening to the finished value, index building included
 */
public record ParseStatistics(long lines, long textBytes, long fileBytes, boolean gzip, long ratingRows, int ratings,
                              double seconds) {

    /** @throws IllegalArgumentException if a count or the time is negative, or more ratings were kept than read */
    public ParseStatistics {
        if (lines < 0 || textBytes < 0 || fileBytes < 0 || ratingRows < 0 || ratings < 0 || ratings > ratingRows
                || !(seconds >= 0)) {
            throw new IllegalArgumentException("statistics must be non-negative with ratings <= rating rows, got "
                    + lines + " lines, " + textBytes + " text bytes, " + fileBytes + " file bytes, " + ratingRows
                    + " rows, " + ratings + " ratings, " + seconds + " s");
        }
    }

    /** @return rating lines that were merged into an earlier rating of the same pair */
    public long merged() {
        return ratingRows - ratings;
    }

    /** @return rating lines parsed per second (0 if no time was measurable) */
    public double ratingsPerSecond() {
        return seconds > 0 ? ratingRows / seconds : 0;
    }

    /** @return megabytes (10⁶ bytes) of text parsed per second (0 if no time was measurable) */
    public double megabytesPerSecond() {
        return seconds > 0 ? textBytes / 1e6 / seconds : 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d ratings from %d lines (%.1f MB%s) in %.2f s: %.0f ratings/s, "
                + "%.1f MB/s%s", ratings, lines, textBytes / 1e6, gzip ? ", " + String.format(Locale.ROOT,
                "%.1f MB gzip", fileBytes / 1e6) : "", seconds, ratingsPerSecond(), megabytesPerSecond(),
                merged() > 0 ? "; " + merged() + " duplicate lines merged" : "");
    }
}
