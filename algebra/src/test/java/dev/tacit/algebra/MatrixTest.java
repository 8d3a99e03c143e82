package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatrixTest {

    /** The textbook triple loop, the reference for every blocked product kernel. */
    private static Matrix naiveProduct(Matrix a, Matrix b) {
        return Matrix.generate(a.rows(), b.cols(), (i, j) -> {
            double s = 0;
            for (int p = 0; p < a.cols(); p++) {
                s += a.get(i, p) * b.get(p, j);
            }
            return s;
        });
    }

    static Stream<Arguments> shapes() {
        // Odd sizes straddle the block edges; 300x200x150 crosses the threshold of the multi-threaded path.
        return Stream.of(Arguments.of(1, 1, 1), Arguments.of(3, 5, 2), Arguments.of(33, 129, 17),
                Arguments.of(64, 64, 64), Arguments.of(130, 257, 513), Arguments.of(300, 200, 150));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void productsAgreeWithTheTripleLoop(int m, int k, int n) {
        SplittableRandom rng = new SplittableRandom(31L * m + 17L * k + n);
        Matrix a = RandomMatrices.gaussian(m, k, rng);
        Matrix b = RandomMatrices.gaussian(k, n, rng);
        Matrix expected = naiveProduct(a, b);
        Tolerance.LINEAR_ALGEBRA.assertClose(expected, a.multiply(b), "A·B");
        Tolerance.LINEAR_ALGEBRA.assertClose(expected, a.transpose().transposeMultiply(b), "(Aᵀ)ᵀ·B");
        Tolerance.LINEAR_ALGEBRA.assertClose(expected, a.multiplyTranspose(b.transpose()), "A·(Bᵀ)ᵀ");
        Matrix gram = a.gramOfColumns();
        Tolerance.LINEAR_ALGEBRA.assertClose(naiveProduct(a.transpose(), a), gram, "AᵀA");
        assertEquals(gram.transpose(), gram, "AᵀA exactly symmetric");
        Tolerance.LINEAR_ALGEBRA.assertClose(naiveProduct(b, b.transpose()), b.gramOfRows(), "BBᵀ");
    }

    @Test
    void operationsNeverChangeTheirOperands() {
        double[] values = {1, 2, 3, 4, 5, 6};
        Matrix a = Matrix.of(2, 3, values);
        values[0] = 99;
        assertEquals(1.0, a.get(0, 0), "of() copies its input");
        double[] out = a.toArray();
        out[1] = 99;
        assertEquals(2.0, a.get(0, 1), "toArray() returns a copy");
        Matrix before = Matrix.of(2, 3, 1, 2, 3, 4, 5, 6);
        a.plus(a);
        a.scale(3);
        a.multiplyTranspose(a);
        a.transpose();
        assertEquals(before, a);
    }

    @Test
    void elementwiseOperations() {
        Matrix a = Matrix.of(2, 2, 1, 2, 3, 4);
        Matrix b = Matrix.of(2, 2, 5, 6, 7, 8);
        assertEquals(Matrix.of(2, 2, 6, 8, 10, 12), a.plus(b));
        assertEquals(Matrix.of(2, 2, -4, -4, -4, -4), a.minus(b));
        assertEquals(Matrix.of(2, 2, 11, 14, 17, 20), a.axpy(2, b));
        assertEquals(Matrix.of(2, 2, 5, 12, 21, 32), a.hadamard(b));
        assertEquals(Matrix.of(2, 2, 1, 4, 9, 16), a.map(x -> x * x));
        assertEquals(Matrix.of(2, 2, 5, 12, 21, 32), a.zip(b, (x, y) -> x * y));
        assertEquals(Matrix.of(2, 2, 2, 6, 6, 12), a.scaleColumns(new double[] {2, 3}));
        assertEquals(70.0, a.dot(b));
        assertEquals(30.0, a.sumOfSquares());
        assertEquals(10.0, a.sum());
        assertEquals(4.0, a.maxAbs());
        assertEquals(Matrix.of(2, 2, 1, 3, 2, 4), a.transpose());
        assertThrows(IllegalArgumentException.class, () -> a.plus(Matrix.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> a.multiply(Matrix.zeros(3, 3)));
    }

    @Test
    void frobeniusNormSurvivesExtremeScales() {
        Tolerance.ROUNDING.assertClose(5e200, Matrix.of(1, 2, 3e200, 4e200).frobeniusNorm(), "huge");
        Tolerance.ROUNDING.assertClose(5e-200, Matrix.of(1, 2, 3e-200, 4e-200).frobeniusNorm(), "tiny");
        assertEquals(0.0, Matrix.zeros(3, 3).frobeniusNorm());
    }

    @Test
    void builderBuildsOnce() {
        Matrix.Builder b = Matrix.builder(2, 2).set(0, 1, 5).set(3, 2).add(0, 1, 1);
        Matrix m = b.build();
        assertEquals(Matrix.of(2, 2, 0, 6, 0, 2), m);
        assertThrows(IllegalStateException.class, b::build);
        assertThrows(NullPointerException.class, () -> b.set(0, 1.0));
    }

    @Test
    void equalityIsExactAndClosenessIsTolerant() {
        Matrix a = Matrix.of(1, 2, 1, 2);
        Matrix b = Matrix.of(1, 2, 1, 2 + 1e-12);
        assertNotEquals(a, b);
        assertTrue(a.isClose(b, 0, 1e-10));
        assertFalse(a.isClose(b, 0, 1e-14));
        assertFalse(a.isClose(Matrix.of(2, 1, 1, 2), 1, 1));
        assertFalse(Matrix.of(1, 1, Double.NaN).isFinite());
        assertTrue(a.isFinite());
    }

    @Test
    void shapesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> Matrix.of(2, 2, 1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(100_000, 100_000));
        assertThrows(IndexOutOfBoundsException.class, () -> Matrix.zeros(2, 2).get(2, 0));
        assertArrayEquals(new double[] {3, 4}, Matrix.of(2, 2, 1, 2, 3, 4).row(1));
    }
}
