package dev.tacit.data.ratings;

import dev.tacit.algebra.Entries;
import java.util.Optional;

/**
 * The ratings of one file as a users×items matrix: the ids of the users (rows) and items (columns), every rating as
 * an {@link Entries} entry in file order, the timestamps if the file had them, how the file was read and what it
 * took. Immutable; built by {@link RatingsReader}.
 *
 * <p>Entry k is the k-th rating line of the file, unless duplicate pairs were merged (see {@link Duplicates}: a
 * merged pair keeps the place of its first line). Its row is the user's index in {@link #users()}, its column the
 * item's index in {@link #items()}, its value the rating.
 */
public final class Ratings {

    private final String source;
    private final Layout layout;
    private final IdTable users;
    private final IdTable items;
    private final Entries entries;
    private final int[] timestamps; // seconds fit an int until 2038: half the memory of longs
    private final long[] wideTimestamps;
    private final ParseStatistics statistics;

    Ratings(String source, Layout layout, IdTable users, IdTable items, Entries entries, int[] timestamps,
            long[] wideTimestamps, ParseStatistics statistics) {
        if (entries.rows() != users.size() || entries.cols() != items.size()
                || (timestamps != null && timestamps.length != entries.size())
                || (wideTimestamps != null && wideTimestamps.length != entries.size())
                || (timestamps != null && wideTimestamps != null)) {
            throw new IllegalStateException("ids, entries and timestamps disagree: " + users.size() + " users, "
                    + items.size() + " items, " + entries);
        }
        this.source = source;
        this.layout = layout;
        this.users = users;
        this.items = items;
        this.entries = entries;
        this.timestamps = timestamps;
        this.wideTimestamps = wideTimestamps;
        this.statistics = statistics;
    }

    /** @return the file as the user named it */
    public String source() {
        return source;
    }

    /** @return how the file was read: delimiter, header, columns */
    public Layout layout() {
        return layout;
    }

    /** @return the users, in row order */
    public IdTable users() {
        return users;
    }

    /** @return the items, in column order */
    public IdTable items() {
        return items;
    }

    /** @return the ratings as entries of the users×items matrix, in file order */
    public Entries entries() {
        return entries;
    }

    /** @return number of ratings */
    public int size() {
        return entries.size();
    }

    /** @return whether the file had a timestamp column that was read */
    public boolean hasTimestamps() {
        return timestamps != null || wideTimestamps != null;
    }

    /**
     * @param k an entry index
     * @return its timestamp as written (seconds since 1970 in the MovieLens files)
     * @throws IllegalStateException if the ratings have no timestamps
     */
    public long timestamp(int k) {
        if (timestamps != null) {
            return timestamps[k];
        }
        if (wideTimestamps != null) {
            return wideTimestamps[k];
        }
        throw new IllegalStateException(source + " was read without timestamps");
    }

    /** @return a copy of the timestamps in entry order, if the ratings have them */
    public Optional<long[]> timestamps() {
        if (wideTimestamps != null) {
            return Optional.of(wideTimestamps.clone());
        }
        if (timestamps == null) {
            return Optional.empty();
        }
        long[] out = new long[timestamps.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = timestamps[k];
        }
        return Optional.of(out);
    }

    /** @return what reading took */
    public ParseStatistics statistics() {
        return statistics;
    }

    @Override
    public String toString() {
        return "Ratings[" + entries.size() + " of " + users.size() + " users x " + items.size() + " items from "
                + source + "]";
    }
}
