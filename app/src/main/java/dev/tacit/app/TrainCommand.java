package dev.tacit.app;

import dev.tacit.algebra.Spectra;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.ServiceProvider;
import dev.tacit.data.Seeds;
import dev.tacit.data.Synthetic;
import dev.tacit.optim.Catalog;
import dev.tacit.optim.CompletionEvaluator;
import dev.tacit.optim.LinearNetwork;
import dev.tacit.optim.LinearNetworkObjective;
import dev.tacit.optim.Trainer;
import java.util.LinkedHashMap;
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
            description = "Optimizer name (see the optimizer list in docs). Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate. Default: the optimizer's own (Adam 1e-3, GD 1e-2).")
    Double lr;

    @Option(names = "--opt", paramLabel = "KEY=VALUE",
            description = "Optimizer hyperparameter, repeatable, for example --opt beta2=0.99.")
    Map<String, String> optimizerSettings = new TreeMap<>();

    @Option(names = "--penalty", defaultValue = "ratio",
            description = "Penalty name: ratio, nuclear, frobenius, none. Default: ${DEFAULT-VALUE}.")
    String penalty;

    @Option(names = "--penalty-opt", paramLabel = "KEY=VALUE", description = "Penalty hyperparameter, repeatable.")
    Map<String, String> penaltySettings = new TreeMap<>();

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

    @CommandLine.Mixin
    MonitoringOptions monitoring;

    @Override
    public Integer call() {
        validate();
        Catalog catalog = Catalog.builtIn();
        Optimizer opt = create(catalog.optimizer(optimizer), "--optimizer", optimizer, catalog.optimizerNames(),
                "--opt", optimizerOverrides());
        Penalty pen = create(catalog.penalty(penalty), "--penalty", penalty, catalog.penaltyNames(),
                "--penalty-opt", penaltySettings);

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
                configText);
        Map<String, String> runTags = Map.of("optimizer", optimizer, "penalty", penalty,
                "depth", Integer.toString(depth), "dataset", "synthetic");
        Monitoring observers = Monitoring.open(monitoring, quiet, parent.err, runTags);
        Trainer.Result result = observers.train(run);

        double targetRank = Spectra.effectiveRank(problem.truth().orElseThrow());
        Report report = new Report(result, targetRank, config);
        if (json) {
            parent.out.println(Json.write(report.toMap()));
        } else {
            report.print(parent.out, "depth-" + depth + " network, " + optimizer + " (lr " + opt.learningRate() + "), "
                    + penalty + " (λ " + lambda + ") on " + problem.name());
        }
        return observers.finish(parent.out);
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

    private <T> T create(Optional<? extends ServiceProvider<T>> provider, String option, String name, String known,
                         String settingsOption, Map<String, String> settings) {
        ServiceProvider<T> p = provider.orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "unknown " + option.substring(2) + " '" + name + "' for " + option + "; choose one of: " + known));
        return p.create(settings).getOrElseGet(problems -> {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "bad " + settingsOption + " for " + name + ": " + String.join("; ", problems));
        });
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
        c.put("iterations", iterations);
        c.put("init_scale", initScale);
        c.put("seed", seed);
        c.put("eval_every", evalEvery);
        return c;
    }
}
