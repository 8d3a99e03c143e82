package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tacit.algebra.testkit.RandomMatrices;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The primitive index sort gives exactly the permutation of the boxed, stable {@code Arrays.sort} it replaced, so the
 * decompositions that use it are bit-for-bit unchanged.
 */
class IndexSortTest {

    static java.util.stream.Stream<Long> seeds() {
        return RandomMatrices.seeds(20);
    }

    /** Keys with many ties, both zeros, infinities and NaN, of lengths around the insertion-sort run. */
    private static double[] keys(SplittableRandom rng) {
        int n = rng.nextInt(200);
        double[] pool = {0.0, -0.0, 1.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, 1e300, -1e-300};
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(3);
            k[i] = kind == 0 ? pool[rng.nextInt(pool.length)] : kind == 1 ? rng.nextInt(5) : RandomMatrices.normal(rng);
        }
        return k;
    }

    private static int[] boxed(double[] keys, boolean descending) {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, descending ? (x, y) -> Double.compare(keys[y], keys[x])
                : (x, y) -> Double.compare(keys[x], keys[y]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sameOrderAsTheStableBoxedSort(long seed) {
        double[] keys = keys(new SplittableRandom(seed));
        double[] copy = keys.clone();
        assertArrayEquals(boxed(keys, false), IndexSort.ascending(keys), "ascending");
        assertArrayEquals(boxed(keys, true), IndexSort.descending(keys), "descending");
        assertArrayEquals(copy, keys, "keys untouched");
    }
}
