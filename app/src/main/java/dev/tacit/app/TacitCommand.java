package dev.tacit.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code tacit} command; it only dispatches to subcommands. */
@Command(name = "tacit", mixinStandardHelpOptions = true, versionProvider = TacitCommand.Version.class,
        description = "Matrix completion with linear networks: the implicit bias of optimizers meets the explicit "
                + "penalty ‖W‖_*/‖W‖_F.",
        subcommands = {TrainCommand.class, CompleteCommand.class, FitCommand.class, PredictCommand.class,
            RecommendCommand.class, EvaluateCommand.class, ServeCommand.class, ExperimentCommand.class,
            ReportCommand.class, ListCommand.class, MovieLensCommand.class, DataCommand.class,
            CommandLine.HelpCommand.class})
final class TacitCommand implements Runnable {

    final PrintWriter out;
    final PrintWriter err;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    TacitCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required, for example 'tacit train'; see 'tacit --help'");
    }

    /** @return Tacit's version, as Maven wrote it into the resources */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = TacitCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    /** Reads the version Maven wrote into the resources. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tacit " + version(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
