import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.PenaltyProvider;

/**
 * The built-in optimizers, penalties and completion methods, reached only through {@link java.util.ServiceLoader},
 * and the training machinery: the depth-N linear network, the completion objective and the full-batch trainer.
 */
module dev.tacit.optim {
    requires transitive dev.tacit.api;

    exports dev.tacit.optim;

    uses OptimizerProvider;
    uses PenaltyProvider;
    uses CompletionMethodProvider;

    provides OptimizerProvider with
            dev.tacit.optim.optimizers.GradientDescent.Provider,
            dev.tacit.optim.optimizers.Adam.Provider;
    provides PenaltyProvider with
            dev.tacit.optim.penalties.NoPenalty.Provider,
            dev.tacit.optim.penalties.RatioPenalty.Provider,
            dev.tacit.optim.penalties.NuclearPenalty.Provider,
            dev.tacit.optim.penalties.SquaredFrobeniusPenalty.Provider;
    provides CompletionMethodProvider with
            dev.tacit.optim.LinearNetworkMethod.Provider,
            dev.tacit.optim.baselines.NuclearNormCompletion.Provider,
            dev.tacit.optim.baselines.SoftImpute.Provider,
            dev.tacit.optim.baselines.OptSpace.Provider;
}
