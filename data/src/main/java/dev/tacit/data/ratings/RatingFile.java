package dev.tacit.data.ratings;

import dev.tacit.algebra.Entries;
import dev.tacit.data.RatingSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ratings file read by {@link RatingsReader}, seen as a {@link RatingSet}: the same splits, protocols and models as
 * MovieLens-100K apply to it. Predictions are clipped to the range of its ratings.
 *
 * @param ratings     the file's ratings
 * @param minRating   the smallest rating in the file
 * @param maxRating   the largest rating in the file
 * @param fingerprint the SHA-256 of its content (the user and item ids and every rating, in order), which stays the
 *                    same whatever the delimiter or layout of the file that held them
 */
public record RatingFile(Ratings ratings, double minRating, double maxRating, String fingerprint)
        implements RatingSet {

    /**
     * @param ratings the file's ratings
     * @return the view, with its rating range and fingerprint computed once
     */
    public static RatingFile of(Ratings ratings) {
        Entries e = ratings.entries();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        MessageDigest sha = sha256();
        ids(sha, ratings.users());
        ids(sha, ratings.items());
        ByteBuffer buffer = ByteBuffer.allocate(16 * 4096);
        for (int k = 0; k < e.size(); k++) {
            double v = e.value(k);
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (buffer.remaining() < 16) {
                sha.update(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            buffer.putInt(e.row(k)).putInt(e.col(k)).putDouble(v);
        }
        sha.update(buffer.array(), 0, buffer.position());
        return new RatingFile(ratings, min, max, HexFormat.of().formatHex(sha.digest()));
    }

    private static void ids(MessageDigest sha, IdTable table) {
        for (int i = 0; i < table.size(); i++) {
            sha.update(table.id(i).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        sha.update((byte) 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String name() {
        String source = ratings.source();
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return source.substring(slash + 1);
    }

    @Override
    public int users() {
        return ratings.users().size();
    }

    @Override
    public int items() {
        return ratings.items().size();
    }

    @Override
    public int size() {
        return ratings.size();
    }

    @Override
    public String userLabel(int row) {
        return ratings.users().id(row);
    }

    @Override
    public String itemLabel(int col) {
        return ratings.items().id(col);
    }

    @Override
    public Entries observations(int[] indices) {
        Entries all = ratings.entries();
        int[] r = new int[indices.length];
        int[] c = new int[indices.length];
        double[] v = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            r[k] = all.row(indices[k]);
            c[k] = all.col(indices[k]);
            v[k] = all.value(indices[k]);
        }
        return Entries.adopt(users(), items(), r, c, v);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("location", ratings.source());
        d.put("layout", ratings.layout().describe());
        d.put("sha256", fingerprint);
        d.put("users", users());
        d.put("items", items());
        d.put("ratings", size());
        d.put("rating_range", java.util.List.of(minRating, maxRating));
        return d;
    }
}
