package dev.tacit.data.ratings;

import java.util.List;
import java.util.OptionalInt;

/**
 * How a ratings file was read, as given or detected: what the command line prints so that the user can check the
 * detection and pin it with options next time.
 *
 * @param delimiter the field separator
 * @param header    whether the first line named the columns (and was skipped)
 * @param fields    the number of fields of every line
 * @param user      the user id's column, from 1
 * @param item      the item id's column, from 1
 * @param rating    the rating's column, from 1
 * @param timestamp the timestamp's column, from 1, if timestamps were read
 * @param names     the header's names in column order, empty without a header
 */
public record Layout(Delimiter delimiter, boolean header, int fields, int user, int item, int rating,
                     OptionalInt timestamp, List<String> names) {

    /** @throws IllegalArgumentException if a column lies outside 1..fields, or the names do not match the fields */
    public Layout {
        if (delimiter == null || timestamp == null || names == null) {
            throw new IllegalArgumentException("delimiter, timestamp and names must not be null");
        }
        names = List.copyOf(names);
        for (int c : new int[] {user, item, rating, timestamp.orElse(1)}) {
            if (c < 1 || c > fields) {
                throw new IllegalArgumentException("column " + c + " lies outside 1.." + fields);
            }
        }
        if (header ? names.size() != fields : !names.isEmpty()) {
            throw new IllegalArgumentException((header ? "a header names every one of the " + fields
                    + " fields" : "without a header there are no names") + ", got " + names);
        }
    }

    /**
     * @return one line for the user, for example {@code comma-separated with a header; user=userId (1), item=movieId
     *         (2), rating=rating (3), timestamp=timestamp (4)}
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(delimiter.label()).append("-separated, ").append(fields)
                .append(" fields, ").append(header ? "with a header" : "no header").append("; user=")
                .append(column(user)).append(", item=").append(column(item)).append(", rating=").append(column(rating));
        timestamp.ifPresent(t -> sb.append(", timestamp=").append(column(t)));
        return sb.toString();
    }

    private String column(int c) {
        return header ? names.get(c - 1) + " (" + c + ")" : Integer.toString(c);
    }
}
