package dev.tacit.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The loop shapes behind the algebra kernels, each beside the alternatives it was chosen over, in one run
 * (docs/performance.md). The loops are copies of the package-private kernels of dev.tacit.algebra: what is measured
 * is which bodies the JIT (C2, JDK 17) vectorises and how much loop overhead short rows cost, on one thread.
 *
 * <ul>
 *   <li>{@code product2x2}, {@code product4x2}, {@code product2x4}: C += A·B, n×n×n, updating 2 or 4 rows of C from
 *   2 or 4 rows of B per pass (Tacit uses 4×2).</li>
 *   <li>{@code rotations1}, {@code rotations2}: a QR sweep's n−1 plane rotations applied to rows of n elements, one or
 *   two per pass (Tacit uses two).</li>
 *   <li>{@code reductionSeparate}, {@code reductionFused2}: one Householder reduction's worth of rank-2 row updates
 *   and matrix-vector accumulations, as two passes per row or one pass per two rows (Tacit uses the latter).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KernelShapeBenchmark {

    /** Order of the matrices. */
    @Param({"96", "400"})
    public int n;

    private double[] a;
    private double[][] b;
    private double[][] c;
    private double[] p;
    private double[] v;
    private double[] acc;

    /** Random operands. */
    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(1);
        a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble() - 0.5;
        }
        b = new double[n][n];
        c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = rng.nextDouble() - 0.5;
                c[i][j] = rng.nextDouble() - 0.5;
            }
        }
        p = new double[n];
        v = new double[n];
        acc = new double[n];
        for (int j = 0; j < n; j++) {
            p[j] = 1e-3 * (rng.nextDouble() - 0.5);
            v[j] = 1e-3 * (rng.nextDouble() - 0.5);
        }
    }

    /** @return C after C += A·B with two rows of C from two rows of B per pass */
    @Benchmark
    public double[][] product2x2() {
        for (int i = 0; i + 1 < n; i += 2) {
            for (int q = 0; q + 1 < n; q += 2) {
                fma22(c[i], c[i + 1], b[q], b[q + 1], a[i * n + q], a[i * n + q + 1], a[(i + 1) * n + q],
                        a[(i + 1) * n + q + 1]);
            }
        }
        return c;
    }

    /** @return C after C += A·B with four rows of C from two rows of B per pass (Tacit's kernel) */
    @Benchmark
    public double[][] product4x2() {
        for (int i = 0; i + 3 < n; i += 4) {
            for (int q = 0; q + 1 < n; q += 2) {
                fma42(c[i], c[i + 1], c[i + 2], c[i + 3], b[q], b[q + 1], a[i * n + q], a[i * n + q + 1],
                        a[(i + 1) * n + q], a[(i + 1) * n + q + 1], a[(i + 2) * n + q], a[(i + 2) * n + q + 1],
                        a[(i + 3) * n + q], a[(i + 3) * n + q + 1]);
            }
        }
        return c;
    }

    /** @return C after C += A·B with two rows of C from four rows of B per pass */
    @Benchmark
    public double[][] product2x4() {
        for (int i = 0; i + 1 < n; i += 2) {
            for (int q = 0; q + 3 < n; q += 4) {
                int r0 = i * n + q;
                int r1 = r0 + n;
                fma24(c[i], c[i + 1], b[q], b[q + 1], b[q + 2], b[q + 3], a[r0], a[r0 + 1], a[r0 + 2], a[r0 + 3],
                        a[r1], a[r1 + 1], a[r1 + 2], a[r1 + 3]);
            }
        }
        return c;
    }

    /** @return the rows after one sweep of rotations, one rotation per pass */
    @Benchmark
    public double[][] rotations1() {
        double cs = Math.cos(0.3);
        double sn = Math.sin(0.3);
        for (int k = 0; k + 1 < n; k++) {
            double[] x = c[k];
            double[] y = c[k + 1];
            for (int i = 0; i < n; i++) {
                double s = x[i];
                double t = y[i];
                x[i] = cs * s + sn * t;
                y[i] = cs * t - sn * s;
            }
        }
        return c;
    }

    /** @return the rows after one sweep of rotations, two consecutive rotations per pass (Tacit's) */
    @Benchmark
    public double[][] rotations2() {
        double cs = Math.cos(0.3);
        double sn = Math.sin(0.3);
        int k = 0;
        for (; k + 2 < n; k += 2) {
            double[] z0 = c[k];
            double[] z1 = c[k + 1];
            double[] z2 = c[k + 2];
            for (int i = 0; i < n; i++) {
                double s = z0[i];
                double t = z1[i];
                double u = z2[i];
                z0[i] = cs * s + sn * t;
                double m = cs * t - sn * s;
                z1[i] = cs * m + sn * u;
                z2[i] = cs * u - sn * m;
            }
        }
        return c;
    }

    /** @return the matrix after a reduction's worth of rank-2 updates and accumulations, two passes per row */
    @Benchmark
    public double[] reductionSeparate() {
        for (int k = 0; k + 2 < n; k++) {
            java.util.Arrays.fill(acc, k + 2, n, 0);
            for (int i = k + 2; i < n; i++) {
                double[] y = c[i];
                double alpha = -v[i];
                double beta = -p[i];
                for (int j = k + 1; j < n; j++) {
                    y[j] = Math.fma(alpha, p[j], Math.fma(beta, v[j], y[j]));
                }
                double g = 1e-3 * v[i];
                for (int j = k + 2; j < n; j++) {
                    acc[j] = Math.fma(g, y[j], acc[j]);
                }
            }
        }
        return acc;
    }

    /** @return the same as {@link #reductionSeparate}, one pass per two rows (Tacit's) */
    @Benchmark
    public double[] reductionFused2() {
        for (int k = 0; k + 2 < n; k++) {
            java.util.Arrays.fill(acc, k + 2, n, 0);
            int i = k + 2;
            for (; i + 1 < n; i += 2) {
                double[] y0 = c[i];
                double[] y1 = c[i + 1];
                y0[k + 1] = Math.fma(-v[i], p[k + 1], Math.fma(-p[i], v[k + 1], y0[k + 1]));
                y1[k + 1] = Math.fma(-v[i + 1], p[k + 1], Math.fma(-p[i + 1], v[k + 1], y1[k + 1]));
                double a0 = -v[i];
                double b0 = -p[i];
                double a1 = -v[i + 1];
                double b1 = -p[i + 1];
                double g0 = 1e-3 * v[i];
                double g1 = 1e-3 * v[i + 1];
                for (int j = k + 2; j < n; j++) {
                    double pj = p[j];
                    double vj = v[j];
                    double t0 = Math.fma(a0, pj, Math.fma(b0, vj, y0[j]));
                    y0[j] = t0;
                    double t1 = Math.fma(a1, pj, Math.fma(b1, vj, y1[j]));
                    y1[j] = t1;
                    acc[j] = Math.fma(g1, t1, Math.fma(g0, t0, acc[j]));
                }
            }
        }
        return acc;
    }

    private static void fma22(double[] c0, double[] c1, double[] b0, double[] b1, double a00, double a01, double a10,
                              double a11) {
        for (int j = 0; j < c0.length; j++) {
            double x0 = b0[j];
            double x1 = b1[j];
            c0[j] = Math.fma(a01, x1, Math.fma(a00, x0, c0[j]));
            c1[j] = Math.fma(a11, x1, Math.fma(a10, x0, c1[j]));
        }
    }

    private static void fma42(double[] c0, double[] c1, double[] c2, double[] c3, double[] b0, double[] b1,
                              double a00, double a01, double a10, double a11, double a20, double a21, double a30,
                              double a31) {
        for (int j = 0; j < c0.length; j++) {
            double x0 = b0[j];
            double x1 = b1[j];
            c0[j] = Math.fma(a01, x1, Math.fma(a00, x0, c0[j]));
            c1[j] = Math.fma(a11, x1, Math.fma(a10, x0, c1[j]));
            c2[j] = Math.fma(a21, x1, Math.fma(a20, x0, c2[j]));
            c3[j] = Math.fma(a31, x1, Math.fma(a30, x0, c3[j]));
        }
    }

    private static void fma24(double[] c0, double[] c1, double[] b0, double[] b1, double[] b2, double[] b3,
                              double a00, double a01, double a02, double a03, double a10, double a11, double a12,
                              double a13) {
        for (int j = 0; j < c0.length; j++) {
            double x0 = b0[j];
            double x1 = b1[j];
            double x2 = b2[j];
            double x3 = b3[j];
            c0[j] = Math.fma(a03, x3, Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, c0[j]))));
            c1[j] = Math.fma(a13, x3, Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, c1[j]))));
        }
    }
}
