package dev.tacit.app;

import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.Schedule;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.catalog.Choices;
import dev.tacit.optim.models.LinearNetworkMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of the linear network ({@code tacit train}, and {@code tacit complete --method lnn}): depth, optimizer,
 * penalty, λ, iterations, initialisation and evaluation interval.
 */
final class NetworkOptions {

    /** Every option of this group, to tell whether one was given where it does not apply. */
    static final List<String> NAMES = List.of("--depth", "--optimizer", "--lr", "--opt", "--penalty", "--penalty-opt",
            "--schedule", "--schedule-opt", "--lambda", "--iterations", "--init-scale", "--eval-every");

    @Option(names = "--depth", defaultValue = "1", description = "Depth N of the network. Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(names = "--optimizer", defaultValue = "adam",
            description = "Optimizer name; 'tacit list optimizers' shows them all. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", description = "Base learning rate (a --schedule scales it). Default: the optimizer's "
            + "own (Adam 1e-3, GD 1e-2; 'tacit list optimizers' shows all).")
    Double lr;

    @Option(names = "--opt", paramLabel = "KEY=VALUE",
            description = "Optimizer hyperparameter, repeatable, for example --opt beta2=0.99.")
    Map<String, String> optimizerSettings = new TreeMap<>();

    @Option(names = "--penalty", defaultValue = "ratio",
            description = "Penalty name, for example ratio, nuclear, frobenius, schatten-half, none; 'tacit list "
                    + "penalties' shows them all. Default: ${DEFAULT-VALUE}.")
    String penalty;

    @Option(names = "--penalty-opt", paramLabel = "KEY=VALUE", description = "Penalty hyperparameter, repeatable.")
    Map<String, String> penaltySettings = new TreeMap<>();

    @Option(names = "--schedule", defaultValue = "constant",
            description = "Learning-rate schedule: constant, plateau, step, cosine; 'tacit list schedules' shows "
                    + "their settings. Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--schedule-opt", paramLabel = "KEY=VALUE",
            description = "Schedule setting, repeatable, for example --schedule-opt patience=50.")
    Map<String, String> scheduleSettings = new TreeMap<>();

    @Option(names = "--lambda", defaultValue = "1e-3",
            description = "Penalty weight λ; 0 trains on the data term alone. Default: ${DEFAULT-VALUE}.")
    double lambda;

    @Option(names = "--iterations", defaultValue = "30000",
            description = "Full-batch iterations. Default: ${DEFAULT-VALUE}.")
    long iterations;

    @Option(names = "--init-scale", defaultValue = "1e-3",
            description = "Scale of the end-to-end matrix at initialisation. Default: ${DEFAULT-VALUE}.")
    double initScale;

    @Option(names = "--eval-every", defaultValue = "1000",
            description = "Evaluate (test RMSE, effective rank) every this many iterations. Default: ${DEFAULT-VALUE}.")
    long evalEvery;

    /**
     * Resolves the optimizer, penalty and schedule and builds the method; every unknown name or bad setting is
     * reported at once; the remaining settings are checked when it runs.
     *
     * @param catalog the optimizers, penalties and schedules available (built in and plugins)
     * @return the network as a completion method
     */
    LinearNetworkMethod method(Catalog catalog) {
        Choices choices = new Choices(catalog);
        Optional<Optimizer> opt = choices.optimizer(optimizer, Choices.withLearningRate(lr, optimizerSettings));
        Optional<Penalty> pen = choices.penalty(penalty, penaltySettings);
        Optional<Schedule> sched = choices.schedule(schedule, scheduleSettings);
        choices.check();
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        describe(settings, opt.orElseThrow().learningRate());
        TreeMap<String, String> text = new TreeMap<>();
        settings.forEach((k, v) -> text.put(k, String.valueOf(v)));
        text.put("method", LinearNetworkMethod.NAME);
        return new LinearNetworkMethod(depth, initScale, opt.orElseThrow(), pen.orElseThrow(), sched.orElseThrow(),
                lambda, iterations, evalEvery, text);
    }

    /**
     * @param config       receives the network's settings, in the order users read them
     * @param learningRate the optimizer's learning rate, its own default if --lr was not given
     */
    void describe(Map<String, Object> config, double learningRate) {
        config.put("depth", depth);
        config.put("optimizer", optimizer);
        config.put("lr", learningRate);
        config.put("optimizer_settings", new TreeMap<>(optimizerSettings));
        config.put("penalty", penalty);
        config.put("penalty_settings", new TreeMap<>(penaltySettings));
        config.put("lambda", lambda);
        config.put("schedule", schedule);
        config.put("schedule_settings", new TreeMap<>(scheduleSettings));
        config.put("iterations", iterations);
        config.put("init_scale", initScale);
        config.put("eval_every", evalEvery);
    }

    /**
     * @param learningRate the optimizer's learning rate
     * @return for example {@code depth-1 network, adam (lr 0.001), ratio (λ 0.001)}
     */
    String title(double learningRate) {
        return "depth-" + depth + " network, " + optimizer + " (lr " + learningRate
                + (schedule.equals("constant") ? "" : ", " + schedule + " schedule") + "), " + penalty + " (λ " + lambda
                + ")";
    }
}
