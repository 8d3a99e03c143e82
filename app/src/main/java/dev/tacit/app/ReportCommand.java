package dev.tacit.app;

import dev.tacit.app.report.ReportWriter;
import dev.tacit.study.experiment.ExperimentFile;
import dev.tacit.study.experiment.ExperimentSpec;
import dev.tacit.study.experiment.MethodExecutor;
import dev.tacit.study.experiment.ResultStore;
import dev.tacit.study.experiment.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tacit report}: redraws an experiment's tables, charts and report from its stored runs, without running. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Redraw the tables, charts and report of an experiment from the runs already in its directory.")
final class ReportCommand implements Callable<Integer> {

    /** The resolved experiment file every experiment directory holds. */
    static final String EXPERIMENT_FILE = ExperimentFile.STORED_NAME;

    @CommandLine.ParentCommand
    TacitCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "An experiment's output directory.")
    Path dir;

    @CommandLine.Mixin
    PluginOptions plugins;

    @Option(names = "--x", paramLabel = "AXIS", description = "Put this axis on x instead: observed, depth, rank, size, "
            + "lambda.")
    String xAxis;

    @Override
    public Integer call() throws IOException {
        Path file = dir.resolve(EXPERIMENT_FILE);
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), dir + " is not an experiment directory (no "
                    + EXPERIMENT_FILE + "); run 'tacit experiment' first");
        }
        Set<String> baselines = new MethodExecutor(plugins.catalog(parent.err)).baselineNames();
        ExperimentSpec experiment;
        try {
            experiment = ExperimentFile.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8),
                    xAxis == null ? List.of() : List.of("x=" + xAxis), baselines);
        } catch (ExperimentFile.ParseException e) {
            // The axis reaches the parser as an override; the user wrote --x.
            throw new CommandLine.ParameterException(spec.commandLine(), xAxis == null ? e.getMessage()
                    : e.getMessage().replace("--set x=" + xAxis, "--x " + xAxis));
        }
        write(dir, experiment, "tacit report " + dir, parent);
        parent.out.println("report in " + dir.resolve("report.md"));
        return 0;
    }

    /**
     * Writes the report of the runs of the experiment's grid found in the directory.
     *
     * @param dir        the experiment's directory
     * @param experiment the experiment
     * @param command    the command to quote in the report
     * @param parent     for output
     * @throws IOException if a file cannot be written
     */
    static void write(Path dir, ExperimentSpec experiment, String command, TacitCommand parent) throws IOException {
        // Labels come from the experiment as it reads now, not as stored: they are presentation, and a run keeps
        // its id (and its stored result) when only its label changes.
        Map<String, String> labels = new HashMap<>();
        experiment.expand().forEach(run -> labels.put(run.id(), run.method().label()));
        ResultStore.Contents stored = new ResultStore(dir).load();
        for (ResultStore.Damaged d : stored.damaged()) {
            parent.err.println("tacit: warning: " + d.file() + " is not a valid run result (" + d.reason() + "); it is "
                    + "left out of the report: run the experiment again to redo that run");
        }
        parent.err.flush();
        List<RunResult> results = stored.results().stream().filter(r -> labels.containsKey(r.id()))
                .map(r -> r.withLabel(labels.get(r.id()))).toList();
        if (results.isEmpty()) {
            parent.err.println("tacit: no finished run of this experiment in " + dir + " yet; nothing to report");
            return;
        }
        ReportWriter.write(dir, experiment.name(), command, results, experiment.xAxis());
    }
}
