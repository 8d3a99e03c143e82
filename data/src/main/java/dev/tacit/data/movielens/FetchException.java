package dev.tacit.data.movielens;

/**
 * A dataset could not be fetched or unpacked. Nothing half-written is left in the cache.
 */
public final class FetchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the fetch failed. */
    public enum Reason {
        /** The download failed: no network, no such host, an HTTP error, a timeout. */
        NETWORK,
        /** A downloaded file does not have the expected SHA-256. */
        CHECKSUM,
        /** A file the user placed in the cache does not have the expected SHA-256, or is not a usable archive. */
        PLACED_FILE,
        /** The archive is not a zip of the expected layout, or the cache cannot be written. */
        ARCHIVE
    }

    private final Reason reason;
    private final String remedy;

    /**
     * @param reason  why it failed
     * @param message what happened
     * @param remedy  what the user can do
     * @param cause   the underlying exception, or null
     */
    public FetchException(Reason reason, String message, String remedy, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.remedy = remedy;
    }

    /** @return why it failed */
    public Reason reason() {
        return reason;
    }

    /** @return what the user can do */
    public String remedy() {
        return remedy;
    }
}
