package dev.tacit.app;

import dev.tacit.app.pipeline.SweepProgress;
import dev.tacit.app.report.ReportWriter;
import dev.tacit.data.io.AtomicFiles;
import dev.tacit.study.experiment.ExperimentFile;
import dev.tacit.study.experiment.ExperimentRunner;
import dev.tacit.study.experiment.ExperimentSpec;
import dev.tacit.study.experiment.MethodExecutor;
import dev.tacit.study.experiment.Presets;
import dev.tacit.study.experiment.ResultStore;
import dev.tacit.study.experiment.RunSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tacit experiment}: runs a grid of runs from a preset or an experiment file on every core, resumably, then
 * writes the tables, charts and report.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an experiment: a grid of methods, problem sizes, sample sizes, depths, λ and seeds, on every "
                + "core. Each finished run is stored at once, so an interrupted experiment resumes where it stopped.",
                "Presets: figure4 (the study's Figure 4) and depth (the depth study); --quick runs a short form."},
        footer = {"", "Output (in --out, default results/NAME): runs/*.json, runs.csv, summary.csv, summary.md, "
                + "test_rmse.png/.svg, effective_rank.png/.svg, report.md.",
                "Exit codes: 0 the sweep ran to its end (a run that diverged is a result: stored, counted as failed and",
                "listed in the report), 1 it stopped on an error, 2 bad usage or a bad experiment file."})
final class ExperimentCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    TacitCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PRESET|FILE", description = "A preset (figure4, depth) or an experiment file.")
    String source;

    @Option(names = "--quick", description = "The preset's short form: fewer seeds and points (a few minutes).")
    boolean quick;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a line of the experiment, repeatable, for example --set seeds=0..1 "
                    + "--set observed=2000,3000; --set method=... replaces all methods.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory. Default: results/NAME.")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "Runs at a time. Default: one per core.")
    Integer jobs;

    @Option(names = "--print", description = "Print the experiment file (after overrides) and exit: a start for "
            + "your own.")
    boolean print;

    @Option(names = "--dry-run", description = "List the runs and exit.")
    boolean dryRun;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @CommandLine.Mixin
    PluginOptions plugins;

    @Mixin
    MonitoringOptions monitoring;

    @Override
    public Integer call() throws Exception {
        String text = experimentText();
        MethodExecutor executor = new MethodExecutor(plugins.catalog(parent.err));
        ExperimentSpec experiment = parse(text, executor.baselineNames());
        List<RunSpec> runs = experiment.expand();
        if (print) {
            parent.out.print(ExperimentFile.resolve(text, overrides));
            return 0;
        }
        try {
            executor.check(runs);
            runs.stream().mapToInt(RunSpec::size).max().ifPresent(size -> MemoryBudget.requireFits("size", size
                    + "x" + size, (long) size * size));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), sourceName() + ": " + e.getMessage());
        }
        if (dryRun) {
            runs.forEach(r -> parent.out.println(r.id() + "  " + r.describe()));
            parent.out.println(runs.size() + " runs");
            return 0;
        }
        int workers = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (workers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1, got " + workers);
        }
        Path dir = out != null ? out : Path.of("results", experiment.name());
        OutputFiles.checkDirectory("--out", dir);
        Monitoring.check(monitoring);
        OutputFiles.createDirectory("--out", dir);
        // Two sweeps in one directory would each run the runs the other has not stored yet, and race on the report.
        try (DirectoryLock lock = DirectoryLock.acquire("--out", dir)) {
            return sweep(dir, experiment, runs, text, executor, workers);
        }
    }

    /** Runs what the locked directory does not hold yet, then writes the report. */
    private int sweep(Path dir, ExperimentSpec experiment, List<RunSpec> runs, String text, MethodExecutor executor,
                      int workers) throws IOException {
        AtomicFiles.writeString(dir.resolve(ExperimentFile.STORED_NAME), ExperimentFile.resolve(text, overrides));
        ResultStore store = new ResultStore(dir);
        for (ResultStore.Damaged d : store.load().damaged()) {
            // Counting it as done would leave a hole in the results forever; running it again replaces it.
            parent.err.println("tacit: warning: " + d.file() + " is not a valid run result (" + d.reason() + "); that "
                    + "run is run again");
        }
        ExperimentRunner.Plan plan = ExperimentRunner.plan(runs, store);
        if (!quiet) {
            parent.err.println(plan.describe(workers));
            parent.err.flush();
        }
        Map<String, String> descriptions = new HashMap<>();
        plan.todo().forEach(r -> descriptions.put(r.id(), r.describe()));
        Execution.Observers observers = new Execution.Observers(monitoring, quiet,
                Execution.tags("sweep", "sweep", 0, "synthetic"),
                Optional.of(new SweepProgress(parent.err, descriptions, plan.todo().size())));
        return Execution.run(parent, observers, context -> {
            try {
                return ExperimentRunner.run(plan, store, executor, workers, context::events,
                        context.stopRequested());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the runs", e);
            }
        }, outcome -> {
            parent.out.printf(Locale.ROOT, "%s: %d runs (%d done before, %d now, %d failed%s) in %.1f s; report in "
                            + "%s%n", experiment.name(), outcome.total(), outcome.skipped(), outcome.completed(),
                    outcome.failed(), outcome.interrupted() > 0 ? ", " + outcome.interrupted() + " stopped by a "
                            + "signal: run the same command to finish them" : "", outcome.seconds(),
                    dir.resolve("report.md"));
            parent.out.flush();
            try {
                ReportCommand.write(dir, experiment, commandLine(), parent);
            } catch (IOException e) {
                parent.err.println("tacit: cannot write the report in " + dir + ": " + e.getMessage());
            }
        });
        // A diverged run is a finding of the sweep (GD at too large a step for a depth, say), not a failure of it.
    }

    private ExperimentSpec parse(String text, Set<String> baselines) {
        try {
            return ExperimentFile.parse(sourceName(), text, overrides, baselines);
        } catch (ExperimentFile.ParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private String sourceName() {
        return Presets.NAMES.contains(source) ? "preset " + source + (quick ? "-quick" : "") : source;
    }

    private String experimentText() {
        if (Presets.NAMES.contains(source)) {
            return Presets.text(source, quick);
        }
        if (quick) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--quick applies to the presets ("
                    + String.join(", ", Presets.NAMES) + "); for your own file, shorten it with --set");
        }
        Path file = Path.of(source);
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + source + "' is neither a preset ("
                    + String.join(", ", Presets.NAMES) + ") nor a readable experiment file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), file + " is not a text file (it is not "
                    + "UTF-8); an experiment file is lines of 'key = value': start from 'tacit experiment figure4 "
                    + "--print'");
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
        }
    }

    private String commandLine() {
        StringBuilder sb = new StringBuilder("tacit experiment ").append(source);
        if (quick) {
            sb.append(" --quick");
        }
        overrides.forEach(o -> sb.append(" --set ").append(o));
        return sb.toString();
    }
}
