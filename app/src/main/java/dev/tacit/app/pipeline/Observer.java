package dev.tacit.app.pipeline;

import dev.tacit.api.TrainingEvent;

/**
 * Something that watches a training run through an {@link EventPipeline}. Its methods are called on one thread of
 * the pipeline's, never concurrently and never on the training thread: {@link #onEvent} for each event in order, then
 * {@link #close} once.
 */
public interface Observer extends AutoCloseable {

    /**
     * @return a short fixed name, unique within a pipeline; it is the {@code observer} tag of the pipeline's metrics,
     *         so it must not depend on user input
     */
    String name();

    /** @return what the observer gets when it falls behind */
    Delivery delivery();

    /**
     * Handles one event. An exception detaches the observer: it is reported, {@link #close} is still called, and
     * training and the other observers go on.
     *
     * @param event the next event
     * @throws Exception if the observer cannot go on
     */
    void onEvent(TrainingEvent event) throws Exception;

    /**
     * Handles one event of a named run, for commands that run several (an experiment). The default ignores the
     * name; observers that tell runs apart (the event log, the progress of a sweep) override it.
     *
     * @param run   the run's name, {@code ""} for the one run of a single-run command
     * @param event the next event of that run
     * @throws Exception if the observer cannot go on
     */
    default void onEvent(String run, TrainingEvent event) throws Exception {
        onEvent(event);
    }

    /**
     * Called once after the last event (or after a failure); releases what the observer holds.
     *
     * @throws Exception if releasing fails; reported like a failure of {@link #onEvent}
     */
    @Override
    default void close() throws Exception {
    }
}
