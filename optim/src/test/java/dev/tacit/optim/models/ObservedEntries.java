package dev.tacit.optim.models;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;

/** Test observations: a random share of a matrix's entries. */
final class ObservedEntries {

    private ObservedEntries() {
    }

    /**
     * @param m     the full matrix
     * @param rng   decides which entries are kept
     * @param share the probability of keeping each entry (1 keeps all)
     * @return the kept entries of m
     */
    static Entries of(Matrix m, SplittableRandom rng, double share) {
        return of(m, (i, j) -> share >= 1 || rng.nextDouble() < share);
    }

    /**
     * @param m    the full matrix
     * @param keep which entries are kept, asked once per entry in row-major order
     * @return the kept entries of m
     */
    static Entries of(Matrix m, BiPredicate<Integer, Integer> keep) {
        List<int[]> picked = new ArrayList<>();
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                if (keep.test(i, j)) {
                    picked.add(new int[] {i, j});
                }
            }
        }
        int[] r = new int[picked.size()];
        int[] c = new int[picked.size()];
        double[] v = new double[picked.size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = picked.get(k)[0];
            c[k] = picked.get(k)[1];
            v[k] = m.get(r[k], c[k]);
        }
        return Entries.of(m.rows(), m.cols(), r, c, v);
    }
}
