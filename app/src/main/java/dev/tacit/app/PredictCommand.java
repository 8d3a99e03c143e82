package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.study.model.SavedModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tacit predict}: a saved model's predicted ratings for (user, item) pairs, as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict ratings with a saved model for (user, item) pairs read from a file or standard input "
                + "(one pair a line: comma, tab, '::' or space separated; an optional header 'user,item').",
                "Writes CSV to standard output: user,item,prediction (the prediction is the last column), clipped to "
                        + "the rating range of the training data."},
        footer = {"", "Exit codes: 0 done, 2 bad usage, a bad model file or a bad line (named)."})
final class PredictCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    TacitCommand parent;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model saved by 'tacit fit'.")
    Path modelFile;

    @Option(names = "--pairs", paramLabel = "FILE", description = "The pairs; '-' or no option reads standard input.")
    String pairs;

    @Option(names = "--unknown", defaultValue = "baseline", paramLabel = "POLICY",
            description = "A user or item the model never saw: ${COMPLETION-CANDIDATES}. baseline predicts the "
                    + "training mean plus the bias it knows, mean the training mean, skip leaves the pair out, error "
                    + "stops. Default: ${DEFAULT-VALUE}.")
    SavedModel.Unknown unknown;

    @Override
    public Integer call() throws IOException {
        SavedModel model = ModelFiles.load(modelFile);
        PrintWriter out = parent.out;
        StringBuilder buffer = new StringBuilder(1 << 16);
        buffer.append("user,item,prediction\n");
        String name = pairs == null || pairs.equals("-") ? "standard input" : pairs;
        InputStream in;
        if (pairs == null || pairs.equals("-")) {
            in = System.in;
        } else {
            FitCommand.requireFile("--pairs", Path.of(pairs));
            in = Files.newInputStream(Path.of(pairs));
        }
        try (in) {
            ModelFiles.readIds(name, in, 2, (parts, line) -> {
                SavedModel.Prediction p = model.predict(parts[0], parts[1], unknown);
                if (!p.known()) {
                    if (unknown == SavedModel.Unknown.SKIP) {
                        return;
                    }
                    if (unknown == SavedModel.Unknown.ERROR) {
                        throw new UsageException(name + ", line " + line + ": the model knows no "
                                + (p.knownUser() ? "item '" + parts[1] + "'" : "user '" + parts[0] + "'")
                                + "; give --unknown baseline (or mean, or skip) to predict anyway");
                    }
                }
                buffer.append(Csv.field(parts[0])).append(',').append(Csv.field(parts[1])).append(',')
                        .append(p.value()).append('\n');
                if (buffer.length() > 1 << 16) {
                    out.write(buffer.toString());
                    buffer.setLength(0);
                }
            });
        }
        out.write(buffer.toString());
        out.flush();
        return 0;
    }
}
