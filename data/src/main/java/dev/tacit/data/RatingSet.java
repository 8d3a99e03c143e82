package dev.tacit.data;

import dev.tacit.algebra.Entries;
import dev.tacit.api.UsageException;
import java.util.Map;

/**
 * Ratings of users on items, as a users×items matrix whose k-th rating is entry k: MovieLens-100K, or any ratings file
 * ({@link dev.tacit.data.ratings.RatingFile}). Splits ({@link dev.tacit.data.movielens.Split}) and the protocols work on
 * this view, so every dataset takes the same path.
 */
public interface RatingSet {

    /** @return a short name for reports, for example {@code ml-100k} or the file's name */
    String name();

    /** @return number of users (rows) */
    int users();

    /** @return number of items (columns) */
    int items();

    /** @return number of ratings */
    int size();

    /**
     * @param row a user's row
     * @return the user's id as the data wrote it
     */
    String userLabel(int row);

    /**
     * @param col an item's column
     * @return the item's id as the data wrote it
     */
    String itemLabel(int col);

    /**
     * @param indices rating indices, each in [0, size)
     * @return those ratings as entries of the users×items matrix
     */
    Entries observations(int[] indices);

    /** @return the smallest rating a prediction is clipped to */
    double minRating();

    /** @return the largest rating a prediction is clipped to */
    double maxRating();

    /** @return what the data is, for reports: where it came from, its sizes, a fingerprint */
    Map<String, Object> describe();

    /**
     * A split the data ships with (MovieLens-100K's u1..u5, ua, ub).
     *
     * @param name the split's name
     * @return the training and test rating indices
     * @throws UsageException if the data ships no such split
     */
    default int[][] releaseSplit(String name) {
        throw new UsageException("--split " + name + " names a split shipped with MovieLens-100K; for " + name()
                + " give a training fraction such as 0.9, or kfold:K:I");
    }
}
