package dev.tacit.data.movielens;

import dev.tacit.algebra.Entries;
import dev.tacit.data.RatingSet;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MovieLens-100K ratings (Harper and Konstan, ACM TiiS 2015): every rating of {@code u.data}, with user and item
 * ids mapped densely (the k-th smallest id becomes row or column k−1), and the release's own splits.
 *
 * <p>The official release has 100,000 ratings of 943 users on 1682 items and its {@code u.data} has the SHA-256
 * {@value #U_DATA_SHA256}; {@link #official()} says whether the loaded file is that one. Any file in the same format
 * loads (smaller test files, a modified copy), and every run reports the checksum of what it read.
 */
public final class MovieLens100k implements RatingSet {

    /** The release's top directory, in the archive and in the cache. */
    public static final String NAME = "ml-100k";
    /** SHA-256 of the official {@code u.data}. */
    public static final String U_DATA_SHA256 = "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490";
    /** The split files shipped with the release: five 80/20 folds and two with ten test ratings per user. */
    public static final java.util.List<String> RELEASE_SPLITS = java.util.List.of("u1", "u2", "u3", "u4", "u5", "ua", "ub");

    /** The citation the dataset's licence requires in every publication that uses it. */
    public static final String CITATION = "F. Maxwell Harper and Joseph A. Konstan. 2015. The MovieLens Datasets: "
            + "History and Context. ACM Transactions on Interactive Intelligent Systems (TiiS) 5, 4, Article 19 "
            + "(December 2015), 19 pages. https://doi.org/10.1145/2827872";

    /** The dataset's usage licence in brief; the release's README has the full text. */
    public static final String LICENCE = "MovieLens-100K was collected by the GroupLens Research Project at the "
            + "University of Minnesota. It may be used for research purposes only: do not state or imply endorsement by "
            + "the University of Minnesota or GroupLens; acknowledge its use in publications (cite the paper below); do "
            + "not redistribute it without separate permission; no commercial or revenue-bearing use without "
            + "permission from GroupLens. The full terms are in the README of the release.";

    private final String location;
    private final DatasetFiles files;
    private final RatingsFile ratings;
    private final String sha256;
    private final int[] userIds;
    private final int[] itemIds;
    private final int[] rows;
    private final int[] cols;
    private final LongIntMap index;

    private MovieLens100k(DatasetFiles files, RatingsFile ratings, String sha256) {
        this.location = files.location();
        this.files = files;
        this.ratings = ratings;
        this.sha256 = sha256;
        int n = ratings.size();
        int[] u = new int[n];
        int[] i = new int[n];
        for (int k = 0; k < n; k++) {
            u[k] = ratings.user(k);
            i[k] = ratings.item(k);
        }
        userIds = Arrays.stream(u).distinct().sorted().toArray();
        itemIds = Arrays.stream(i).distinct().sorted().toArray();
        rows = new int[n];
        cols = new int[n];
        index = new LongIntMap(n);
        for (int k = 0; k < n; k++) {
            rows[k] = Arrays.binarySearch(userIds, u[k]);
            cols[k] = Arrays.binarySearch(itemIds, i[k]);
            index.putIfAbsent(RatingsFile.key(u[k], i[k]), k);
        }
    }

    /**
     * Loads {@code u.data} from a directory holding it, a directory holding {@code ml-100k/u.data}, or a zip archive
     * of either layout (read in place, without unpacking).
     *
     * @param path the unpacked release, a directory holding it, or its zip archive
     * @return the dataset
     * @throws MalformedFileException if the release is missing or any line of {@code u.data} is malformed
     */
    public static MovieLens100k load(Path path) {
        DatasetFiles files = DatasetFiles.at(path, NAME);
        byte[] data = files.read("u.data").orElseThrow(() -> new MalformedFileException(files.describe("u.data"), 0,
                "missing", "restore the release from the official archive (tacit data fetch " + NAME + ")"));
        return new MovieLens100k(files, RatingsFile.parse(files.describe("u.data"), data), sha256(data));
    }

    /**
     * @param bytes some bytes
     * @return their SHA-256, lower-case hex
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** @return where the release was read from */
    public String location() {
        return location;
    }

    /** @return SHA-256 of the {@code u.data} read */
    public String sha256() {
        return sha256;
    }

    /** @return whether {@code u.data} is byte for byte the official file */
    public boolean official() {
        return U_DATA_SHA256.equals(sha256);
    }

    /** @return number of ratings */
    @Override
    public int size() {
        return ratings.size();
    }

    /** @return number of distinct users: the rows of the rating matrix */
    @Override
    public int users() {
        return userIds.length;
    }

    /** @return number of distinct items: the columns of the rating matrix */
    @Override
    public int items() {
        return itemIds.length;
    }

    /**
     * @param k a rating index (line k+1 of {@code u.data})
     * @return its dense row (user)
     */
    public int row(int k) {
        return rows[k];
    }

    /**
     * @param k a rating index
     * @return its dense column (item)
     */
    public int col(int k) {
        return cols[k];
    }

    /**
     * @param k a rating index
     * @return its rating, 1 to 5
     */
    public int rating(int k) {
        return ratings.rating(k);
    }

    /**
     * @param row a dense row
     * @return the user id it stands for
     */
    public int userId(int row) {
        return userIds[row];
    }

    /**
     * @param col a dense column
     * @return the item id it stands for
     */
    public int itemId(int col) {
        return itemIds[col];
    }

    /**
     * The ratings at some indices as entries of the users×items matrix.
     *
     * @param indices rating indices, each at most once
     * @return the observations, in the order given
     */
    @Override
    public Entries observations(int[] indices) {
        int[] r = new int[indices.length];
        int[] c = new int[indices.length];
        double[] v = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            r[k] = rows[indices[k]];
            c[k] = cols[indices[k]];
            v[k] = ratings.rating(indices[k]);
        }
        return Entries.of(users(), items(), r, c, v);
    }

    /**
     * Reads one of the release's splits, {@code <name>.base} and {@code <name>.test}, checking that both parse, that
     * every rating in them is the same rating of {@code u.data}, and that they are disjoint.
     *
     * @param name one of {@link #RELEASE_SPLITS}
     * @return the rating indices of the two files: train from {@code .base}, test from {@code .test}
     * @throws MalformedFileException if a file is missing or malformed or disagrees with {@code u.data}
     */
    @Override
    public int[][] releaseSplit(String name) {
        if (!RELEASE_SPLITS.contains(name)) {
            throw new IllegalArgumentException("no release split '" + name + "'; the release has " + RELEASE_SPLITS);
        }
        int[] base = indices(name + ".base");
        int[] test = indices(name + ".test");
        boolean[] inBase = new boolean[size()];
        for (int k : base) {
            inBase[k] = true;
        }
        for (int t = 0; t < test.length; t++) {
            if (inBase[test[t]]) {
                int k = test[t];
                throw new MalformedFileException(files.describe(name + ".test"), t + 1, "user "
                        + ratings.user(k) + "'s rating of item " + ratings.item(k) + " is also in " + name + ".base",
                        "a split's test ratings must not be trained on; restore both files from the official archive");
            }
        }
        return new int[][] {base, test};
    }

    private int[] indices(String name) {
        String where = files.describe(name);
        byte[] content = files.read(name).orElseThrow(() -> new MalformedFileException(where, 0, "missing",
                "restore the release's split files from the official archive (tacit data fetch " + NAME + "), or use "
                        + "a random split such as --split 0.9"));
        RatingsFile part = RatingsFile.parse(where, content);
        int[] out = new int[part.size()];
        for (int k = 0; k < out.length; k++) {
            int at = index.get(RatingsFile.key(part.user(k), part.item(k)));
            if (at < 0) {
                throw new MalformedFileException(where, k + 1, "user " + part.user(k) + " never rates item "
                        + part.item(k) + " in u.data", "the split files must come from the same release as u.data");
            }
            if (ratings.rating(at) != part.rating(k)) {
                throw new MalformedFileException(where, k + 1, "user " + part.user(k) + " rates item " + part.item(k)
                        + " " + part.rating(k) + " here but " + ratings.rating(at) + " on line " + (at + 1)
                        + " of u.data", "the split files must come from the same release as u.data");
            }
            out[k] = at;
        }
        return out;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String userLabel(int row) {
        return Integer.toString(userIds[row]);
    }

    @Override
    public String itemLabel(int col) {
        return Integer.toString(itemIds[col]);
    }

    @Override
    public double minRating() {
        return RatingsFile.MIN_RATING;
    }

    @Override
    public double maxRating() {
        return RatingsFile.MAX_RATING;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("location", location);
        d.put("u_data_sha256", sha256);
        d.put("official", official());
        d.put("users", users());
        d.put("items", items());
        d.put("ratings", size());
        return d;
    }

    @Override
    public String toString() {
        return "MovieLens " + users() + " users x " + items() + " items, " + size() + " ratings from " + location;
    }
}
