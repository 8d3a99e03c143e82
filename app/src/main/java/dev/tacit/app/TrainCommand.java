package dev.tacit.app;

import dev.tacit.optim.LinearNetworkMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin
    SyntheticOptions data;

    @Mixin
    NetworkOptions network;

    @Mixin
    OutputOptions output;

    @Mixin
    MonitoringOptions monitoring;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        LinearNetworkMethod method = network.method(spec.commandLine(), plugins.catalog(parent.err));
        double lr = method.optimizer().learningRate();
        Map<String, Object> config = new LinkedHashMap<>();
        data.describe(config);
        network.describe(config, lr);
        return Execution.run(parent, method, data, output, monitoring,
                Execution.tags(network.optimizer, network.penalty, network.depth), config,
                problem -> "Trained " + network.title(lr) + " on " + problem.name());
    }
}
