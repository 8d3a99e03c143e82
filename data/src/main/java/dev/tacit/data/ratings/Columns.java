package dev.tacit.data.ratings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which columns hold the user, the item, the rating and (optionally) the timestamp.
 *
 * @param user      the user id's column
 * @param item      the item id's column
 * @param rating    the rating's column
 * @param timestamp the timestamp's column, if the ratings have one to keep; other columns are ignored
 */
public record Columns(Column user, Column item, Column rating, Optional<Column> timestamp) {

    /** @throws IllegalArgumentException if a column is missing or two roles name the same column */
    public Columns {
        if (user == null || item == null || rating == null || timestamp == null) {
            throw new IllegalArgumentException("user, item and rating columns must be given (timestamp as an "
                    + "Optional), got " + user + ", " + item + ", " + rating + ", " + timestamp);
        }
        Set<Column> seen = new HashSet<>();
        for (Column c : roles(user, item, rating, timestamp)) {
            if (!seen.add(c instanceof Column.Named n ? new Column.Named(n.name().toLowerCase(Locale.ROOT))
                    : c)) {
                throw new IllegalArgumentException("column " + c + " is given for two roles; give user, item, rating"
                        + " and timestamp columns that differ");
            }
        }
    }

    private static List<Column> roles(Column user, Column item, Column rating, Optional<Column> timestamp) {
        List<Column> out = new ArrayList<>(List.of(user, item, rating));
        timestamp.ifPresent(out::add);
        return out;
    }

    /**
     * Reads columns as given on a command line ({@code --columns}).
     *
     * @param text {@code user,item,rating} or {@code user,item,rating,timestamp}, each a header name or a position
     *             counted from 1, for example {@code userId,movieId,rating} or {@code 1,2,3,4}
     * @return the columns
     * @throws IllegalArgumentException if there are not three or four, or one is blank or repeated
     */
    public static Columns parse(String text) {
        String[] parts = (text == null ? "" : text).split(",", -1);
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("give the columns as user,item,rating[,timestamp] (names or positions "
                    + "from 1), got '" + text + "'");
        }
        List<Column> c = new ArrayList<>();
        for (String p : parts) {
            c.add(Column.parse(p));
        }
        return new Columns(c.get(0), c.get(1), c.get(2), parts.length == 4 ? Optional.of(c.get(3)) : Optional.empty());
    }

    /**
     * @param user   position of the user id, from 1
     * @param item   position of the item id, from 1
     * @param rating position of the rating, from 1
     * @return the columns, without a timestamp
     */
    public static Columns positions(int user, int item, int rating) {
        return new Columns(new Column.Position(user), new Column.Position(item), new Column.Position(rating),
                Optional.empty());
    }

    /**
     * @param timestamp the timestamp's column
     * @return these columns, with that timestamp column
     */
    public Columns withTimestamp(Column timestamp) {
        return new Columns(user, item, rating, Optional.of(timestamp));
    }

    /** @return whether any column is chosen by name (a header line is then required) */
    public boolean byName() {
        return roles(user, item, rating, timestamp).stream().anyMatch(c -> c instanceof Column.Named);
    }

    @Override
    public String toString() {
        return user + "," + item + "," + rating + timestamp.map(t -> "," + t).orElse("");
    }
}
