package dev.tacit.data;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.InvalidValueException;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The synthetic completion task of docs/method.md §6: W* = U Vᵀ / sqrt(r) with U (m×r) and V (n×r) i.i.d. N(0, 1),
 * rescaled so that ‖W*‖_F = sqrt(m·n) (entries of RMS 1; ‖W*‖_F = n for a square matrix). |Ω| positions are drawn
 * uniformly without replacement; every other entry is the test set. No noise.
 *
 * @param rows     m
 * @param cols     n
 * @param rank     r, between 1 and min(m, n)
 * @param observed |Ω|, between 1 and m·n − 1
 * @param seed     the seed of both the matrix and the sample
 */
public record Synthetic(int rows, int cols, int rank, int observed, long seed) {

    /** The largest matrix generated (400 MB of doubles for the truth alone). */
    public static final long MAX_ENTRIES = 50_000_000L;

    /** Validates the shape, rank and sample size, naming the setting and its bounds. */
    public Synthetic {
        if (rows < 1 || cols < 1 || (long) rows * cols > MAX_ENTRIES) {
            throw new InvalidValueException("size", rows + "x" + cols,
                    "at least 1x1 with at most " + MAX_ENTRIES + " entries");
        }
        if (rank < 1 || rank > Math.min(rows, cols)) {
            throw new InvalidValueException("rank", rank, "between 1 and " + Math.min(rows, cols) + " for a "
                    + rows + "x" + cols + " matrix");
        }
        long entries = (long) rows * cols;
        if (entries < 2) {
            throw new InvalidValueException("size", rows + "x" + cols, "at least 2 entries (one to observe, one to "
                    + "test on), for example 1x2");
        }
        if (observed < 1 || observed >= entries) {
            throw new InvalidValueException("observed", observed, "between 1 and " + (entries - 1) + " for a "
                    + rows + "x" + cols + " matrix (at least one entry must be left to test on)");
        }
    }

    /** @return the ground truth W*, from the seed's {@link Seeds.Purpose#TRUTH} stream */
    public Matrix truth() {
        SplittableRandom rng = Seeds.stream(seed, Seeds.Purpose.TRUTH);
        Matrix u = Matrix.generate(rows, rank, (i, j) -> rng.nextGaussian());
        Matrix v = Matrix.generate(cols, rank, (i, j) -> rng.nextGaussian());
        Matrix w = u.multiplyTranspose(v).scale(1 / Math.sqrt(rank));
        return w.scale(Math.sqrt((double) rows * cols) / w.frobeniusNorm());
    }

    /**
     * Ω and its complement. The sample uses the seed's {@link Seeds.Purpose#SAMPLE} stream, so the same seed gives the
     * same matrix whatever the sample size, and samples of increasing size from one seed are nested.
     *
     * @return the problem: train = Ω, validation empty, test = every other entry, truth W*
     */
    public CompletionProblem problem() {
        Matrix truth = truth();
        int entries = rows * cols;
        int[] positions = new int[entries];
        for (int k = 0; k < entries; k++) {
            positions[k] = k;
        }
        // Partial Fisher-Yates: the first |Ω| positions are a uniform sample without replacement.
        SplittableRandom rng = Seeds.stream(seed, Seeds.Purpose.SAMPLE);
        for (int k = 0; k < observed; k++) {
            int pick = k + rng.nextInt(entries - k);
            int tmp = positions[k];
            positions[k] = positions[pick];
            positions[pick] = tmp;
        }
        String name = "synthetic " + rows + "x" + cols + " rank " + rank + ", " + observed + " observed, seed " + seed;
        return new CompletionProblem(name, entries(truth, positions, 0, observed),
                entries(truth, positions, 0, 0), entries(truth, positions, observed, entries), Optional.of(truth));
    }

    private Entries entries(Matrix truth, int[] positions, int from, int to) {
        int n = to - from;
        int[] r = new int[n];
        int[] c = new int[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            int pos = positions[from + k];
            r[k] = pos / cols;
            c[k] = pos % cols;
            v[k] = truth.at(pos);
        }
        return Entries.of(rows, cols, r, c, v);
    }
}
