package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The public vector operations against their definitions. */
class VectorsTest {

    static java.util.stream.Stream<Long> seeds() {
        return RandomMatrices.seeds(8);
    }

    private static double[] gaussian(int n, SplittableRandom rng) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = RandomMatrices.normal(rng);
        }
        return x;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void elementwiseOperationsMatchTheirDefinitions(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = rng.nextInt(40);
        double[] x = gaussian(n, rng);
        double[] y = gaussian(n, rng);
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += x[i] * y[i];
        }
        Tolerance.ROUNDING.assertClose(dot, Vectors.dot(x, y), "dot");
        Tolerance.ROUNDING.assertClose(Math.sqrt(Vectors.dot(x, x)), Vectors.norm2(x), "norm2");

        double[] z = y.clone();
        Vectors.axpy(0.5, x, z);
        double[] out = new double[n];
        Vectors.combine(0.5, x, 1, y, out);
        double[] scaled = new double[n];
        Vectors.scale(-2, x, scaled);
        double sumAbs = 0;
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            Tolerance.ROUNDING.assertClose(y[i] + 0.5 * x[i], z[i], "axpy");
            assertEquals(0.5 * x[i] + y[i], out[i], "combine rounds each product alone");
            assertEquals(-2 * x[i], scaled[i], "scale");
            sumAbs += Math.abs(x[i]);
            maxAbs = Math.max(maxAbs, Math.abs(x[i]));
        }
        assertEquals(sumAbs, Vectors.norm1(x));
        assertEquals(maxAbs, Vectors.normInf(x));
        // In place: out may be an input.
        double[] in = x.clone();
        Vectors.combine(1, in, -1, y, in);
        for (int i = 0; i < n; i++) {
            assertEquals(x[i] - y[i], in[i]);
        }
    }

    @Test
    void rangesTouchOnlyTheirElements() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {1, 1, 1, 1, 1, 1};
        Vectors.axpy(2, x, y, 2, 4);
        assertArrayEquals(new double[] {1, 1, 7, 9, 1, 1}, y);
        assertEquals(2 * 5 + 3 * 6, Vectors.dot(x, 1, x, 4, 2));
        assertEquals(5.0, Vectors.norm2(new double[] {9, 3, 4, 9}, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> Vectors.dot(new double[2], new double[3]));
    }

    @Test
    void normsNeitherOverflowNorUnderflow() {
        assertEquals(5e200, Vectors.norm2(new double[] {3e200, 4e200}), 1e186);
        assertEquals(5e-200, Vectors.norm2(new double[] {3e-200, 4e-200}), 1e-214);
        assertEquals(0.0, Vectors.norm2(new double[3]));
        // Subnormal elements: the reciprocal of the largest would overflow, a power of two near it does not.
        assertEquals(5e-310, Vectors.norm2(new double[] {3e-310, 4e-310}), 1e-323);
        assertEquals(Double.MIN_VALUE, Vectors.norm2(new double[] {Double.MIN_VALUE, 0}));
        assertTrue(Double.isNaN(Vectors.norm2(new double[] {1, Double.NaN})));
        assertFalse(Vectors.isFinite(new double[] {1, Double.POSITIVE_INFINITY}));
        assertTrue(Vectors.isFinite(new double[] {1, -0.0}));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void gramSchmidtLeavesIllConditionedVectorsOrthonormal(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 30;
        int r = 12;
        // Nearly parallel vectors: a common direction plus perturbations down to 1e-10.
        double[] common = gaussian(n, rng);
        double[][] v = new double[r][];
        for (int i = 0; i < r; i++) {
            double[] p = gaussian(n, rng);
            v[i] = common.clone();
            Vectors.axpy(Math.pow(10, -i), p, v[i]);
        }
        assertEquals(r, Vectors.orthonormalize(v, 0, n, 1e-14));
        for (int i = 0; i < r; i++) {
            for (int j = 0; j <= i; j++) {
                Tolerance.ROUNDING.assertClose(i == j ? 1 : 0, Vectors.dot(v[i], v[j]), "v" + i + "·v" + j);
            }
        }
    }

    @Test
    void aDependentVectorStopsTheProcessAndCanBeReplaced() {
        double[][] v = {{1, 1, 0}, {2, 2, 0}, {0, 1, 1}};
        assertEquals(1, Vectors.orthonormalize(v, 0, 3, 1e-8), "the second vector is twice the first");
        v[1] = new double[] {0, 0, 1};
        assertEquals(3, Vectors.orthonormalize(v, 1, 3, 1e-8), "continues from the replaced vector");
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j <= i; j++) {
                Tolerance.ROUNDING.assertClose(i == j ? 1 : 0, Vectors.dot(v[i], v[j]), "v" + i + "·v" + j);
            }
        }
        assertEquals(0, Vectors.orthonormalize(new double[][] {{0, 0}}, 0, 2, 0), "a zero vector is dependent");
    }
}
