package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The row-array product kernels against the triple loop, on shapes that straddle every block edge. */
class KernelsTest {

    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(3, 5, 2), Arguments.of(17, 129, 33),
                Arguments.of(130, 257, 513), Arguments.of(301, 203, 150));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void stridedProductWithColumnRangeAgreesWithTheTripleLoop(int m, int k, int n) {
        SplittableRandom rng = new SplittableRandom(m * 7L + k * 3L + n);
        // A is read through strides from a larger array, transposed, at an offset.
        int offset = 5;
        double[] a = new double[offset + m * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = RandomMatrices.normal(rng);
        }
        double[][] b = RandomMatrices.gaussian(k, n + 3, rng).toRows();
        double[][] c = RandomMatrices.gaussian(m, n + 3, rng).toRows();
        double[][] expected = new double[m][];
        int j0 = Math.min(2, n);
        int j1 = n;
        for (int i = 0; i < m; i++) {
            expected[i] = c[i].clone();
            for (int j = j0; j < j1; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[offset + i + p * m] * b[p][j];
                }
                expected[i][j] += s;
            }
        }
        Kernels.gemm(Parallelism.standard(), a, offset, 1, m, m, k, b, j0, j1, c);
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.fromRows(expected), Matrix.fromRows(c), "C += Aᵀ·B on [j0, j1)");
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void lowerGramIsExactlySymmetricAndAgreesWithTheTripleLoop(int m, int k, int n) {
        SplittableRandom rng = new SplittableRandom(m * 11L + k);
        Matrix x = RandomMatrices.gaussian(m, k, rng);
        double[][] g = Kernels.gramOfRows(Parallelism.standard(), x.toRows(), k);
        Matrix expected = Matrix.generate(m, m, (i, j) -> {
            double s = 0;
            for (int p = 0; p < k; p++) {
                s += x.get(i, p) * x.get(j, p);
            }
            return s;
        });
        Matrix gm = Matrix.fromRows(g);
        Tolerance.LINEAR_ALGEBRA.assertClose(expected, gm, "X·Xᵀ");
        assertEquals(gm.transpose(), gm, "exactly symmetric");
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void parallelAndSerialProductsAreBitForBitEqual(int m, int k, int n) {
        SplittableRandom rng = new SplittableRandom(m + 1000L * n);
        double[] a = RandomMatrices.gaussian(m, k, rng).toArray();
        double[] b = RandomMatrices.gaussian(k, n, rng).toArray();
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            Parallelism serial = Parallelism.serial();
            double[] product = Kernels.multiply(serial, a, m, k, false, b, n);
            double[] gram = Kernels.gramOfRows(serial, a, m, k);
            for (Parallelism p : new Parallelism[] {Parallelism.commonPool(), Parallelism.using(executor, 4)}) {
                assertArrayEquals(product, Kernels.multiply(p, a, m, k, false, b, n), p.toString());
                assertArrayEquals(gram, Kernels.gramOfRows(p, a, m, k), p.toString());
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
