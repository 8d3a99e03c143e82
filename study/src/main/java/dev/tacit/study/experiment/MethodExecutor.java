package dev.tacit.study.experiment;

import dev.tacit.algebra.Spectra;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Metrics;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.Schedule;
import dev.tacit.api.StopReason;
import dev.tacit.api.TrainingEvent;
import dev.tacit.data.Seeds;
import dev.tacit.data.Synthetic;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.catalog.Choices;
import dev.tacit.optim.models.LinearNetwork;
import dev.tacit.optim.models.LinearNetworkMethod;
import dev.tacit.optim.training.DivergenceException;
import dev.tacit.optim.training.Trainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs experiment runs through the completion-method service: a network method becomes a {@link LinearNetworkMethod}
 * with the optimizer and penalty of its notation, any other method is created by its provider from its settings.
 *
 * <p>Settings of a network method: {@code iterations}, {@code init_scale}, {@code eval_every}, {@code lr} and any other
 * key of the optimizer (for example {@code beta2}); {@code penalty.KEY} sets a penalty hyperparameter;
 * {@code schedule=NAME} picks a learning-rate schedule and {@code schedule.KEY} sets its hyperparameters.
 */
public final class MethodExecutor implements ExperimentRunner.RunExecutor {

    private static final Set<String> NETWORK_KEYS = Set.of("iterations", "init_scale", "eval_every", "schedule");

    private final Catalog catalog;

    /** @param catalog the optimizers, penalties, schedules and completion methods available (built-in and plugins) */
    public MethodExecutor(Catalog catalog) {
        this.catalog = catalog;
    }

    /** @return the names of the completion methods that are not networks, for parsing experiment files */
    public Set<String> baselineNames() {
        Set<String> names = new java.util.TreeSet<>();
        catalog.methods().forEach(e -> names.add(e.provider().name()));
        names.remove(LinearNetworkMethod.NAME);
        return names;
    }

    /**
     * Checks every run of the grid before the first starts: its problem (size, rank, observed entries) and its network
     * (depth, initialisation scale) are valid, and every distinct method builds once with its settings. A sweep that
     * would stop half way on a bad value stops before it starts instead, and {@code --dry-run} says so too.
     *
     * @param runs the grid
     * @throws IllegalArgumentException naming the run or the method and every problem with its settings
     */
    public void check(List<RunSpec> runs) {
        for (RunSpec r : runs) {
            try {
                // Both constructors only validate; nothing of the problem's size is allocated.
                new Synthetic(r.size(), r.size(), r.rank(), r.observed(), r.seed());
                if (r.method().isNetwork()) {
                    new LinearNetwork(r.size(), r.size(), r.depth(),
                            number(r.method(), r.settings(), "init_scale", 1e-3));
                }
            } catch (InvalidValueException e) {
                throw new IllegalArgumentException("the run " + r.describe() + " is not valid: " + e.getMessage(), e);
            }
        }
        Map<String, RunSpec> byMethod = new LinkedHashMap<>();
        runs.forEach(r -> byMethod.putIfAbsent(r.method().label() + r.settings() + r.depth() + r.lambda(), r));
        byMethod.values().forEach(this::method);
    }

    @Override
    public Optional<RunResult> execute(RunSpec run, Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
        CompletionProblem problem = new Synthetic(run.size(), run.size(), run.rank(), run.observed(), run.seed())
                .problem();
        double target = Spectra.effectiveRank(problem.truth().orElseThrow());
        CompletionMethod method = method(run);
        SplittableRandom random = Seeds.stream(run.seed(), Seeds.Purpose.INIT);
        try {
            CompletionResult r = method instanceof LinearNetworkMethod network
                    ? network.complete(problem, random, events, Optional.empty(),
                            new Trainer.Control(0, p -> { }, stopRequested))
                    : method.complete(problem, random, events);
            if (r.convergence().status() == StopReason.INTERRUPTED) {
                return Optional.empty();
            }
            Metrics m = r.metrics();
            return Optional.of(result(run, "ok", m.trainRmse(), m.testRmse(), m.relativeError(), m.effectiveRank(),
                    target, r.convergence().iterations(), r.seconds()));
        } catch (DivergenceException e) {
            return Optional.of(result(run, "diverged at iteration " + e.iteration() + " (" + e.quantity() + ")",
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, target, e.iteration(), Double.NaN));
        }
    }

    private static RunResult result(RunSpec run, String status, double train, double test, double relative,
                                    double erank, double target, long iterations, double seconds) {
        return new RunResult(run.id(), run.method().label(), run.method().method(), run.depth(), run.lambda(),
                run.size(), run.rank(), run.observed(), run.seed(), status, train, test, relative, erank, target,
                iterations, seconds);
    }

    /** The method of a run, built from its settings; every bad setting is reported at once. */
    CompletionMethod method(RunSpec run) {
        MethodSpec spec = run.method();
        Map<String, String> settings = run.settings();
        Choices choices = new Choices(catalog);
        if (!spec.isNetwork()) {
            Optional<CompletionMethod> method = choices.method(spec.method(), spec.settings());
            check(spec, choices);
            return method.orElseThrow();
        }
        Map<String, String> optimizerSettings = new TreeMap<>();
        Map<String, String> penaltySettings = new TreeMap<>();
        Map<String, String> scheduleSettings = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (k.startsWith("penalty.")) {
                penaltySettings.put(k.substring("penalty.".length()), v);
            } else if (k.startsWith("schedule.")) {
                scheduleSettings.put(k.substring("schedule.".length()), v);
            } else if (!NETWORK_KEYS.contains(k)) {
                optimizerSettings.put(k, v);
            }
        });
        String optimizerName = spec.optimizer().orElseThrow();
        Optional<Optimizer> optimizer = choices.optimizer(optimizerName, optimizerSettings);
        Optional<Penalty> penalty = choices.penalty(spec.penalty(), penaltySettings);
        Optional<Schedule> schedule = choices.schedule(settings.getOrDefault("schedule", "constant"),
                scheduleSettings);
        check(spec, choices);
        TreeMap<String, String> configuration = new TreeMap<>(settings);
        configuration.put("optimizer", optimizerName);
        configuration.put("penalty", spec.penalty());
        configuration.put("depth", Integer.toString(run.depth()));
        configuration.put("lambda", Double.toString(run.lambda()));
        return new LinearNetworkMethod(run.depth(), number(spec, settings, "init_scale", 1e-3), optimizer.orElseThrow(),
                penalty.orElseThrow(), schedule.orElseThrow(), run.lambda(),
                (long) number(spec, settings, "iterations", 30000), (long) number(spec, settings, "eval_every", 1000),
                configuration);
    }

    /** Every problem with a method's choices, said in the experiment's terms: the method's label first. */
    private static void check(MethodSpec spec, Choices choices) {
        if (!choices.problems().isEmpty()) {
            throw new IllegalArgumentException(spec.label() + ": " + String.join("; ", choices.problems().stream()
                    .map(p -> p.known().map(k -> "unknown " + p.kind().label() + " '" + p.name() + "'; choose one of: "
                            + k).orElseGet(() -> String.join("; ", p.settings()))).toList()));
        }
    }

    private static double number(MethodSpec spec, Map<String, String> settings, String key, double fallback) {
        String v = settings.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(spec.label() + ": " + key + " must be a number, got '" + v + "'");
        }
    }
}
