package dev.tacit.data.movielens;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The MovieLens family as GroupLens publishes it (Harper and Konstan, ACM TiiS 2015): where each release's archive is,
 * what it unpacks to, the layout and scale of its ratings file, how many ratings it holds, the checksum Tacit pins,
 * and its licence.
 *
 * <p>Every archive is {@code https://files.grouplens.org/datasets/movielens/<name>.zip}, with its MD5 next to it in
 * {@code <name>.zip.md5}. MovieLens-100K's SHA-256 was pinned by the project itself and is authoritative on its own.
 * The MD5s pinned for the other releases are the values third parties quote; they have not been checked against the
 * real archives by the project (no machine of the project reaches GroupLens), so they are never trusted alone: {@link DatasetCache} uses such an archive only when it matches both the publisher's checksum
 * file and the pinned value.
 */
public enum MovieLens {

    /** 100,000 whole-star ratings of 943 users on 1682 movies (1998); tab-separated {@code u.data}. */
    ML_100K("ml-100k", "MovieLens-100K", "ml-100k", "u.data", RatingsLayout.TAB, RatingScale.WHOLE, "u.item",
            100_000, Checksum.sha256("50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229"), true,
            Terms.NO_REDISTRIBUTION),
    /** 1,000,209 whole-star ratings of 6040 users (2003); {@code ratings.dat} with {@code ::}. */
    ML_1M("ml-1m", "MovieLens-1M", "ml-1m", "ratings.dat", RatingsLayout.DOUBLE_COLON, RatingScale.WHOLE,
            "movies.dat", 1_000_209, Checksum.md5("c4d9eecfca2ab87c1945afe126590906"), false,
            Terms.NO_REDISTRIBUTION),
    /** 10,000,054 half-star ratings (2009); unpacks to {@code ml-10M100K/ratings.dat} with {@code ::}. */
    ML_10M("ml-10m", "MovieLens-10M", "ml-10M100K", "ratings.dat", RatingsLayout.DOUBLE_COLON, RatingScale.HALF,
            "movies.dat", 10_000_054, Checksum.md5("ce571fd55effeba0271552578f2648bd"), false,
            Terms.NO_REDISTRIBUTION_SEND_COPIES),
    /** 20,000,263 half-star ratings of 138,493 users (2015); {@code ratings.csv} with a header. */
    ML_20M("ml-20m", "MovieLens-20M", "ml-20m", "ratings.csv", RatingsLayout.CSV, RatingScale.HALF, "movies.csv",
            20_000_263, Checksum.md5("cd245b17a1ae2cc31bb14903e1204af3"), false, Terms.SAME_TERMS),
    /** 25,000,095 half-star ratings of 162,541 users (2019); {@code ratings.csv} with a header. */
    ML_25M("ml-25m", "MovieLens-25M", "ml-25m", "ratings.csv", RatingsLayout.CSV, RatingScale.HALF, "movies.csv",
            25_000_095, Checksum.md5("6b51fb2759a8657d3bfcbfc42b592ada"), false, Terms.SAME_TERMS),
    /** 32,000,204 half-star ratings of 200,948 users (2023); {@code ratings.csv} with a header. */
    ML_32M("ml-32m", "MovieLens-32M", "ml-32m", "ratings.csv", RatingsLayout.CSV, RatingScale.HALF, "movies.csv",
            32_000_204, Checksum.md5("d472be332d4daa821edc399621853b57"), false, Terms.SAME_TERMS);

    /** Where GroupLens publishes every archive of the family; an archive is this plus {@code <name>.zip}. */
    public static final URI BASE_URL = URI.create("https://files.grouplens.org/datasets/movielens/");

    /** The citation every release's licence requires in publications that use it. */
    public static final String CITATION = MovieLens100k.CITATION;

    /** The licence clauses that differ between releases. */
    private enum Terms {
        NO_REDISTRIBUTION("do not redistribute it without separate permission"),
        NO_REDISTRIBUTION_SEND_COPIES("send GroupLens a copy of every publication that uses it; do not redistribute it "
                + "without separate permission"),
        SAME_TERMS("redistribute it only as its README allows (under these same licence conditions)");

        private final String text;

        Terms(String text) {
            this.text = text;
        }
    }

    private final String id;
    private final String title;
    private final String top;
    private final String ratingsFile;
    private final RatingsLayout layout;
    private final RatingScale scale;
    private final String itemsFile;
    private final long expectedRatings;
    private final Checksum pinned;
    private final boolean pinVerified;
    private final Terms terms;

    MovieLens(String id, String title, String top, String ratingsFile, RatingsLayout layout, RatingScale scale,
              String itemsFile, long expectedRatings, Checksum pinned, boolean pinVerified, Terms terms) {
        this.id = id;
        this.title = title;
        this.top = top;
        this.ratingsFile = ratingsFile;
        this.layout = layout;
        this.scale = scale;
        this.itemsFile = itemsFile;
        this.expectedRatings = expectedRatings;
        this.pinned = pinned;
        this.pinVerified = pinVerified;
        this.terms = terms;
    }

    /**
     * @param id a name such as {@code ml-1m} (case does not matter)
     * @return the release, if there is one of that name
     */
    public static Optional<MovieLens> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.id.equals(wanted)).findFirst();
    }

    /** @return every name, for messages: {@code ml-100k, ml-1m, ...} */
    public static String ids() {
        return Arrays.stream(values()).map(MovieLens::id).collect(Collectors.joining(", "));
    }

    /** @return the release's name, as in its archive: {@code ml-1m} */
    public String id() {
        return id;
    }

    /** @return its title: {@code MovieLens-1M} */
    public String title() {
        return title;
    }

    /** @return the archive's file name: {@code ml-1m.zip} */
    public String archiveName() {
        return id + ".zip";
    }

    /** @return the official address of the archive */
    public URI uri() {
        return BASE_URL.resolve(archiveName());
    }

    /** @return the directory the archive unpacks to: the name, except {@code ml-10M100K} for ml-10m */
    public String top() {
        return top;
    }

    /** @return the ratings file inside that directory: {@code u.data}, {@code ratings.dat} or {@code ratings.csv} */
    public String ratingsFile() {
        return ratingsFile;
    }

    /** @return how the ratings file is written */
    public RatingsLayout layout() {
        return layout;
    }

    /** @return the ratings' scale: whole stars 1–5 (100K, 1M) or half stars 0.5–5 (10M and later) */
    public RatingScale scale() {
        return scale;
    }

    /** @return the file with the items' titles: {@code u.item}, {@code movies.dat} or {@code movies.csv} */
    public String itemsFile() {
        return itemsFile;
    }

    /** @return the number of ratings the release's README states */
    public long expectedRatings() {
        return expectedRatings;
    }

    /** @return the checksum Tacit pins for the official archive (see {@link #pinVerified()}) */
    public Checksum pinned() {
        return pinned;
    }

    /**
     * @return whether the project pinned the checksum itself (only MovieLens-100K's SHA-256); the others are
     *         third-party MD5s, cross-checked against the publisher's checksum file on every download
     */
    public boolean pinVerified() {
        return pinVerified;
    }

    /** @return the official archive, verified against the pinned checksum (and the checksum file next to it) */
    public DatasetArchive archive() {
        return new DatasetArchive(this, uri(), Optional.of(pinned), false);
    }

    /** @return the release's licence in brief; the README inside the archive has the full terms */
    public String licence() {
        return title + " was collected by the GroupLens Research Project at the University of Minnesota. It may be "
                + "used for research purposes only: do not state or imply endorsement by the University of Minnesota "
                + "or GroupLens; acknowledge its use in publications (cite the paper below); " + terms.text + "; no "
                + "commercial or revenue-bearing use without permission from GroupLens. The full terms are in the "
                + "README of the release.";
    }

    @Override
    public String toString() {
        return id;
    }
}
