package dev.tacit.api;

/**
 * The user asked for something that cannot work: a value out of range, settings that contradict each other, an input
 * that is missing or unusable. The message names the setting, option or file and says how to fix it; a command line
 * reports it as bad usage (exit code 2) without a stack trace. Settings are named as their command-line options.
 */
public class UsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, where, and the fix */
    public UsageException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, where, and the fix
     * @param cause   the underlying failure
     */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
