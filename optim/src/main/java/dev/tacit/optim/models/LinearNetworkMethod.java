package dev.tacit.optim.models;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.Convergence;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.Schedule;
import dev.tacit.api.Settings;
import dev.tacit.api.StopReason;
import dev.tacit.api.TrainingEvent;
import dev.tacit.api.UsageException;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.catalog.PluginFailure;
import dev.tacit.optim.training.Progress;
import dev.tacit.optim.training.Trainer;
import dev.tacit.optim.training.TrainingObjective;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The depth-N linear network as a completion method ({@code lnn}): a {@link LinearNetwork} initialised from the
 * caller's random source, trained on the observed entries by the {@link Trainer} for a planned number of iterations
 * on {@link LinearNetworkObjective} (mean squared error over Ω plus λ·R(W)). {@code tacit train} runs exactly this.
 *
 * <p>The settings are checked when the run starts, by {@link LinearNetwork} (depth, initialisation scale),
 * {@link LinearNetworkObjective} (λ) and {@link Trainer.Run} (iterations, evaluation interval), each naming the
 * setting.
 *
 * @param depth         N
 * @param initScale     the scale of W at initialisation
 * @param optimizer     the optimizer
 * @param penalty       R
 * @param schedule      the learning-rate schedule
 * @param lambda        λ ≥ 0
 * @param iterations    full-batch iterations to run
 * @param evalEvery     evaluate every this many iterations
 * @param configuration every setting, as text, for the run's start event (which adds the problem's name)
 */
public record LinearNetworkMethod(int depth, double initScale, Optimizer optimizer, Penalty penalty, Schedule schedule,
                                  double lambda,
                                  long iterations, long evalEvery, SortedMap<String, String> configuration)
        implements CompletionMethod {

    /** The method's name. */
    public static final String NAME = "lnn";

    /** Copies the configuration. */
    public LinearNetworkMethod {
        configuration = new TreeMap<>(configuration);
    }

    @Override
    public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                     Consumer<TrainingEvent> events) {
        return complete(problem, random, events, Optional.empty(), Trainer.Control.none());
    }

    /** Asked to stop, ends after the current iteration with the network as it is, as {@code tacit train} does. */
    @Override
    public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                     Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
        return complete(problem, random, events, Optional.empty(), new Trainer.Control(0, p -> { }, stopRequested));
    }

    @Override
    public boolean stopsOnRequest() {
        return true;
    }

    /**
     * Trains from a fresh start or from a saved {@link Progress}, with snapshots and stop requests: the form
     * {@code tacit train} uses for {@code --checkpoint} and {@code --resume}. Resumed from the progress of an
     * identical run after N iterations, it continues exactly as that run did (bit for bit).
     *
     * @param problem the data
     * @param random  the initialisation's random source (unused when resuming)
     * @param events  receives the run's events
     * @param resume  where to continue from, if anywhere
     * @param control snapshots and stop requests
     * @return the result; its convergence says "interrupted" if a stop was requested
     * @throws InvalidValueException if the saved parameters do not fit this network and problem
     */
    public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                     Consumer<TrainingEvent> events, Optional<Progress> resume,
                                     Trainer.Control control) {
        LinearNetwork network = new LinearNetwork(problem.rows(), problem.cols(), depth, initScale);
        LinearNetworkObjective objective = new LinearNetworkObjective(network, problem.train(), penalty, lambda);
        Progress start = resume.isPresent() ? usable(objective, fitting(network, resume.get()))
                : Trainer.Run.freshStart(objective, optimizer, network.initialParameters(random));
        TreeMap<String, String> settings = new TreeMap<>(configuration);
        settings.put("problem", problem.name());
        settings.put("size", problem.rows() + "x" + problem.cols());
        Trainer.Run run = new Trainer.Run(objective, optimizer, new CompletionEvaluator(network, problem), start,
                iterations, evalEvery, Math.min(evalEvery, 100), settings, schedule);
        Trainer.Result result = Trainer.train(run, Optional.empty(), events, control);
        long done = result.end().iteration();
        Convergence convergence = result.selection().reason() == StopReason.INTERRUPTED
                ? new Convergence(StopReason.INTERRUPTED, done, iterations, "", Double.NaN, Double.NaN,
                        java.util.Map.of())
                : Convergence.planned(done);
        return new CompletionResult(network.predict(result.end().params()), result.metrics(), convergence,
                result.seconds());
    }

    /**
     * Tries the saved state once before training from it: the objective evaluated with the penalty's saved memory,
     * then one optimizer step with the optimizer's saved state, on the saved parameters. A state of the wrong layout
     * (a crafted or foreign checkpoint with a valid checksum) fails here, as bad input, and not inside the run as an
     * internal error. The trial's result is thrown away, so the run continues exactly as it would have.
     */
    private Progress usable(LinearNetworkObjective objective, Progress saved) {
        try {
            TrainingObjective.Outcome outcome = objective.evaluate(saved.params(), saved.objectiveState());
            double lr = schedule.learningRate(optimizer.learningRate(), saved.iteration() + 1,
                    Math.max(iterations, saved.iteration() + 1), saved.scheduleState());
            optimizer.step(new Optimizer.Input(saved.params(), outcome.evaluation(),
                    objective.asObjective(outcome.state()), lr), saved.optimizerState());
        } catch (PluginFailure | UsageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidValueException("resume", "a saved state this run's optimizer, penalty or schedule "
                    + "cannot use (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + e.getMessage()) + ")", "the state they save themselves");
        }
        return saved;
    }

    private static Progress fitting(LinearNetwork network, Progress saved) {
        List<Matrix> reference = network.initialParameters(new SplittableRandom(0));
        boolean fits = saved.params().size() == reference.size();
        for (int k = 0; fits && k < reference.size(); k++) {
            fits = saved.params().get(k).sameShape(reference.get(k));
        }
        if (!fits) {
            throw new InvalidValueException("resume", saved.params().size() + " saved parameters",
                    "the parameters of a depth-" + network.depth() + " " + network.rows() + "x" + network.cols()
                            + " network");
        }
        return saved;
    }

    /**
     * Registers {@code lnn}: the study's Adam:1+R, a network trained by Adam with the ratio penalty ‖W‖_* / ‖W‖_F, with
     * the defaults of {@code tacit train}. The command line's network options choose any other optimizer or penalty.
     */
    public static final class Provider implements CompletionMethodProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "depth-N linear network trained by Adam with the penalty ||W||_*/||W||_F (Zhao 2022, Adam:1+R)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of(
                    Hyperparameter.integer("depth", 1, 1, LinearNetwork.MAX_DEPTH, "depth N of the network"),
                    Hyperparameter.real("init_scale", 1e-3, Double.MIN_NORMAL, Double.MAX_VALUE,
                            "scale of W at initialisation"),
                    Hyperparameter.real("lr", 1e-3, 0, Double.MAX_VALUE, "Adam's learning rate"),
                    Hyperparameter.real("lambda", 1e-3, 0, Double.MAX_VALUE, "weight of the ratio penalty"),
                    Hyperparameter.integer("iterations", 30_000, 0, Long.MAX_VALUE / 2, "full-batch iterations"),
                    Hyperparameter.integer("eval_every", 1000, 1, Long.MAX_VALUE / 2,
                            "evaluate every this many iterations"));
        }

        @Override
        public CompletionMethod create(Settings settings) {
            Catalog catalog = Catalog.builtIn();
            Optimizer adam = catalog.optimizer("adam").orElseThrow()
                    .create(Map.of("lr", Double.toString(settings.get("lr")))).get();
            Penalty ratio = catalog.penalty("ratio").orElseThrow().create(Map.of()).get();
            TreeMap<String, String> configuration = new TreeMap<>();
            settings.values().forEach((k, v) -> configuration.put(k, String.valueOf(v)));
            configuration.put("method", NAME);
            configuration.put("optimizer", "adam");
            configuration.put("penalty", "ratio");
            return new LinearNetworkMethod((int) settings.get("depth"), settings.get("init_scale"), adam, ratio,
                    Schedule.constant(),
                    settings.get("lambda"), (long) settings.get("iterations"), (long) settings.get("eval_every"),
                    configuration);
        }
    }
}
