package dev.tacit.app;

import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Named;
import dev.tacit.api.UsageException;
import dev.tacit.data.format.FileFormatException;
import dev.tacit.data.movielens.FetchException;
import dev.tacit.data.movielens.MalformedFileException;
import dev.tacit.optim.catalog.PluginFailure;
import dev.tacit.optim.models.EmbeddingStep;
import dev.tacit.optim.models.ModelKind;
import dev.tacit.optim.models.Scaling;
import dev.tacit.optim.training.DivergenceException;
import dev.tacit.study.Protocol;
import dev.tacit.study.model.SavedModel;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The entry point of {@code tacit}. Exit codes: 0 success, 1 a run failed (for example it diverged), 2 bad usage or
 * bad input. This is the one place where exceptions become exit codes.
 */
public final class Main {

    /** Exit code of a run that failed for a reason other than the user's input. */
    static final int FAILURE = 1;
    /** Exit code of bad usage or bad input. */
    static final int USAGE = 2;

    private Main() {
    }

    /**
     * Runs the tool and exits with its status.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        // Charts are drawn off-screen; never try to reach a display.
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the tool in-process (used by tests).
     *
     * @param args command-line arguments
     * @param out  standard output
     * @param err  standard error
     * @return the exit code
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new TacitCommand(out, err));
        named(cl, ModelKind.class);
        named(cl, EmbeddingStep.class);
        named(cl, Protocol.class);
        named(cl, Scaling.Kind.class);
        named(cl, SavedModel.Unknown.class);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine, err));
        cl.setParameterExceptionHandler((ex, args1) -> usageError(parameterMessage(ex), ex.getCommandLine(), err));
        cl.setExecutionStrategy(parseResult -> {
            noRepeatedKeys(parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Options whose values come from a closed set ({@link Named} enums) are parsed by name, lower case as shown in
     * the help, and a bad value names every accepted one.
     */
    private static <E extends Enum<E> & Named> void named(CommandLine cl, Class<E> type) {
        cl.registerConverter(type, text -> Named.parse(type, "value", text));
    }

    /**
     * A key given twice to a {@code KEY=VALUE} option ({@code --opt beta2=0.9 --opt beta2=0.99}) would silently keep
     * the last value; picocli already refuses a repeated single-valued option, this refuses the repeated key.
     */
    private static void noRepeatedKeys(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (CommandLine.Model.OptionSpec o : p.matchedOptions()) {
                if (!Map.class.isAssignableFrom(o.type())) {
                    continue;
                }
                Set<String> keys = new HashSet<>();
                for (String given : p.matchedOption(o.longestName()).stringValues()) {
                    String key = given.contains("=") ? given.substring(0, given.indexOf('=')).strip() : given.strip();
                    if (!keys.add(key)) {
                        throw new CommandLine.ParameterException(p.commandSpec().commandLine(), o.longestName()
                                + " sets '" + key + "' twice; give each setting once");
                    }
                }
            }
        }
    }

    /** A usage error: the message and where to read more, not the whole usage text. */
    private static int usageError(String message, CommandLine commandLine, PrintWriter err) {
        err.println("tacit: " + message.replace("\n", "\ntacit: "));
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        return USAGE;
    }

    /** A bad value of a closed set names the option, the accepted values and what was given. */
    private static String parameterMessage(CommandLine.ParameterException ex) {
        if (ex.getCause() instanceof InvalidValueException iv
                && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o) {
            return o.longestName() + " must be " + iv.requirement() + ", got " + iv.value();
        }
        return ex.getMessage();
    }

    private static int handle(Exception ex, CommandLine commandLine, PrintWriter err) {
        if (ex instanceof CommandLine.ParameterException pe) {
            return usageError(pe.getMessage(), commandLine, err);
        }
        if (ex instanceof InvalidValueException iv) {
            return usageError("--" + iv.setting().replace('_', '-') + " must be " + iv.requirement() + ", got "
                    + iv.value(), commandLine, err);
        }
        if (ex instanceof UsageException ie) {
            err.println("tacit: " + ie.getMessage().replace("\n", "\ntacit: "));
            return USAGE;
        }
        if (ex instanceof FileFormatException ff) {
            err.println("tacit: " + ff.getMessage());
            return USAGE;
        }
        if (ex instanceof java.nio.file.NoSuchFileException nf) {
            err.println("tacit: " + nf.getFile() + ": no such file");
            return USAGE;
        }
        if (ex instanceof MalformedFileException mf) {
            err.println("tacit: " + mf.getMessage());
            return USAGE;
        }
        if (ex instanceof FetchException fe) {
            err.println("tacit: " + fe.getMessage());
            err.println("  try: " + fe.remedy());
            // A wrong file the user placed is bad input; a failed or corrupted download is a failure to retry.
            return fe.reason() == FetchException.Reason.PLACED_FILE ? USAGE : FAILURE;
        }
        if (ex instanceof PluginFailure pf) {
            err.println("tacit: " + pf.getMessage());
            err.println("  try: report it to the plugin's author, or remove " + pf.plugin() + " from the plugin path");
            return FAILURE;
        }
        if (ex instanceof DivergenceException de) {
            err.println("tacit: " + de.getMessage());
            err.println("  try: " + de.remedy());
            return FAILURE;
        }
        err.println("tacit: internal error, please report it with the command line you used:");
        ex.printStackTrace(err);
        return FAILURE;
    }
}
