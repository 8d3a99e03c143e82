package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Divide and conquer against QR on the same tridiagonal matrices, over the families that stress each: random,
 * Wilkinson W+ (pairs of nearly equal eigenvalues), glued Wilkinson (clusters across a tear), the 1-2-1 Toeplitz
 * matrix (known eigenvalues), graded, a constant diagonal (one big cluster, heavy deflation), split and nearly split,
 * zero, and the tridiagonal of a low-rank Gram matrix (what the SVD feeds in).
 */
class TridiagonalSolversTest {

    static Stream<Arguments> cases() {
        String[] kinds = {"random", "wilkinson", "glued", "toeplitz", "graded", "constant", "split", "nearlySplit",
                "zero", "lowRankGram"};
        int[] sizes = {33, 64, 100, 257};
        return Arrays.stream(kinds).flatMap(k -> Arrays.stream(sizes).mapToObj(n -> Arguments.of(k, n)));
    }

    private static double[][] tridiagonal(String kind, int n, SplittableRandom rng) {
        double[] d = new double[n];
        double[] e = new double[n - 1];
        switch (kind) {
            case "random" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = RandomMatrices.normal(rng);
                    if (i < n - 1) {
                        e[i] = RandomMatrices.normal(rng);
                    }
                }
            }
            case "wilkinson" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = Math.abs((n - 1) / 2.0 - i);
                }
                Arrays.fill(e, 1);
            }
            case "glued" -> {
                // Copies of W21+ glued by 1e-10 couplings.
                for (int i = 0; i < n; i++) {
                    d[i] = Math.abs(10 - i % 21);
                    if (i < n - 1) {
                        e[i] = (i % 21 == 20) ? 1e-10 : 1;
                    }
                }
            }
            case "toeplitz" -> {
                Arrays.fill(d, 2);
                Arrays.fill(e, -1);
            }
            case "graded" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = Math.pow(10, -12.0 * i / n);
                    if (i < n - 1) {
                        e[i] = Math.pow(10, -12.0 * (i + 0.5) / n);
                    }
                }
            }
            case "constant" -> {
                Arrays.fill(d, 3);
                for (int i = 0; i < n - 1; i++) {
                    e[i] = 1e-9 * RandomMatrices.normal(rng);
                }
            }
            case "split" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = RandomMatrices.normal(rng);
                    if (i < n - 1) {
                        e[i] = i % 7 == 6 ? 0 : RandomMatrices.normal(rng);
                    }
                }
            }
            case "nearlySplit" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = RandomMatrices.normal(rng);
                    if (i < n - 1) {
                        e[i] = i == n / 2 - 1 ? 1e-300 : 1e-14 * RandomMatrices.normal(rng);
                    }
                }
            }
            case "zero" -> {
                // all zero
            }
            case "lowRankGram" -> {
                double[][] x = new double[n][n + 7];
                for (int i = 0; i < n; i++) {
                    for (int p = 0; p < n + 7; p++) {
                        x[i][p] = (i < 5 ? 10 : 1e-5) * RandomMatrices.normal(rng);
                    }
                }
                double[][] g = Kernels.gramOfRows(Parallelism.standard(), x, n + 7);
                double[] tau = new double[n - 1];
                Tridiagonal.reduce(g, d, e, tau, Parallelism.standard());
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return new double[][] {d, e};
    }

    /** Max |T z_i − λ_i z_i| and max |z_iᵀ z_j − δ_ij| for eigenvector rows zt. */
    private static void assertEigenpairs(double[] d0, double[] e0, double[] lambda, double[][] zt, String what) {
        int n = d0.length;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm = Math.max(norm, Math.abs(d0[i]) + (i > 0 ? Math.abs(e0[i - 1]) : 0) + (i < n - 1 ? Math.abs(e0[i]) : 0));
        }
        Matrix z = Matrix.fromRows(zt);
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.identity(n), z.multiplyTranspose(z), what + ": ZᵀZ");
        double scale = Math.max(norm, Double.MIN_NORMAL);
        for (int i = 0; i < n; i++) {
            double[] v = zt[i];
            for (int p = 0; p < n; p++) {
                double tv = d0[p] * v[p] + (p > 0 ? e0[p - 1] * v[p - 1] : 0) + (p < n - 1 ? e0[p] * v[p + 1] : 0);
                double r = Math.abs(tv - lambda[i] * v[p]);
                assertTrue(Tolerance.LINEAR_ALGEBRA.accepts(r / scale, 0), what + ": residual " + r + " of pair " + i
                        + " at ‖T‖ = " + norm);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void divideAndConquerAgreesWithQr(String kind, int n) {
        SplittableRandom rng = new SplittableRandom(n * 31L + kind.hashCode());
        double[][] t = tridiagonal(kind, n, rng);
        double[] d0 = t[0];
        double[] e0 = t[1];

        double[] dq = d0.clone();
        double[][] zq = new double[n][n];
        for (int i = 0; i < n; i++) {
            zq[i][i] = 1;
        }
        TridiagonalQr.solve(dq, e0.clone(), zq);
        assertEigenpairs(d0, e0, dq, zq, kind + " QR");

        double[] dc = d0.clone();
        double[][] zc = TridiagonalDivideAndConquer.solveRows(dc, e0.clone(), Parallelism.standard());
        assertEigenpairs(d0, e0, dc, zc, kind + " D&C");
        for (int i = 1; i < n; i++) {
            assertTrue(dc[i - 1] <= dc[i], "D&C eigenvalues ascending at " + i);
        }
        double[] sorted = dq.clone();
        Arrays.sort(sorted);
        double norm = 0;
        for (double x : sorted) {
            norm = Math.max(norm, Math.abs(x));
        }
        for (int i = 0; i < n; i++) {
            Tolerance.LINEAR_ALGEBRA.assertClose(sorted[i] / Math.max(norm, Double.MIN_NORMAL),
                    dc[i] / Math.max(norm, Double.MIN_NORMAL), kind + ": λ_" + i + " D&C against QR (relative to ‖T‖)");
        }
        if (kind.equals("toeplitz")) {
            for (int i = 0; i < n; i++) {
                double exact = 2 - 2 * Math.cos(Math.PI * (i + 1) / (n + 1));
                Tolerance.LINEAR_ALGEBRA.assertClose(exact, dc[i], "λ_" + i + " of the 1-2-1 matrix");
            }
        }
    }
}
