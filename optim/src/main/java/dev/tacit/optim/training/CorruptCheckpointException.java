package dev.tacit.optim.training;

import java.nio.file.Path;

/** A checkpoint file cannot be used: missing, truncated, damaged or of another format. */
public final class CorruptCheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file   the file
     * @param reason what is wrong with it
     */
    public CorruptCheckpointException(Path file, String reason) {
        super("checkpoint " + file + ": " + reason);
        this.file = file;
    }

    /** @return the file */
    public Path file() {
        return file;
    }
}
