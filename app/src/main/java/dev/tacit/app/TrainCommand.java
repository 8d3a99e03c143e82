package dev.tacit.app;

import dev.tacit.algebra.Spectra;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.Schedule;
import dev.tacit.api.ServiceProvider;
import dev.tacit.data.Seeds;
import dev.tacit.data.Synthetic;
import dev.tacit.optim.Catalog;
import dev.tacit.optim.CompletionEvaluator;
import dev.tacit.optim.LinearNetwork;
import dev.tacit.optim.LinearNetworkObjective;
import dev.tacit.optim.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tacit train}: a depth-N linear network on a synthetic low-rank matrix. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a depth-N linear network on a synthetic low-rank matrix and report how well it "
                + "completes the unobserved entries.",
                "Defaults reproduce the study's headline: depth 1, Adam, penalty ‖W‖_*/‖W‖_F."},
        footer = {"", "Progress goes to standard error; the summary (or the --json object) to standard output.",
                "Exit codes: 0 done, 1 the run failed (for example diverged), 2 bad usage."})
final class TrainCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    TacitCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", paramLabel = "N|MxN", defaultValue = "100", converter = Shape.Converter.class,
            description = "Matrix size, square (100) or rectangular (100x80). Default: ${DEFAULT-VALUE}.")
    Shape size;

    @Option(names = "--rank", defaultValue = "5", description = "Rank of the ground truth. Default: ${DEFAULT-VALUE}.")
    int rank;

    @Option(names = "--observed", defaultValue = "2000",
            description = "Number of observed entries. Default: ${DEFAULT-VALUE}.")
    int observed;

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

    @CommandLine.Mixin
    PluginOptions plugins;

    @Option(names = "--lambda", defaultValue = "1e-3",
            description = "Penalty weight λ; 0 trains on the data term alone. Default: ${DEFAULT-VALUE}.")
    double lambda;

    @Option(names = "--iterations", defaultValue = "30000",
            description = "Full-batch iterations. Default: ${DEFAULT-VALUE}.")
    long iterations;

    @Option(names = "--init-scale", defaultValue = "1e-3",
            description = "Scale of the end-to-end matrix at initialisation. Default: ${DEFAULT-VALUE}.")
    double initScale;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the matrix, the sample and the initialisation. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--eval-every", defaultValue = "1000",
            description = "Evaluate (test RMSE, effective rank) every this many iterations. Default: ${DEFAULT-VALUE}.")
    long evalEvery;

    @Option(names = "--json", description = "Print one JSON object with the results and configuration on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() {
        validate();
        Catalog catalog = plugins.catalog(parent.err);
        List<String> problems = new ArrayList<>();
        Optimizer opt = create(catalog.optimizer(optimizer), "--optimizer", optimizer, catalog.optimizerNames(),
                "--opt", optimizerOverrides(), problems);
        Penalty pen = create(catalog.penalty(penalty), "--penalty", penalty, catalog.penaltyNames(),
                "--penalty-opt", penaltySettings, problems);
        Schedule sched = create(catalog.schedule(schedule), "--schedule", schedule, catalog.scheduleNames(),
                "--schedule-opt", scheduleSettings, problems);
        if (!problems.isEmpty()) {
            // One line per problem, each with the prefix the error handler gives the first.
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("\ntacit: ", problems));
        }

        Synthetic synthetic = new Synthetic(size.rows(), size.cols(), rank, observed, seed);
        CompletionProblem problem = synthetic.problem();
        LinearNetwork network = new LinearNetwork(size.rows(), size.cols(), depth, initScale);
        LinearNetworkObjective objective = new LinearNetworkObjective(network, problem.train(), pen, lambda);
        var init = network.initialParameters(Seeds.stream(seed, Seeds.Purpose.INIT));

        Map<String, Object> config = configuration(opt);
        TreeMap<String, String> configText = new TreeMap<>();
        config.forEach((k, v) -> configText.put(k, String.valueOf(v)));
        Trainer.Run run = new Trainer.Run(objective, opt, new CompletionEvaluator(network, problem),
                Trainer.Run.freshStart(objective, opt, init), iterations, evalEvery, Math.min(evalEvery, 100),
                configText, sched);
        ConsoleProgress progress = new ConsoleProgress(parent.err, quiet);
        Trainer.Result result = Trainer.train(run, progress);

        double targetRank = Spectra.effectiveRank(problem.truth().orElseThrow());
        Report report = new Report(result, targetRank, config);
        if (json) {
            parent.out.println(Json.write(report.toMap()));
        } else {
            report.print(parent.out, "depth-" + depth + " network, " + optimizer + " (lr " + opt.learningRate()
                    + (schedule.equals("constant") ? "" : ", " + schedule + " schedule") + "), " + penalty + " (λ "
                    + lambda + ") on " + problem.name());
        }
        return 0;
    }

    /** Checks what no record below validates; everything else is validated where it is defined. */
    private void validate() {
        if (lr != null && optimizerSettings.containsKey("lr")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "the learning rate is given twice, by --lr and by --opt lr=...; keep one");
        }
    }

    private Map<String, String> optimizerOverrides() {
        Map<String, String> all = new TreeMap<>(optimizerSettings);
        if (lr != null) {
            all.put("lr", Double.toString(lr));
        }
        return all;
    }

    /** The configured service, or null after adding every problem with the name or the settings to problems. */
    private static <T> T create(Optional<? extends ServiceProvider<T>> provider, String option, String name,
                                String known, String settingsOption, Map<String, String> settings,
                                List<String> problems) {
        if (provider.isEmpty()) {
            problems.add("unknown " + option.substring(2) + " '" + name + "' for " + option + "; choose one of: "
                    + known + " (or load a plugin with --plugin-path)");
            return null;
        }
        return provider.get().create(settings).fold(errors -> {
            problems.add("bad " + settingsOption + " for " + name + ": " + String.join("; ", errors));
            return null;
        }, service -> service);
    }

    private Map<String, Object> configuration(Optimizer opt) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("size", size.toString());
        c.put("rank", rank);
        c.put("observed", observed);
        c.put("depth", depth);
        c.put("optimizer", optimizer);
        c.put("lr", opt.learningRate());
        c.put("optimizer_settings", new TreeMap<>(optimizerSettings));
        c.put("penalty", penalty);
        c.put("penalty_settings", new TreeMap<>(penaltySettings));
        c.put("lambda", lambda);
        c.put("schedule", schedule);
        c.put("schedule_settings", new TreeMap<>(scheduleSettings));
        c.put("iterations", iterations);
        c.put("init_scale", initScale);
        c.put("seed", seed);
        c.put("eval_every", evalEvery);
        return c;
    }
}
