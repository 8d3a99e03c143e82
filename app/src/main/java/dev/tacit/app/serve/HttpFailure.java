package dev.tacit.app.serve;

/**
 * A request the server refuses: its status and a message for the client saying what is wrong and how to fix it. The
 * server turns it into a JSON answer {@code {"error": message, "status": code}}.
 */
public final class HttpFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Status status;

    /**
     * @param status  the answer's status, a 4xx
     * @param message what is wrong, and the fix
     */
    public HttpFailure(Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** @return the answer's status */
    public Status status() {
        return status;
    }
}
