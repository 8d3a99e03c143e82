package dev.tacit.data.movielens;

import dev.tacit.algebra.Entries;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Every rating of one ratings file, streamed into primitive arrays (no object per rating), with user and item ids
 * mapped densely: the k-th smallest user id becomes row k, the k-th smallest item id column k. Ratings are kept as
 * half stars in a byte each; timestamps, where the file has them, as seconds in an int.
 *
 * <p>It reads the family's three layouts ({@link RatingsLayout}): {@link #load(MovieLens, Path)} reads a release's
 * ratings file strictly in that release's layout and scale, from the cache, an unpacked directory or the zip archive
 * itself; {@link #read(Path)} reads any file in one of the layouts, recognised from its first line, including the CSV
 * {@code user,item,rating} that {@code tacit data synth} writes (optionally gzipped). A malformed line, an id that is
 * not a positive whole number, a rating off the scale, a repeated (user, item) pair or an empty file is a
 * {@link MalformedFileException} naming the file, the line and the fix.
 *
 * <p>Memory: about 13 bytes per rating while parsing and 13 kept (two ints, one byte, one int timestamp); 32 million
 * ratings take about 420 MB.
 */
public final class MovieLensRatings {

    private final String source;
    private final Optional<MovieLens> dataset;
    private final RatingsLayout layout;
    private final RatingScale scale;
    private final int size;
    private final int[] rows;
    private final int[] cols;
    private final byte[] halves;
    private final int[] timestamps;
    private final int[] userIds;
    private final int[] itemIds;

    private MovieLensRatings(String source, Optional<MovieLens> dataset, RatingsLayout layout, RatingScale scale,
                             RatingsParser p) {
        this.source = source;
        this.dataset = dataset;
        this.layout = layout;
        this.scale = scale;
        this.size = p.count;
        // Ids become dense indices in place: the parser's arrays are trimmed and reused, not copied twice.
        this.rows = trim(p.users, size);
        p.users = null;
        this.userIds = densify(rows, p.maxUser);
        this.cols = trim(p.items, size);
        p.items = null;
        this.itemIds = densify(cols, p.maxItem);
        this.halves = p.halves.length == size ? p.halves : Arrays.copyOf(p.halves, size);
        this.timestamps = p.times == null ? null : trim(p.times, size);
        requireDistinct(p.headerLines());
    }

    /**
     * Loads a release's ratings from the cache directory, an unpacked release (or a directory holding one), or the
     * release's zip archive, read in place. The file must be in the release's layout and on its scale.
     *
     * @param dataset the release
     * @param path    where it is
     * @return its ratings, in file order
     * @throws MalformedFileException if the release is not there or its ratings file is malformed
     */
    public static MovieLensRatings load(MovieLens dataset, Path path) {
        DatasetFiles files = DatasetFiles.at(path, dataset.id(), dataset.top(), dataset.ratingsFile(),
                "run 'tacit data fetch " + dataset.id() + "', or point at the unpacked " + dataset.top()
                        + " directory or at " + dataset.archiveName());
        String name = files.describe(dataset.ratingsFile());
        long bytes = files.size(dataset.ratingsFile());
        // Arrays sized for the release, unless the file is too small to hold it (a fixture, a truncated copy).
        long capacity = bytes < 0 ? Math.min(dataset.expectedRatings(), 1 << 20)
                : Math.min(dataset.expectedRatings(), bytes / 8 + 16);
        try (InputStream in = files.open(dataset.ratingsFile())) {
            RatingsParser.Header header = dataset.layout().header().isPresent() ? RatingsParser.Header.EXACT
                    : RatingsParser.Header.NONE;
            RatingsParser p = new RatingsParser(name, dataset.layout(), header, dataset.scale(), capacity).parse(in);
            return new MovieLensRatings(name, Optional.of(dataset), dataset.layout(), dataset.scale(), p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /**
     * Reads a ratings file in one of the family's layouts, recognised from its first line: {@code ::} separated,
     * tab separated, or comma separated with a header naming the user, item and rating columns (a timestamp column
     * is optional; a CSV whose first line is a rating is read as {@code user,item,rating[,timestamp]}). Ratings may
     * be whole or half stars from 0.5 to 5; the scale is whole stars 1–5 if every rating is whole and at least 1,
     * half stars otherwise. A name ending in {@code .gz} is decompressed.
     *
     * @param file the file
     * @return its ratings, in file order
     * @throws MalformedFileException if it is missing, not in such a layout, or malformed
     */
    public static MovieLensRatings read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MalformedFileException(file.toString(), 0, "no such file", "check the path");
        }
        RatingsLayout layout = sniff(file);
        try (InputStream in = open(file)) {
            RatingsParser.Header header = layout == RatingsLayout.CSV ? RatingsParser.Header.NAMED
                    : RatingsParser.Header.NONE;
            RatingsParser p = new RatingsParser(file.toString(), layout, header, null, Files.size(file) / 12)
                    .parse(in);
            RatingScale scale = p.allWhole && minHalves(p) >= 2 ? RatingScale.WHOLE : RatingScale.HALF;
            return new MovieLensRatings(file.toString(), Optional.empty(), layout, scale, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Parses a stream in a given layout and scale.
     *
     * @param name    the file as the user knows it, for messages
     * @param in      its bytes (not closed here)
     * @param dataset the release it is from, if any ({@link #dataset()})
     * @param layout  its layout; a {@link RatingsLayout#CSV} must start with that layout's exact header
     * @param scale   its scale
     * @return the ratings, in file order
     * @throws MalformedFileException at the first malformed line
     */
    public static MovieLensRatings parse(String name, InputStream in, Optional<MovieLens> dataset,
                                         RatingsLayout layout, RatingScale scale) {
        RatingsParser.Header header = layout.header().isPresent() ? RatingsParser.Header.EXACT
                : RatingsParser.Header.NONE;
        long expected = Math.min(dataset.map(MovieLens::expectedRatings).orElse(0L), 1 << 20);
        RatingsParser p = new RatingsParser(name, layout, header, scale, expected).parse(in);
        return new MovieLensRatings(name, dataset, layout, scale, p);
    }

    private static int[] trim(int[] a, int size) {
        return a.length == size ? a : Arrays.copyOf(a, size);
    }

    private static int minHalves(RatingsParser p) {
        int min = Integer.MAX_VALUE;
        for (int k = 0; k < p.count; k++) {
            min = Math.min(min, p.halves[k]);
        }
        return min;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static RatingsLayout sniff(Path file) {
        byte[] head = new byte[4096];
        int n;
        try (InputStream in = new BufferedInputStream(open(file))) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new MalformedFileException(file.toString(), 0, "cannot be read (" + e.getMessage() + ")",
                    "check the file; a name ending in .gz must be gzip-compressed");
        }
        String first = new String(head, 0, n, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (first.contains("::")) {
            return RatingsLayout.DOUBLE_COLON;
        }
        if (first.contains("\t")) {
            return RatingsLayout.TAB;
        }
        if (first.contains(",")) {
            return RatingsLayout.CSV;
        }
        throw new MalformedFileException(file.toString(), 1, first.isBlank() ? "the first line is empty"
                : "the first line '" + (first.length() > 60 ? first.substring(0, 57) + "..." : first)
                        + "' is in none of the known layouts", "use user,item,rating with a header (CSV), "
                                + RatingsLayout.DOUBLE_COLON.describe() + ", or " + RatingsLayout.TAB.describe());
    }

    /**
     * Replaces each id by its rank among the distinct ids.
     *
     * @param ids   positive ids, replaced in place by dense indices
     * @param maxId the largest of them
     * @return the distinct ids in increasing order: index to id
     */
    private static int[] densify(int[] ids, int maxId) {
        if (maxId <= Math.max(1 << 22, 2L * ids.length)) {
            int[] index = new int[maxId + 1];
            for (int id : ids) {
                index[id] = 1;
            }
            int distinct = 0;
            for (int id = 1; id <= maxId; id++) {
                index[id] = index[id] == 0 ? -1 : distinct++;
            }
            int[] byIndex = new int[distinct];
            for (int id = 1; id <= maxId; id++) {
                if (index[id] >= 0) {
                    byIndex[index[id]] = id;
                }
            }
            for (int k = 0; k < ids.length; k++) {
                ids[k] = index[ids[k]];
            }
            return byIndex;
        }
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int k = 0; k < sorted.length; k++) {
            if (k == 0 || sorted[k] != sorted[k - 1]) {
                sorted[distinct++] = sorted[k];
            }
        }
        int[] byIndex = Arrays.copyOf(sorted, distinct);
        for (int k = 0; k < ids.length; k++) {
            ids[k] = Arrays.binarySearch(byIndex, ids[k]);
        }
        return byIndex;
    }

    /** Groups the columns by row (a counting sort) and looks for a column twice in a row. */
    private void requireDistinct(int headerLines) {
        int users = userIds.length;
        int[] start = new int[users + 1];
        for (int k = 0; k < size; k++) {
            start[rows[k] + 1]++;
        }
        for (int u = 0; u < users; u++) {
            start[u + 1] += start[u];
        }
        int[] fill = Arrays.copyOf(start, users);
        int[] byRow = new int[size];
        for (int k = 0; k < size; k++) {
            byRow[fill[rows[k]]++] = cols[k];
        }
        for (int u = 0; u < users; u++) {
            boolean increasing = true;
            for (int k = start[u] + 1; k < start[u + 1] && increasing; k++) {
                increasing = byRow[k] > byRow[k - 1];
            }
            if (increasing) {
                continue; // the usual case: files sorted by user, then item
            }
            Arrays.sort(byRow, start[u], start[u + 1]);
            for (int k = start[u] + 1; k < start[u + 1]; k++) {
                if (byRow[k] == byRow[k - 1]) {
                    repeated(u, byRow[k], headerLines);
                }
            }
        }
    }

    private void repeated(int row, int col, int headerLines) {
        int first = -1;
        for (int k = 0; k < size; k++) {
            if (rows[k] == row && cols[k] == col) {
                if (first >= 0) {
                    throw new MalformedFileException(source, k + 1L + headerLines, "user " + userIds[row]
                            + " rates item " + itemIds[col] + " again (first on line " + (first + 1L + headerLines)
                            + ")", "keep one rating per (user, item) pair");
                }
                first = k;
            }
        }
    }

    /** @return the file the ratings were read from, as the user knows it */
    public String source() {
        return source;
    }

    /** @return the release they are from, when loaded as one */
    public Optional<MovieLens> dataset() {
        return dataset;
    }

    /** @return the file's layout */
    public RatingsLayout layout() {
        return layout;
    }

    /** @return the ratings' scale: the release's, or for {@link #read(Path)} the one the file's ratings fit */
    public RatingScale scale() {
        return scale;
    }

    /** @return number of ratings */
    public int size() {
        return size;
    }

    /** @return number of distinct users: the rows of the rating matrix */
    public int users() {
        return userIds.length;
    }

    /** @return number of distinct items: the columns of the rating matrix */
    public int items() {
        return itemIds.length;
    }

    /**
     * @param k a rating index, in file order
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
     * @return its rating
     */
    public double rating(int k) {
        return halves[k] / 2.0;
    }

    /** @return whether the file has timestamps */
    public boolean hasTimestamps() {
        return timestamps != null;
    }

    /**
     * @param k a rating index
     * @return its timestamp, seconds since 1970
     * @throws IllegalStateException if the file has none
     */
    public long timestamp(int k) {
        if (timestamps == null) {
            throw new IllegalStateException(source + " has no timestamps");
        }
        return timestamps[k];
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

    /** @return every rating as an entry of the users×items matrix, in file order */
    public Entries observations() {
        double[] v = new double[size];
        for (int k = 0; k < size; k++) {
            v[k] = halves[k] / 2.0;
        }
        return Entries.of(users(), items(), rows, cols, v);
    }

    /**
     * @param indices rating indices, each at most once
     * @return those ratings as entries of the users×items matrix, in the order given
     */
    public Entries observations(int[] indices) {
        int[] r = new int[indices.length];
        int[] c = new int[indices.length];
        double[] v = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            r[k] = rows[indices[k]];
            c[k] = cols[indices[k]];
            v[k] = halves[indices[k]] / 2.0;
        }
        return Entries.of(users(), items(), r, c, v);
    }

    @Override
    public String toString() {
        return dataset.map(MovieLens::id).orElse("ratings") + ": " + size + " ratings of " + users() + " users on "
                + items() + " items, " + scale.label() + ", from " + source;
    }
}
