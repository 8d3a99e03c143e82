import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.PenaltyProvider;
import dev.tacit.api.ScheduleProvider;

/**
 * The built-in optimizers, penalties, learning-rate schedules and completion methods, reached only through
 * {@link java.util.ServiceLoader}; the loader of plugin jars (one module layer each); and the training machinery: the
 * depth-N linear network, the completion objective and the full-batch trainer.
 */
module dev.tacit.optim {
    requires transitive dev.tacit.api;

    exports dev.tacit.optim.catalog;
    exports dev.tacit.optim.models;
    exports dev.tacit.optim.training;

    uses OptimizerProvider;
    uses PenaltyProvider;
    uses CompletionMethodProvider;
    uses ScheduleProvider;

    provides OptimizerProvider with
            dev.tacit.optim.optimizers.GradientDescent.Provider,
            dev.tacit.optim.optimizers.Adam.Provider,
            dev.tacit.optim.optimizers.Nesterov.Provider,
            dev.tacit.optim.optimizers.AmsGrad.Provider,
            dev.tacit.optim.optimizers.AdamW.Provider,
            dev.tacit.optim.optimizers.NAdam.Provider,
            dev.tacit.optim.optimizers.RAdam.Provider,
            dev.tacit.optim.optimizers.Adamax.Provider,
            dev.tacit.optim.optimizers.Adagrad.Provider,
            dev.tacit.optim.optimizers.RmsProp.Provider,
            dev.tacit.optim.optimizers.Adadelta.Provider,
            dev.tacit.optim.optimizers.Asgd.Provider,
            dev.tacit.optim.optimizers.Lbfgs.Provider;
    provides PenaltyProvider with
            dev.tacit.optim.penalties.NoPenalty.Provider,
            dev.tacit.optim.penalties.RatioPenalty.Provider,
            dev.tacit.optim.penalties.NuclearPenalty.Provider,
            dev.tacit.optim.penalties.SquaredFrobeniusPenalty.Provider,
            dev.tacit.optim.penalties.SchattenPenalty.Half,
            dev.tacit.optim.penalties.SchattenPenalty.Third,
            dev.tacit.optim.penalties.SchattenPenalty.TwoThirds,
            dev.tacit.optim.penalties.SchattenRatioPenalty.HalfOverTwoThirds,
            dev.tacit.optim.penalties.SchattenRatioPenalty.ThirdOverTwoThirds,
            dev.tacit.optim.penalties.SchattenRatioPenalty.ThirdOverHalf;
    provides ScheduleProvider with
            dev.tacit.optim.schedules.ConstantSchedule.Provider,
            dev.tacit.optim.schedules.PlateauSchedule.Provider,
            dev.tacit.optim.schedules.StepSchedule.Provider,
            dev.tacit.optim.schedules.CosineSchedule.Provider;
    provides CompletionMethodProvider with
            dev.tacit.optim.models.LinearNetworkMethod.Provider,
            dev.tacit.optim.baselines.NuclearNormCompletion.Provider,
            dev.tacit.optim.baselines.SoftImpute.Provider,
            dev.tacit.optim.baselines.OptSpace.Provider;
}
