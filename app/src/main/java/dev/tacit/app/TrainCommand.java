package dev.tacit.app;

import dev.tacit.api.CompletionResult;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.StopReason;
import dev.tacit.api.UsageException;
import dev.tacit.data.io.AtomicFiles;
import dev.tacit.data.io.Json;
import dev.tacit.data.io.JsonReader;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.catalog.ServiceKind;
import dev.tacit.optim.models.LinearNetworkMethod;
import dev.tacit.optim.training.Checkpoint;
import dev.tacit.optim.training.CorruptCheckpointException;
import dev.tacit.optim.training.Progress;
import dev.tacit.optim.training.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tacit train}: a depth-N linear network on a synthetic low-rank matrix. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a depth-N linear network on a synthetic low-rank matrix and report how well it "
                + "completes the unobserved entries.",
                "Defaults reproduce the study's headline: depth 1, Adam, penalty ‖W‖_*/‖W‖_F."},
        footer = {"", "Progress goes to standard error; the summary (or the --json object) to standard output.",
                "SIGINT or SIGTERM stops at the end of the current step, writes the final checkpoint (with "
                        + "--checkpoint) and the results so far, and exits with 130 or 143.",
                "Exit codes: 0 done, 1 the run failed (for example diverged), 2 bad usage."})
final class TrainCommand implements Callable<Integer> {

    /** The checkpoint file in a checkpoint directory. */
    static final String CHECKPOINT_FILE = "checkpoint.tacit";
    /** The result file in a checkpoint directory. */
    static final String RESULT_FILE = "result.json";

    @CommandLine.ParentCommand
    TacitCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SyntheticOptions data;

    @Mixin
    NetworkOptions network;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Save the run to DIR every --checkpoint-every iterations, at the end and when interrupted, "
                    + "so 'tacit train --resume DIR' continues it exactly.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "1000",
            description = "Iterations between checkpoints. Default: ${DEFAULT-VALUE}.")
    long checkpointEvery;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run saved in DIR with its own settings; --iterations extends it.")
    Path resume;

    @Mixin
    OutputOptions output;

    @Mixin
    MonitoringOptions monitoring;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        if (resume == null && checkpoint == null
                && spec.commandLine().getParseResult().hasMatchedOption("--checkpoint-every")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--checkpoint-every needs --checkpoint DIR: "
                    + "it sets how often the run is saved there");
        }
        // The directory written is locked before it is examined: two runs started at once on it would otherwise both
        // find it free and overwrite each other's checkpoints.
        Path written = checkpoint != null ? checkpoint : resume;
        if (written == null || resume != null && checkpoint == null && !Files.isDirectory(resume)) {
            return resume != null ? resumed() : fresh();
        }
        String option = checkpoint != null ? "--checkpoint" : "--resume";
        OutputFiles.checkDirectory(option, written);
        OutputFiles.createDirectory(option, written);
        try (DirectoryLock lock = DirectoryLock.acquire(option, written)) {
            return resume != null ? resumed() : fresh();
        }
    }

    /** A new run, checkpointed if asked. */
    private int fresh() {
        if (checkpoint != null && Files.exists(checkpoint.resolve(CHECKPOINT_FILE))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--checkpoint " + checkpoint + " already "
                    + "holds a run's checkpoint; continue it with --resume " + checkpoint + " or choose another "
                    + "directory");
        }
        return execute(this, Optional.empty(), Optional.ofNullable(checkpoint), checkpointEvery, arguments());
    }

    /** Continues the run saved in --resume DIR, with the settings it was started with. */
    private int resumed() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        List<String> fixed = new ArrayList<>();
        for (String option : settingsOptions()) {
            if (given.hasMatchedOption(option) && !option.equals("--iterations")) {
                fixed.add(option);
            }
        }
        if (!fixed.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "with --resume the run's settings come from "
                    + "its checkpoint; drop " + String.join(", ", fixed) + " (only --iterations may change, to extend "
                    + "the run)");
        }
        Checkpoint saved;
        try {
            saved = Checkpoint.read(resume.resolve(CHECKPOINT_FILE));
        } catch (CorruptCheckpointException e) {
            throw new UsageException("--resume " + resume + ": " + e.getMessage() + "; a directory written by "
                    + "'tacit train --checkpoint DIR' holds " + CHECKPOINT_FILE);
        }
        List<String> arguments = savedArguments(resume, saved);
        if (given.hasMatchedOption("--plugin-path")) {
            // The plugins may have moved since the run started: the checkpoint's record of each plugin (its
            // SHA-256) decides whether the jars found now are the ones it ran with.
            arguments = withPluginPath(arguments, plugins.pluginPath);
        }
        CommandLine again = new CommandLine(new TacitCommand(parent.out, parent.err));
        List<String> train = new ArrayList<>(List.of("train"));
        train.addAll(arguments);
        TrainCommand original;
        try {
            original = (TrainCommand) again.parseArgs(train.toArray(String[]::new)).subcommand().commandSpec()
                    .userObject();
        } catch (CommandLine.ParameterException e) {
            throw notThisRun(resume, "its arguments " + arguments + " are not valid (" + e.getMessage() + ")");
        }
        if (given.hasMatchedOption("--iterations")) {
            original.network.iterations = network.iterations;
            arguments = withIterations(arguments, network.iterations);
        }
        Progress at = saved.progress();
        if (at.iteration() >= original.network.iterations) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the run in " + resume + " is at iteration "
                    + at.iteration() + " of " + original.network.iterations + "; give --iterations above "
                    + at.iteration() + " to extend it");
        }
        Path dir = checkpoint != null ? checkpoint : resume;
        long every = given.hasMatchedOption("--checkpoint-every") ? checkpointEvery : original.checkpointEvery;
        return execute(original, Optional.of(saved), Optional.of(dir), every, arguments);
    }

    /**
     * Runs the settings of {@code settings} (this command, or the one a checkpoint was started with) with this
     * command's output and monitoring options.
     */
    private int execute(TrainCommand settings, Optional<Checkpoint> resumed, Optional<Path> dir, long every,
                        List<String> arguments) {
        Catalog catalog = settings.plugins.catalog(parent.err);
        resumed.ifPresent(c -> checkPlugins(c.configuration(), catalog));
        LinearNetworkMethod method = settings.network.method(catalog);
        Map<String, String> pluginRecord = pluginRecord(settings.network, catalog);
        Optional<Progress> from = resumed.map(Checkpoint::progress);
        double lr = method.optimizer().learningRate();
        Map<String, Object> config = new LinkedHashMap<>();
        settings.data.describe(config);
        settings.network.describe(config, lr);
        dir.ifPresent(d -> OutputFiles.createDirectory("--checkpoint", d));
        Consumer<Progress> save = dir.<Consumer<Progress>>map(d -> p -> save(d, arguments, pluginRecord, p))
                .orElse(p -> { });
        Execution.Completion completion = (problem, random, events, stopRequested) -> {
            Trainer.Control control = new Trainer.Control(dir.isPresent() ? every : 0, save, stopRequested);
            CompletionResult r;
            try {
                r = method.complete(problem, random, events, from, control);
            } catch (InvalidValueException e) {
                if (resumed.isEmpty() || !e.setting().equals("resume")) {
                    throw e;
                }
                throw notThisRun(resume, e.value() + " where it needs " + e.requirement());
            }
            if (r.convergence().status() == StopReason.INTERRUPTED) {
                parent.err.println("tacit: interrupted at iteration " + r.convergence().iterations() + " of "
                        + settings.network.iterations + (dir.isPresent() ? "; continue with: tacit train --resume "
                        + dir.get() : " (no --checkpoint: this run cannot be resumed)"));
            }
            return r;
        };
        return Execution.synthetic(parent, completion, settings.data, output, monitoring,
                Execution.tags(settings.network.optimizer, settings.network.penalty, settings.network.depth,
                        "synthetic"),
                config, problem -> "Trained " + settings.network.title(lr) + " on " + problem.name(),
                dir.map(d -> d.resolve(RESULT_FILE)));
    }

    private void save(Path dir, List<String> arguments, Map<String, String> pluginRecord, Progress progress) {
        TreeMap<String, String> configuration = new TreeMap<>(pluginRecord);
        configuration.put("command", "train");
        configuration.put("arguments", Json.write(arguments));
        try {
            AtomicFiles.write(dir.resolve(CHECKPOINT_FILE), new Checkpoint(configuration, progress)::writeTo);
        } catch (IOException e) {
            // The previous checkpoint is intact (atomic replace); say so and keep training.
            parent.err.println("tacit: could not write the checkpoint of iteration " + progress.iteration() + " to "
                    + dir + " (" + e.getMessage() + "); the previous one is kept");
        }
    }

    /**
     * What a checkpoint records of the plugins a run uses: for the optimizer, penalty and schedule that came from a
     * plugin, the plugin's path and SHA-256, under {@code plugin.KIND} and {@code plugin.KIND.sha256}.
     */
    private static Map<String, String> pluginRecord(NetworkOptions network, Catalog catalog) {
        TreeMap<String, String> record = new TreeMap<>();
        Map<ServiceKind, String> used = Map.of(ServiceKind.OPTIMIZER, network.optimizer, ServiceKind.PENALTY,
                network.penalty, ServiceKind.SCHEDULE, network.schedule);
        used.forEach((kind, name) -> catalog.entry(kind, name).filter(Catalog.Entry::fromPlugin).ifPresent(e -> {
            record.put("plugin." + kind.label(), name + " from " + e.origin());
            record.put("plugin." + kind.label() + ".sha256", e.fingerprint());
        }));
        return record;
    }

    /**
     * Refuses to resume with other plugin jars than the run started with: a different jar would not continue the
     * run bit for bit. A plugin that moved is fine when {@code --plugin-path} names its new place.
     */
    private static void checkPlugins(Map<String, String> saved, Catalog catalog) {
        for (ServiceKind kind : List.of(ServiceKind.OPTIMIZER, ServiceKind.PENALTY, ServiceKind.SCHEDULE)) {
            String used = saved.get("plugin." + kind.label());
            if (used == null) {
                continue;
            }
            String name = used.substring(0, used.indexOf(" from "));
            String sha = saved.getOrDefault("plugin." + kind.label() + ".sha256", "");
            var now = catalog.entry(kind, name);
            if (now.isEmpty() || !now.get().fromPlugin()) {
                throw new UsageException("the run used the " + kind.label() + " " + used + ", which is not on the "
                        + "plugin path now; give the directory that holds that jar: tacit train --resume DIR "
                        + "--plugin-path PLUGINS");
            }
            if (!now.get().fingerprint().equals(sha)) {
                throw new UsageException("the " + kind.label() + " '" + name + "' now comes from " + now.get().origin()
                        + " (SHA-256 " + now.get().fingerprint().substring(0, 12) + "…), not the jar the run started "
                        + "with (" + used + ", SHA-256 " + sha.substring(0, Math.min(12, sha.length())) + "…); a "
                        + "different jar would not continue the run exactly: give the original jar with "
                        + "--plugin-path");
            }
        }
    }

    /** The arguments with their --plugin-path options replaced by the given directories. */
    private static List<String> withPluginPath(List<String> arguments, List<String> directories) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals("--plugin-path")) {
                i++;
            } else if (!a.startsWith("--plugin-path=")) {
                out.add(a);
            }
        }
        directories.forEach(d -> {
            out.add("--plugin-path");
            out.add(d);
        });
        return out;
    }

    /** The arguments that define the run (everything but where to checkpoint or what to resume). */
    private List<String> arguments() {
        List<String> all = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        int train = all.indexOf("train");
        return List.copyOf(all.subList(train + 1, all.size()));
    }

    /** The arguments with --iterations set to a new value, so the next checkpoint records the extended plan. */
    private static List<String> withIterations(List<String> arguments, long iterations) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals("--iterations")) {
                i++;
            } else if (!a.startsWith("--iterations=")) {
                out.add(a);
            }
        }
        out.add("--iterations");
        out.add(Long.toString(iterations));
        return out;
    }

    private static List<String> savedArguments(Path dir, Checkpoint saved) {
        String text = saved.configuration().get("arguments");
        if (text == null || !"train".equals(saved.configuration().get("command"))) {
            throw notThisRun(dir, "it was not written by 'tacit train'; resume it with the command that wrote it");
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(text);
        } catch (RuntimeException e) {
            throw notThisRun(dir, "its arguments are not readable (" + e.getMessage() + ")");
        }
        if (!(parsed instanceof List<?> list) || list.stream().anyMatch(a -> !(a instanceof String))) {
            throw notThisRun(dir, "its arguments are not a list of options");
        }
        return list.stream().map(String::valueOf).toList();
    }

    /**
     * A checkpoint that reads (its checksum holds) but cannot continue this command's run: crafted, or written by
     * another version or command. Bad input, refused before anything of its declared size is allocated.
     */
    private static UsageException notThisRun(Path dir, String why) {
        return new UsageException("--resume " + dir + ": not a checkpoint of this run: " + why + "; a directory "
                + "written by 'tacit train --checkpoint DIR' holds " + CHECKPOINT_FILE);
    }

    /** Options whose values a resumed run takes from its checkpoint. */
    private static List<String> settingsOptions() {
        List<String> names = new ArrayList<>(NetworkOptions.NAMES);
        names.addAll(List.of("--size", "--rank", "--observed", "--seed"));
        return names;
    }
}
