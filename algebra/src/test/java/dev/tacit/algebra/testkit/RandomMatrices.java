package dev.tacit.algebra.testkit;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Vectors;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/** Seeded generators of test matrices. */
public final class RandomMatrices {

    private RandomMatrices() {
    }

    /**
     * Seeds for property tests: a fixed base so every run sees the same cases.
     *
     * @param count how many
     * @return count distinct seeds
     */
    public static Stream<Long> seeds(int count) {
        return LongStream.range(0, count).map(i -> 0x5EED_0000L + 7919 * i).boxed();
    }

    /**
     * @param rows rows
     * @param cols columns
     * @param rng  source of randomness
     * @return a matrix of i.i.d. standard normal entries
     */
    public static Matrix gaussian(int rows, int cols, SplittableRandom rng) {
        return Matrix.generate(rows, cols, (i, j) -> normal(rng));
    }

    /**
     * @param rng source of randomness
     * @return a standard normal sample (Box-Muller)
     */
    public static double normal(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * A matrix with orthonormal columns, from Gram-Schmidt ({@link Vectors#orthonormalize}) on a Gaussian matrix.
     *
     * @param rows rows
     * @param cols columns, at most rows
     * @param rng  source of randomness
     * @return a rows×cols matrix Q with QᵀQ = I
     */
    public static Matrix orthonormalColumns(int rows, int cols, SplittableRandom rng) {
        double[][] q = new double[cols][rows];
        for (int c = 0; c < cols; c++) {
            for (int i = 0; i < rows; i++) {
                q[c][i] = normal(rng);
            }
        }
        if (Vectors.orthonormalize(q, 0, rows, 0) < cols) {
            throw new IllegalArgumentException(cols + " orthonormal columns do not fit in dimension " + rows);
        }
        return Matrix.fromRows(q).transpose();
    }

    /**
     * U diag(σ) Vᵀ with random orthonormal U and V.
     *
     * @param rows  rows
     * @param cols  columns
     * @param sigma singular values (at most min(rows, cols))
     * @param rng   source of randomness
     * @return a matrix with exactly these singular values (up to rounding)
     */
    public static Matrix withSingularValues(int rows, int cols, double[] sigma, SplittableRandom rng) {
        Matrix u = orthonormalColumns(rows, sigma.length, rng);
        Matrix v = orthonormalColumns(cols, sigma.length, rng);
        return u.scaleColumns(sigma).multiplyTranspose(v);
    }

    /**
     * @param rows rows
     * @param cols columns
     * @param rank rank
     * @param rng  source of randomness
     * @return a product of Gaussian rows×rank and rank×cols factors
     */
    public static Matrix lowRank(int rows, int cols, int rank, SplittableRandom rng) {
        return gaussian(rows, rank, rng).multiply(gaussian(rank, cols, rng));
    }

    /**
     * The families the agreement tests of the decompositions and of the penalties' gradients share.
     *
     * @param m        rows
     * @param n        columns
     * @param smallest 0: Gaussian; −1: the shape of a trained W (five singular values from 56 down, the rest from
     *                 3e-3 down to 1.5e-5); −2: Gaussian with columns scaled from 1e2 down to 1e-8 (ill-conditioned
     *                 through its scaling); otherwise a geometric spectrum from 1e2 down to this value
     * @param rng      the random source
     * @return the matrix
     */
    public static Matrix family(int m, int n, double smallest, SplittableRandom rng) {
        int k = Math.min(m, n);
        if (smallest == 0) {
            return gaussian(m, n, rng);
        }
        if (smallest == -2) {
            double[] scale = new double[n];
            for (int j = 0; j < n; j++) {
                scale[j] = Math.pow(10, 2 - 10.0 * j / (n - 1));
            }
            return gaussian(m, n, rng).scaleColumns(scale);
        }
        double[] sigma = new double[k];
        for (int i = 0; i < k; i++) {
            sigma[i] = smallest == -1
                    ? (i < 5 ? 56 - 5 * i : 3e-3 * Math.pow(5e-3, (i - 5) / (double) (k - 6)))
                    : 1e2 * Math.pow(smallest / 1e2, (double) i / (k - 1));
        }
        return withSingularValues(m, n, sigma, rng);
    }
}
