package dev.tacit.app;

import dev.tacit.algebra.Spectra;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.data.Seeds;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one completion method on the synthetic problem with its observers and prints the report: the part every
 * command that completes a matrix shares.
 */
final class Execution {

    private Execution() {
    }

    /**
     * @param parent   the top-level command, for its output streams
     * @param method   what completes the matrix
     * @param data     the synthetic problem's options
     * @param output   how to report
     * @param config   the run's settings so far; the seed is added last
     * @param headline the summary's first line, given the problem
     * @return the exit code, 0
     */
    static int run(TacitCommand parent, CompletionMethod method, SyntheticOptions data, OutputOptions output,
                   Map<String, Object> config, Function<CompletionProblem, String> headline) {
        CompletionProblem problem = data.synthetic().problem();
        config.put("seed", data.seed);
        ConsoleProgress progress = new ConsoleProgress(parent.err, output.quiet);
        CompletionResult result = method.complete(problem, Seeds.stream(data.seed, Seeds.Purpose.INIT), progress);
        double targetRank = Spectra.effectiveRank(problem.truth().orElseThrow());
        Report report = new Report(result, targetRank, config);
        if (output.json) {
            parent.out.println(Json.write(report.toMap()));
        } else {
            report.print(parent.out, headline.apply(problem));
        }
        return 0;
    }
}
