package dev.tacit.optim.baselines;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.TrainingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** Seeded completion problems and runs for the baseline tests. */
final class LowRankProblems {

    private LowRankProblems() {
    }

    /**
     * A product of Gaussian factors (incoherent with high probability), rescaled to entries of RMS 1 as the study's
     * synthetic data, with a uniform sample of its entries; every other entry is the test set.
     *
     * @param rows     m
     * @param cols     n
     * @param rank     r
     * @param observed |Ω|
     * @param seed     the seed of the matrix and the sample
     * @return the problem
     */
    static CompletionProblem problem(int rows, int cols, int rank, int observed, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix w = RandomMatrices.lowRank(rows, cols, rank, rng);
        Matrix truth = w.scale(Math.sqrt((double) rows * cols) / w.frobeniusNorm());
        int entries = rows * cols;
        int[] positions = new int[entries];
        for (int k = 0; k < entries; k++) {
            positions[k] = k;
        }
        for (int k = 0; k < observed; k++) {
            int pick = k + rng.nextInt(entries - k);
            int tmp = positions[k];
            positions[k] = positions[pick];
            positions[pick] = tmp;
        }
        return new CompletionProblem("low rank " + rows + "x" + cols + " rank " + rank + ", seed " + seed,
                entries(truth, positions, 0, observed), entries(truth, positions, 0, 0),
                entries(truth, positions, observed, entries), Optional.of(truth));
    }

    /**
     * @param truth     the full matrix
     * @param positions row-major positions
     * @param from      first position used
     * @param to        one past the last
     * @return the truth's entries at those positions
     */
    static Entries entries(Matrix truth, int[] positions, int from, int to) {
        int n = to - from;
        int[] r = new int[n];
        int[] c = new int[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            int pos = positions[from + k];
            r[k] = pos / truth.cols();
            c[k] = pos % truth.cols();
            v[k] = truth.at(pos);
        }
        return Entries.of(truth.rows(), truth.cols(), r, c, v);
    }

    /**
     * @param provider the method's provider
     * @param settings overrides of its defaults
     * @return the configured method
     */
    static CompletionMethod method(CompletionMethodProvider provider, Map<String, String> settings) {
        var created = provider.create(settings);
        if (created.isInvalid()) {
            throw new AssertionError(provider.name() + " " + settings + ": " + created.getError());
        }
        return created.get();
    }

    /**
     * A finished run with every event it published.
     *
     * @param result the result
     * @param events the events, in order
     */
    record Run(CompletionResult result, List<TrainingEvent> events) {

        /** @return the losses of the evaluations, in order */
        List<Double> losses() {
            return events.stream().filter(e -> e instanceof TrainingEvent.Evaluated)
                    .map(e -> ((TrainingEvent.Evaluated) e).metrics().loss()).toList();
        }
    }

    /**
     * @param method  the method
     * @param problem the data
     * @return its result and events
     */
    static Run run(CompletionMethod method, CompletionProblem problem) {
        List<TrainingEvent> events = new ArrayList<>();
        CompletionResult result = method.complete(problem, new SplittableRandom(1), events::add);
        return new Run(result, events);
    }
}
