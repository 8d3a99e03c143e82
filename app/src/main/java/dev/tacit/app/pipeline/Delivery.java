package dev.tacit.app.pipeline;

/** What an {@link Observer} gets when it falls behind the training loop. */
public enum Delivery {

    /**
     * Never slows training: when the observer's buffer is full the newest event is dropped for it and counted. The
     * final event of a run ({@code RunFinished} or {@code RunFailed}) is never dropped: it is held back and handed
     * over once the observer has drained its buffer. For views of the run (console, metrics) where the latest value
     * matters more than every value.
     */
    LOSSY,

    /**
     * Every event, in order: when the observer's buffer is full the training loop waits for room, up to the
     * pipeline's stall limit; an observer still stuck after that is detached and reported as failed (its record is
     * then known to be incomplete). For records of the run (the event log).
     */
    LOSSLESS
}
