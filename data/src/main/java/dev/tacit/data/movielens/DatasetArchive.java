package dev.tacit.data.movielens;

import java.net.URI;
import java.util.Optional;

/**
 * What to fetch and what to trust: a release's archive at an address, the checksum it must have, and whether an
 * archive that matches the checksum file next to it but not that checksum may be used.
 *
 * <p>The publisher's checksum file is {@code <address>.md5}. Tacit never trusts an MD5 alone: an archive whose pinned
 * checksum is an MD5 (or that has none) is used only when it matches the checksum file too. A pinned SHA-256 (which
 * the project pinned itself) is enough on its own, and the checksum file is then checked if the server has it.
 *
 * @param dataset      the release, which fixes the archive's name and its layout
 * @param uri          where to download the archive
 * @param pinned       the checksum the archive must have; empty to rely on the checksum file alone
 * @param trustSidecar whether an archive matching its checksum file but not {@code pinned} is accepted (a
 *                     re-release, a private mirror, a test server); such a dataset is recorded as not the official
 *                     archive
 */
public record DatasetArchive(MovieLens dataset, URI uri, Optional<Checksum> pinned, boolean trustSidecar) {

    /** MovieLens-100K as GroupLens publishes it, with the SHA-256 the project pinned. */
    public static final DatasetArchive ML_100K = MovieLens.ML_100K.archive();

    /** Requires an absolute address. */
    public DatasetArchive {
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("an archive's address must be absolute, got '" + uri + "'");
        }
    }

    /** @return the release's name and the directory it gets in the cache: {@code ml-1m} */
    public String name() {
        return dataset.id();
    }

    /** @return the archive's file name: {@code ml-1m.zip} */
    public String fileName() {
        return dataset.archiveName();
    }

    /** @return the checksum file's name: {@code ml-1m.zip.md5} */
    public String sidecarName() {
        return fileName() + ".md5";
    }

    /** @return where the publisher's checksum file is: the archive's address plus {@code .md5} */
    public URI sidecarUri() {
        return URI.create(uri + ".md5");
    }

    /** @return whether the archive is used only if the checksum file can be read and matches */
    public boolean sidecarRequired() {
        return pinned.isEmpty() || pinned.get().algorithm() != Checksum.Algorithm.SHA_256;
    }

    /** @return whether the pinned checksum is the one the catalogue pins for the official archive */
    public boolean pinIsOfficial() {
        return pinned.isPresent() && pinned.get().equals(dataset.pinned());
    }

    /** @return the official archive's SHA-256 when that is what is pinned (MovieLens-100K), for messages */
    public String sha256() {
        return pinned.filter(c -> c.algorithm() == Checksum.Algorithm.SHA_256).map(Checksum::hex).orElse("");
    }

    /**
     * @param uri    another address, for a mirror or a test server
     * @param sha256 the SHA-256 the file there must have
     * @return this archive fetched from there, with that checksum pinned instead
     */
    public DatasetArchive at(URI uri, String sha256) {
        return new DatasetArchive(dataset, uri, Optional.of(Checksum.sha256(sha256)), trustSidecar);
    }

    /**
     * @param base a directory holding the family's archives, such as a mirror of {@link MovieLens#BASE_URL}
     * @return this archive fetched from there, with the same pinned checksum
     */
    public DatasetArchive from(URI base) {
        String text = base.toString();
        URI dir = URI.create(text.endsWith("/") ? text : text + "/");
        return new DatasetArchive(dataset, dir.resolve(fileName()), pinned, trustSidecar);
    }

    /** @return this archive, also accepted when it matches its checksum file but not the pinned checksum */
    public DatasetArchive trustingSidecar() {
        return new DatasetArchive(dataset, uri, pinned, true);
    }
}
