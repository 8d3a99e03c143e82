/**
 * Service interfaces and value types shared by every Tacit module and plugin.
 *
 * <p>An {@link dev.tacit.api.OptimizerProvider} or {@link dev.tacit.api.PenaltyProvider} has a name, a description
 * and documented {@link dev.tacit.api.Hyperparameter}s; it creates an immutable {@link dev.tacit.api.Optimizer} or
 * {@link dev.tacit.api.Penalty} from validated {@link dev.tacit.api.Settings}. Per-run memory (moment estimates, a
 * warm-start basis) lives in separate {@link dev.tacit.api.State} values passed in and returned, never inside the
 * service objects. A {@link dev.tacit.api.ScheduleProvider} creates a {@link dev.tacit.api.Schedule} that sets the
 * learning rate of every step, with its memory in a {@link dev.tacit.api.State} too.
 */
package dev.tacit.api;
