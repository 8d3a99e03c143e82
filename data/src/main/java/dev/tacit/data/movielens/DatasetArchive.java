package dev.tacit.data.movielens;

import java.net.URI;
import java.util.Locale;

/**
 * A dataset's official archive: where to download it and the SHA-256 it must have.
 *
 * @param name   the dataset's name and the archive's top directory, for example {@code ml-100k}
 * @param uri    where to download it (HTTPS)
 * @param sha256 its SHA-256, lower-case hex
 * @param bytes  its size in bytes, for messages (0 if unknown)
 */
public record DatasetArchive(String name, URI uri, String sha256, long bytes) {

    /**
     * MovieLens-100K as GroupLens publishes it: 4,924,029 bytes (docs/method.md §8). The checksum is hard-wired so that a
     * corrupted or substituted download is never used.
     */
    public static final DatasetArchive ML_100K = new DatasetArchive(MovieLens100k.NAME,
            URI.create("https://files.grouplens.org/datasets/movielens/ml-100k.zip"),
            "50d2a982c66986937beb9ffb3aa76efe955bf3d5c6b761f4e3a7cd717c6a3229", 4_924_029L);

    /** Validates the name and the checksum's form. */
    public DatasetArchive {
        if (!name.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("dataset name must be lower-case letters, digits, '.', '_' or '-', got '"
                    + name + "'");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 is 64 hex digits, got '" + sha256 + "'");
        }
    }

    /** @return the archive's file name, for example {@code ml-100k.zip} */
    public String fileName() {
        return name + ".zip";
    }

    /**
     * @param uri another address, for a mirror or a test server
     * @param sha256 the checksum the file there must have
     * @return this archive fetched from there
     */
    public DatasetArchive at(URI uri, String sha256) {
        return new DatasetArchive(name, uri, sha256, 0);
    }
}
