package dev.tacit.data.movielens;

import java.util.List;
import java.util.Optional;

/**
 * How one rating is written on one line of a MovieLens ratings file. Every layout has one rating per line, four
 * columns (user id, item id, rating, timestamp in seconds since 1970), ids that are positive whole numbers, and no
 * quoting; a final newline is optional and a carriage return before a newline is tolerated.
 *
 * <p>This is the description a generic delimited reader needs to read the family's files: the delimiter, whether the
 * first line is a header, and the columns in order. {@link MovieLensRatings} holds a minimal streaming parser for
 * exactly these layouts.
 */
public enum RatingsLayout {

    /** MovieLens-100K's {@code u.data}: {@code user<TAB>item<TAB>rating<TAB>timestamp}, no header. */
    TAB("\t", Optional.empty(), List.of("user id", "item id", "rating", "timestamp"), "196\t242\t3\t881250949"),

    /**
     * MovieLens-1M and -10M's {@code ratings.dat}: {@code UserID::MovieID::Rating::Timestamp}, no header; whole stars
     * in 1M, half stars in 10M.
     */
    DOUBLE_COLON("::", Optional.empty(), List.of("UserID", "MovieID", "Rating", "Timestamp"), "1::1193::5::978300760"),

    /**
     * MovieLens-20M, -25M and -32M's {@code ratings.csv}: comma-separated with the header
     * {@code userId,movieId,rating,timestamp}; half stars written with one decimal ({@code 3.5}, {@code 4.0}).
     */
    CSV(",", Optional.of("userId,movieId,rating,timestamp"), List.of("userId", "movieId", "rating", "timestamp"),
            "1,296,5.0,1147880044");

    private final String delimiter;
    private final Optional<String> header;
    private final List<String> columns;
    private final String example;

    RatingsLayout(String delimiter, Optional<String> header, List<String> columns, String example) {
        this.delimiter = delimiter;
        this.header = header;
        this.columns = columns;
        this.example = example;
    }

    /** @return the text between two columns: a tab, {@code ::} or a comma */
    public String delimiter() {
        return delimiter;
    }

    /** @return the first line of the file when the layout has a header */
    public Optional<String> header() {
        return header;
    }

    /** @return the column names in order, as the release's README calls them */
    public List<String> columns() {
        return columns;
    }

    /** @return one line as the release writes it */
    public String example() {
        return example;
    }

    /** @return the layout in words, for messages and help */
    public String describe() {
        String shown = delimiter.equals("\t") ? "<TAB>" : delimiter;
        return String.join(shown, columns)
                + (header.isPresent() ? ", with that header as the first line" : ", no header");
    }
}
