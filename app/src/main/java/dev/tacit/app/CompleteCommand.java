package dev.tacit.app;

import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Settings;
import dev.tacit.api.UsageException;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.catalog.Choices;
import dev.tacit.optim.catalog.PluginFailure;
import dev.tacit.optim.models.LinearNetworkMethod;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tacit complete}: any completion method on the synthetic problem of {@code tacit train}, reported with the
 * same metrics and JSON keys, so methods can be put side by side.
 */
@Command(name = "complete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Complete a synthetic low-rank matrix with any completion method and report how well it "
                + "completes the unobserved entries, with the metrics and JSON keys of 'tacit train'.",
                "Methods: lnn (the linear network of 'tacit train', configured by the same network options), "
                        + "cp (minimum nuclear norm), softimpute, optspace; their settings are given with "
                        + "--method-opt KEY=VALUE (see docs/baselines.md)."},
        footer = {"", "Progress goes to standard error; the summary (or the --json object) to standard output.",
                "Exit codes: 0 done, 1 the run failed, 2 bad usage."})
final class CompleteCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    TacitCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--method", required = true, paramLabel = "NAME",
            description = "Completion method: cp, lnn, optspace, softimpute.")
    String method;

    @Option(names = "--method-opt", paramLabel = "KEY=VALUE",
            description = "A setting of the method, repeatable, for example --method-opt box=0; every bad key or "
                    + "value is reported at once.")
    Map<String, String> methodSettings = new TreeMap<>();

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

    @Option(names = "--input", paramLabel = "MATRIX.mtx", description = "Complete this partially observed matrix "
            + "(Matrix Market coordinate, real or integer, as SciPy's mmwrite writes it) instead of a synthetic one.")
    Path input;

    @Option(names = "--output", paramLabel = "OUT.mtx|OUT.npy", description = "With --input: write the completed "
            + "matrix, as Matrix Market (.mtx) or NumPy (.npy) by the extension.")
    Path outputFile;

    @Option(names = "--holdout", paramLabel = "F", description = "With --input: hold out this share of the observed "
            + "entries (chosen from --seed), train on the rest and report the RMSE on them.")
    Double holdout;

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        if (input == null && (outputFile != null || holdout != null)) {
            throw new UsageException((outputFile != null ? "--output" : "--holdout") + " applies to a matrix given "
                    + "with --input MATRIX.mtx");
        }
        MatrixInput file = input == null ? null : MatrixInput.check(commandLine, input, outputFile, holdout);
        Catalog catalog = plugins.catalog(parent.err);
        Map<String, Object> config = new LinkedHashMap<>();
        if (file == null) {
            data.describe(config);
        }
        config.put("method", method);
        if (method.equals(LinearNetworkMethod.NAME)) {
            if (!methodSettings.isEmpty()) {
                throw new CommandLine.ParameterException(commandLine, "--method lnn takes the network options of "
                        + "'tacit train' (" + String.join(", ", NetworkOptions.NAMES) + ") instead of --method-opt");
            }
            LinearNetworkMethod lnn = network.method(catalog);
            double lr = lnn.optimizer().learningRate();
            network.describe(config, lr);
            Execution.Completion completion = lnn::complete;
            if (file != null) {
                return file.run(parent, completion, data.seed, output, monitoring, Execution.tags(network.optimizer,
                        network.penalty, network.depth, "matrix-file"), config, "lnn: " + network.title(lr));
            }
            return Execution.synthetic(parent, completion, data, output, monitoring,
                    Execution.tags(network.optimizer, network.penalty, network.depth, "synthetic"), config,
                    problem -> "Completed " + problem.name() + " with lnn: " + network.title(lr), Optional.empty());
        }
        List<String> misplaced = NetworkOptions.NAMES.stream()
                .filter(name -> commandLine.getParseResult().hasMatchedOption(name)).toList();
        if (!misplaced.isEmpty()) {
            throw new CommandLine.ParameterException(commandLine, String.join(", ", misplaced)
                    + " applies only to --method lnn; set " + method + " with --method-opt KEY=VALUE");
        }
        Choices choices = new Choices(catalog);
        Optional<CompletionMethod> completion = choices.method(method, methodSettings);
        choices.check();
        CompletionMethodProvider provider = catalog.method(method).orElseThrow();
        Settings settings = Settings.resolve(provider.parameters(), methodSettings).get();
        Map<String, Object> resolved = new TreeMap<>();
        provider.parameters().forEach(h -> resolved.put(h.name(), h.integral()
                ? (Object) (long) settings.get(h.name()) : (Object) settings.get(h.name())));
        config.put("method_settings", resolved);
        String described = resolved.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        Execution.Completion checked = reportingSettingErrors(stopping(completion.orElseThrow()), provider,
                commandLine);
        if (file != null) {
            return file.run(parent, checked, data.seed, output, monitoring, Execution.tags(method, "none", 0, "matrix-file"), config,
                    method + " (" + described + ")");
        }
        return Execution.synthetic(parent, checked, data, output, monitoring, Execution.tags(method, "none", 0, "synthetic"), config,
                problem -> "Completed " + problem.name() + " with " + method + " (" + described + ")",
                Optional.empty());
    }

    /**
     * A method that stops on request (the built-in ones) ends after its current iteration and reports what it has. One
     * that does not (a plugin's, unless it says otherwise) would keep a signal waiting until it finishes (up to the
     * grace period, printing nothing), so its next event after a stop request abandons it instead: the command ends
     * promptly and says that there is no partial result.
     */
    static Execution.Completion stopping(CompletionMethod method) {
        if (method.stopsOnRequest()) {
            return method::complete;
        }
        return (problem, random, events, stop) -> {
            try {
                return method.complete(problem, random, event -> {
                    if (stop.getAsBoolean()) {
                        throw new Execution.Abandoned();
                    }
                    events.accept(event);
                });
            } catch (PluginFailure f) {
                // A plugin's method passes the abandonment on through its guard, which names the plugin.
                if (f.getCause() instanceof Execution.Abandoned a) {
                    throw a;
                }
                throw f;
            }
        };
    }

    /**
     * A method whose settings turn out not to fit the problem (an OptSpace rank larger than the matrix) names the
     * setting as {@code --method-opt KEY}, not as the option of the same name.
     */
    private static Execution.Completion reportingSettingErrors(Execution.Completion completion,
                                                               CompletionMethodProvider provider,
                                                               CommandLine commandLine) {
        List<String> keys = provider.parameters().stream().map(Hyperparameter::name).toList();
        return (problem, random, events, stop) -> {
            try {
                return completion.complete(problem, random, events, stop);
            } catch (InvalidValueException e) {
                if (!keys.contains(e.setting())) {
                    throw e;
                }
                throw new CommandLine.ParameterException(commandLine, "--method-opt " + e.setting() + " must be "
                        + e.requirement() + ", got " + e.value());
            }
        };
    }
}
