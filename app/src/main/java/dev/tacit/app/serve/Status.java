package dev.tacit.app.serve;

/** The HTTP statuses the server answers with: a closed set, so they can tag metrics without bounding them. */
public enum Status {
    /** The answer. */
    OK(200),
    /** The body is not the JSON the endpoint reads: malformed, a missing or ill-typed member, a bad value. */
    BAD_REQUEST(400),
    /** No such path, or no such user for {@code /recommend}. */
    NOT_FOUND(404),
    /** The path exists, the method is not one it answers. */
    METHOD_NOT_ALLOWED(405),
    /** The body is larger than {@code --max-body}, or the batch larger than {@code --max-pairs}. */
    PAYLOAD_TOO_LARGE(413),
    /** A well-formed request the model cannot answer: an unknown pair under {@code "unknown": "error"}. */
    UNPROCESSABLE(422),
    /** A fault of the server, never of the request: reported on standard error. */
    INTERNAL_ERROR(500),
    /** The server is stopping (requests that arrive while it finishes those in flight), or its queue is full. */
    UNAVAILABLE(503),
    /** The client went away before the answer was sent (nginx's code; never sent, only counted). */
    CLIENT_CLOSED(499);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    /** @return the numeric code */
    public int code() {
        return code;
    }
}
