package dev.tacit.app.experiment;

import dev.tacit.algebra.Spectra;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.Metrics;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.Schedule;
import dev.tacit.api.ServiceProvider;
import dev.tacit.data.Seeds;
import dev.tacit.data.Synthetic;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.catalog.CompletionMethods;
import dev.tacit.optim.models.LinearNetworkMethod;
import dev.tacit.optim.training.DivergenceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
    private final CompletionMethods methods;

    /**
     * @param catalog the optimizers and penalties available (built-in and plugins)
     * @param methods the completion methods available
     */
    public MethodExecutor(Catalog catalog, CompletionMethods methods) {
        this.catalog = catalog;
        this.methods = methods;
    }

    /** @return the names of the completion methods that are not networks, for parsing experiment files */
    public Set<String> baselineNames() {
        Set<String> names = new java.util.TreeSet<>();
        methods.methods().forEach(e -> names.add(e.provider().name()));
        names.remove(LinearNetworkMethod.NAME);
        return names;
    }

    /**
     * Builds every distinct method of the grid once, so a bad setting stops the sweep before it starts.
     *
     * @param runs the grid
     * @throws IllegalArgumentException naming the method and every problem with its settings
     */
    public void check(List<RunSpec> runs) {
        Map<String, RunSpec> byMethod = new LinkedHashMap<>();
        runs.forEach(r -> byMethod.putIfAbsent(r.method().label() + r.settings() + r.depth() + r.lambda(), r));
        byMethod.values().forEach(this::method);
    }

    @Override
    public RunResult execute(RunSpec run) {
        CompletionProblem problem = new Synthetic(run.size(), run.size(), run.rank(), run.observed(), run.seed())
                .problem();
        double target = Spectra.effectiveRank(problem.truth().orElseThrow());
        CompletionMethod method = method(run);
        try {
            CompletionResult r = method.complete(problem, Seeds.stream(run.seed(), Seeds.Purpose.INIT), e -> { });
            Metrics m = r.metrics();
            return result(run, "ok", m.trainRmse(), m.testRmse(), m.relativeError(), m.effectiveRank(), target,
                    r.convergence().iterations(), r.seconds());
        } catch (DivergenceException e) {
            return result(run, "diverged at iteration " + e.iteration() + " (" + e.quantity() + ")", Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, target, e.iteration(), Double.NaN);
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
        if (!spec.isNetwork()) {
            CompletionMethodProvider p = methods.method(spec.method()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown method '" + spec.method() + "'; known: " + methods.names()));
            Map<String, String> own = new TreeMap<>(spec.settings());
            return created(spec, p, own);
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
        Optimizer optimizer = created(spec, catalog.optimizer(optimizerName).orElseThrow(() ->
                new IllegalArgumentException(spec.label() + ": unknown optimizer '" + optimizerName + "'; known: "
                        + catalog.optimizerNames())), optimizerSettings);
        Penalty penalty = created(spec, catalog.penalty(spec.penalty()).orElseThrow(() ->
                new IllegalArgumentException(spec.label() + ": unknown penalty '" + spec.penalty() + "'; known: "
                        + catalog.penaltyNames())), penaltySettings);
        String scheduleName = settings.getOrDefault("schedule", "constant");
        Schedule schedule = created(spec, catalog.schedule(scheduleName).orElseThrow(() ->
                new IllegalArgumentException(spec.label() + ": unknown schedule '" + scheduleName + "'; known: "
                        + catalog.scheduleNames())), scheduleSettings);
        TreeMap<String, String> configuration = new TreeMap<>(settings);
        configuration.put("optimizer", optimizerName);
        configuration.put("penalty", spec.penalty());
        configuration.put("depth", Integer.toString(run.depth()));
        configuration.put("lambda", Double.toString(run.lambda()));
        return new LinearNetworkMethod(run.depth(), number(spec, settings, "init_scale", 1e-3), optimizer, penalty,
                schedule, run.lambda(), (long) number(spec, settings, "iterations", 30000),
                (long) number(spec, settings, "eval_every", 1000), configuration);
    }

    private static <T> T created(MethodSpec spec, ServiceProvider<T> provider, Map<String, String> settings) {
        return provider.create(settings).getOrElseGet(problems -> {
            throw new IllegalArgumentException(spec.label() + ": " + String.join("; ", problems));
        });
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
