package dev.tacit.app;

/**
 * Bad input from the user: an option value or a file. Its message names the option, file or line and says how to fix
 * it; it becomes exit code 2 without a stack trace.
 */
final class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, where, and the fix */
    InputException(String message) {
        super(message);
    }
}
