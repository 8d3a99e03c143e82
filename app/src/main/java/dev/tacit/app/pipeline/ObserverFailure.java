package dev.tacit.app.pipeline;

/**
 * An observer that stopped receiving events before the end of the run.
 *
 * @param observer  the observer's name
 * @param delivery  its delivery; a {@link Delivery#LOSSLESS} observer that failed holds an incomplete record
 * @param iteration the iteration of the event it failed on (or of the latest event, for a failure at the end)
 * @param message   what happened, for a person (the cause's type and message; never a stack trace)
 * @param cause     the exception, if one was thrown (else null)
 */
public record ObserverFailure(String observer, Delivery delivery, long iteration, String message, Throwable cause) {

    /** @return one line for the user: which observer, when, and what happened */
    public String describe() {
        return "the " + observer + " observer stopped at iteration " + iteration + ": " + message;
    }

    static String summarize(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
