/**
 * Service interfaces and value types shared by every Tacit module and plugin.
 *
 * <p>An {@link dev.tacit.api.OptimizerProvider} or {@link dev.tacit.api.PenaltyProvider} has a name, a description
 * and documented {@link dev.tacit.api.Hyperparameter}s; it creates an immutable {@link dev.tacit.api.Optimizer} or
 * {@link dev.tacit.api.Penalty} from validated {@link dev.tacit.api.Settings}. Per-run memory (moment estimates, step
 * counts) lives in separate {@link dev.tacit.api.State} values passed in and returned, never inside the
 * service objects.
 *
 * <p>A {@link dev.tacit.api.ScheduleProvider} creates a {@link dev.tacit.api.Schedule} that sets the
 * learning rate of every step, with its memory in a {@link dev.tacit.api.State} too.
 *
 * <p>Every way of completing a matrix is a {@link dev.tacit.api.CompletionMethod} (found through
 * {@link dev.tacit.api.CompletionMethodProvider}): it turns a {@link dev.tacit.api.CompletionProblem} into a
 * {@link dev.tacit.api.CompletionResult}, publishing {@link dev.tacit.api.TrainingEvent}s as it goes and saying in a
 * {@link dev.tacit.api.Convergence} how it stopped.
 */
package dev.tacit.api;
