package dev.tacit.app;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.Metrics;
import dev.tacit.api.UsageException;
import dev.tacit.data.Seeds;
import dev.tacit.data.format.MatrixMarket;
import dev.tacit.data.format.Npy;
import dev.tacit.data.format.NpyArray;
import dev.tacit.data.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import picocli.CommandLine;

/**
 * {@code tacit complete --input MATRIX.mtx}: a user's own partially observed matrix, completed by any method, written
 * as Matrix Market or NumPy, with the RMSE on a held-out share of its entries when asked. There is no ground truth:
 * the report has the training RMSE, the held-out RMSE if any, the effective rank and the singular values.
 *
 * @param input      the matrix file
 * @param output     where to write the completed matrix, if anywhere (checked before any work)
 * @param holdout    the share of the observed entries held out, 0 for none
 */
record MatrixInput(Path input, Optional<Path> output, double holdout) {

    /** The synthetic problem's options, which a matrix file replaces. */
    private static final List<String> SYNTHETIC = List.of("--size", "--rank", "--observed");

    /**
     * Checks the options before any work.
     *
     * @param commandLine the command, to see which options were given
     * @param input       {@code --input}
     * @param output      {@code --output}, or null
     * @param holdout     {@code --holdout}, or null
     * @return the checked input
     * @throws UsageException naming the option if anything cannot work
     */
    static MatrixInput check(CommandLine commandLine, Path input, Path output, Double holdout) {
        List<String> misplaced = SYNTHETIC.stream().filter(o -> commandLine.getParseResult().hasMatchedOption(o))
                .toList();
        if (!misplaced.isEmpty()) {
            throw new UsageException(String.join(", ", misplaced) + " describe the synthetic matrix; with --input the "
                    + "matrix file says its size: drop " + String.join(", ", misplaced));
        }
        FitCommand.requireFile("--input", input);
        double h = holdout == null ? 0 : holdout;
        if (!(h >= 0 && h < 1)) {
            throw new UsageException("--holdout must be a share of the observed entries in [0, 1), got " + holdout);
        }
        Optional<Path> out = Optional.ofNullable(output).map(o -> {
            String name = o.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".mtx") && !name.endsWith(".npy")) {
                throw new UsageException("--output " + o + ": the extension says the format: end the name in .mtx "
                        + "(Matrix Market) or .npy (NumPy)");
            }
            return OutputFiles.check("--output", o);
        });
        return new MatrixInput(input, out, h);
    }

    /**
     * Reads the matrix, completes it on the run path and reports.
     *
     * @param parent     the top-level command
     * @param completion the method
     * @param seed       the seed of the held-out choice and of the method's randomness
     * @param output     how to report
     * @param monitoring the observers
     * @param tags       the metric tags
     * @param config     the settings so far
     * @param title      the method as the summary names it
     * @return the exit code
     * @throws IOException if the matrix file cannot be read
     */
    int run(TacitCommand parent, Execution.Completion completion, long seed, OutputOptions output,
            MonitoringOptions monitoring, Map<String, String> tags, Map<String, Object> config, String title)
            throws IOException {
        Entries observed = MatrixMarket.read(input).entries();
        if (observed.size() < 2) {
            throw new UsageException("--input " + input + " has " + observed.size() + " observed entr"
                    + (observed.size() == 1 ? "y" : "ies") + "; completing a matrix needs at least two");
        }
        MemoryBudget.requireFits("--input", input.toString(), (long) observed.rows() * observed.cols());
        CompletionProblem problem = problem(observed, seed);
        config.put("input", input.toString());
        config.put("size", observed.rows() + "x" + observed.cols());
        config.put("observed", observed.size());
        config.put("holdout", holdout);
        config.put("seed", seed);
        return Execution.run(parent, Execution.Observers.of(monitoring, output.quiet, tags), context ->
                completion.complete(problem, Seeds.stream(seed, Seeds.Purpose.INIT), context.events(),
                        context.stopRequested()), result -> report(parent, result, problem, config, title, output));
    }

    /** The problem: every observed entry trains, except a seeded share held out to score the completion. */
    private CompletionProblem problem(Entries observed, long seed) {
        int n = observed.size();
        int held = (int) Math.round(holdout * n);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        SplittableRandom rng = Seeds.stream(seed, Seeds.Purpose.SPLIT);
        for (int k = n - 1; k > 0; k--) {
            int pick = rng.nextInt(k + 1);
            int t = order[k];
            order[k] = order[pick];
            order[pick] = t;
        }
        int[] testIdx = java.util.Arrays.copyOfRange(order, 0, held);
        int[] trainIdx = java.util.Arrays.copyOfRange(order, held, n);
        java.util.Arrays.sort(testIdx);
        java.util.Arrays.sort(trainIdx);
        return new CompletionProblem(input.getFileName() + (held > 0 ? ", " + held + " held out" : ""),
                subset(observed, trainIdx), Entries.of(observed.rows(), observed.cols(), new int[0], new int[0],
                new double[0]), subset(observed, testIdx), Optional.empty());
    }

    private static Entries subset(Entries e, int[] idx) {
        int[] r = new int[idx.length];
        int[] c = new int[idx.length];
        double[] v = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            r[k] = e.row(idx[k]);
            c[k] = e.col(idx[k]);
            v[k] = e.value(idx[k]);
        }
        return Entries.adopt(e.rows(), e.cols(), r, c, v);
    }

    private void report(TacitCommand parent, CompletionResult result, CompletionProblem problem,
                        Map<String, Object> config, String title, OutputOptions options) {
        Metrics m = result.metrics();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("train_rmse", m.trainRmse());
        out.put("holdout_rmse", problem.test().size() == 0 ? Double.NaN : m.testRmse());
        out.put("holdout_entries", problem.test().size());
        out.put("effective_rank", m.effectiveRank());
        out.put("nuclear_norm", m.nuclearNorm());
        out.put("top_singular_values", m.topSingularValues());
        out.put("iterations", result.convergence().iterations());
        out.put("stop_reason", result.convergence().status().label());
        out.put("seconds", result.seconds());
        output.ifPresent(f -> out.put("output", f.toString()));
        out.put("config", config);
        if (options.json) {
            parent.out.println(Json.write(out));
        } else {
            parent.out.println("Completed " + problem.name() + " (" + problem.rows() + "x" + problem.cols() + ", "
                    + (problem.train().size() + problem.test().size()) + " observed) with " + title);
            row(parent, "train RMSE", String.format(Locale.ROOT, "%.4g", m.trainRmse()));
            if (problem.test().size() > 0) {
                row(parent, "held-out RMSE", String.format(Locale.ROOT, "%.4g (%d entries)", m.testRmse(),
                        problem.test().size()));
            }
            row(parent, "effective rank", String.format(Locale.ROOT, "%.3f", m.effectiveRank()));
            row(parent, "seconds", String.format(Locale.ROOT, "%.1f", result.seconds()));
        }
        parent.out.flush();
        output.ifPresent(f -> write(parent, f, result.completed()));
    }

    private static void row(TacitCommand parent, String name, String value) {
        parent.out.println(String.format(Locale.ROOT, "  %-16s %s", name, value));
    }

    /** Writes the completed matrix; a failure is reported and the printed results stand. */
    private static void write(TacitCommand parent, Path file, Matrix completed) {
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
                dev.tacit.data.io.AtomicFiles.write(file, o -> Npy.write(o, NpyArray.of(completed)));
            } else {
                MatrixMarket.write(file, completed);
            }
            if (!parent.out.checkError()) {
                parent.err.println("tacit: wrote the completed matrix to " + file);
            }
        } catch (IOException | RuntimeException e) {
            parent.err.println("tacit: could not write --output " + file + " (" + e.getMessage() + "); the results "
                    + "above are complete");
        }
        parent.err.flush();
    }
}
