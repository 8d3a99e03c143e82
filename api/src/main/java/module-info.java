/**
 * The contracts of Tacit: the service interfaces that optimizers, penalties and learning-rate schedules implement
 * (found with {@link java.util.ServiceLoader}, built in or from plugin jars), their hyperparameters, the training
 * events and the value types they exchange.
 *
 * <p>A plugin depends on this module only. It re-exports {@code dev.tacit.algebra} because the services speak of
 * {@link dev.tacit.algebra.Matrix} values, and {@code io.vavr} because configuration errors are collected with vavr's
 * {@code Validation}.
 */
module dev.tacit.api {
    requires transitive dev.tacit.algebra;
    requires transitive io.vavr;

    exports dev.tacit.api;

    uses dev.tacit.api.OptimizerProvider;
    uses dev.tacit.api.PenaltyProvider;
    uses dev.tacit.api.CompletionMethodProvider;
    uses dev.tacit.api.ScheduleProvider;
}
