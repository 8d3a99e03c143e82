/**
 * The event pipeline of a training run: the trainer hands each {@link dev.tacit.api.TrainingEvent} to an
 * {@link dev.tacit.app.pipeline.EventPipeline}, which publishes it on {@link java.util.concurrent.Flow} to every
 * {@link dev.tacit.app.pipeline.Observer} (console progress, the JSON-lines event log, Micrometer), each on its own
 * thread behind its own bounded buffer.
 *
 * <p>Back-pressure policy: a {@link dev.tacit.app.pipeline.Delivery#LOSSY lossy} observer never slows training; when
 * its buffer is full the newest event is dropped for it and counted. A {@link dev.tacit.app.pipeline.Delivery#LOSSLESS
 * lossless} observer (the event log) receives every event: when its buffer is full training waits, for at most a
 * stall limit, after which the observer is detached and reported. The final event of a run reaches every observer
 * that is still attached, even a lossy one whose buffer is full. An observer that throws is detached and reported;
 * the others and training go on.
 */
package dev.tacit.app.pipeline;
