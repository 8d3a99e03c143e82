package dev.tacit.algebra;

import java.util.Arrays;

/**
 * The in-place loops behind {@link Matrix} and the decompositions. Every method writes only into arrays its caller
 * owns (or allocates and returns a fresh one), so the immutable facade can wrap a result without a copy.
 *
 * <p>Products work on one array per row of B and C. The JIT (C2, JDK 17) only vectorises an innermost loop whose
 * loads and stores it can prove independent, which holds for distinct arrays at the same index but not for one flat
 * array at two offsets (measured: 2 to 4 GFLOP/s flat against 9 to 14 with row arrays at n = 100 to 400). The
 * micro-kernel updates four rows of C from two rows of B per pass with fused multiply-adds (measured, one core,
 * thread CPU time, n = 96 / 400 / 944: 27 / 32 / 31 GFLOP/s, against 24 / 27 / 25 for two rows of C and 15 to 19
 * for four rows of B into one of C). Blocks of two rows of C by four of B were as fast at some sizes and not
 * vectorised at others (10 GFLOP/s), and eight rows of C are never vectorised (9 GFLOP/s): the kernel keeps the
 * largest body C2 vectorises reliably.
 *
 * <p>Parallel work is split into fixed row blocks of C. Every element of C is computed by exactly one task, in an
 * order that depends only on the shapes, never on the number of threads or on scheduling, so results are bit-for-bit
 * reproducible on any machine with the same JVM.
 */
final class Kernels {

    /** Depth of a k-block: a block of B (K_BLOCK × J_BLOCK doubles, 512 KiB) stays in a 1-2 MiB L2 cache. */
    private static final int K_BLOCK = 128;
    private static final int J_BLOCK = 512;
    /** Rows of C per parallel task; even, so row pairs never straddle tasks. */
    private static final int ROW_BLOCK = 16;

    /** Below this many multiply-adds a product is not worth handing to other threads. */
    static final long PARALLEL_WORK = 1L << 18;

    private Kernels() {
    }

    // ----------------------------------------------------------------------------------------------------------
    // Layout conversions

    static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        final int block = 32;
        for (int i0 = 0; i0 < rows; i0 += block) {
            int i1 = Math.min(rows, i0 + block);
            for (int j0 = 0; j0 < cols; j0 += block) {
                int j1 = Math.min(cols, j0 + block);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        t[j * rows + i] = a[i * cols + j];
                    }
                }
            }
        }
        return t;
    }

    /** @return the rows of a flat rows×cols matrix, copied into one array each */
    static double[][] toRows(double[] a, int rows, int cols) {
        double[][] r = new double[rows][];
        for (int i = 0; i < rows; i++) {
            r[i] = Arrays.copyOfRange(a, i * cols, (i + 1) * cols);
        }
        return r;
    }

    /** @return the rows of the transpose of a flat rows×cols matrix (cols arrays of length rows) */
    static double[][] transposedRows(double[] a, int rows, int cols) {
        double[][] t = new double[cols][rows];
        final int block = 32;
        for (int i0 = 0; i0 < rows; i0 += block) {
            int i1 = Math.min(rows, i0 + block);
            for (int j0 = 0; j0 < cols; j0 += block) {
                int j1 = Math.min(cols, j0 + block);
                for (int j = j0; j < j1; j++) {
                    double[] tj = t[j];
                    for (int i = i0; i < i1; i++) {
                        tj[i] = a[i * cols + j];
                    }
                }
            }
        }
        return t;
    }

    /** @return the rows of the transpose of a matrix given by rows (cols arrays of length a.length) */
    static double[][] transposedRows(double[][] a, int cols) {
        int rows = a.length;
        double[][] t = new double[cols][rows];
        final int block = 32;
        for (int i0 = 0; i0 < rows; i0 += block) {
            int i1 = Math.min(rows, i0 + block);
            for (int j0 = 0; j0 < cols; j0 += block) {
                int j1 = Math.min(cols, j0 + block);
                for (int j = j0; j < j1; j++) {
                    double[] tj = t[j];
                    for (int i = i0; i < i1; i++) {
                        tj[i] = a[i][j];
                    }
                }
            }
        }
        return t;
    }

    /** @return the rows concatenated into one row-major array */
    static double[] toFlat(double[][] rows, int cols) {
        double[] f = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, f, i * cols, cols);
        }
        return f;
    }

    /** @return the rows of the transpose concatenated: the flat cols×rows matrix aᵀ */
    static double[] toFlatTransposed(double[][] a, int cols) {
        int rows = a.length;
        double[] t = new double[rows * cols];
        final int block = 32;
        for (int i0 = 0; i0 < rows; i0 += block) {
            int i1 = Math.min(rows, i0 + block);
            for (int j0 = 0; j0 < cols; j0 += block) {
                int j1 = Math.min(cols, j0 + block);
                for (int i = i0; i < i1; i++) {
                    double[] ai = a[i];
                    for (int j = j0; j < j1; j++) {
                        t[j * rows + i] = ai[j];
                    }
                }
            }
        }
        return t;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Products

    /**
     * C = op(A) · B with op(A) m×k, flat in and out. When {@code aTransposed}, the array {@code a} holds a k×m matrix
     * and op(A) is its transpose; otherwise {@code a} holds op(A) itself. B is k×n row-major.
     */
    static double[] multiply(Parallelism p, double[] a, int m, int k, boolean aTransposed, double[] b, int n) {
        double[][] bRows = toRows(b, k, n);
        double[] c = new double[m * n];
        if (aTransposed) {
            gemmToFlat(p, a, 1, m, m, k, bRows, n, c);
        } else {
            gemmToFlat(p, a, k, 1, m, k, bRows, n, c);
        }
        return c;
    }

    /**
     * C += A · B on rows: A(i, p) = a[i·rowStride + p·colStride] for i &lt; m, p &lt; k (so either orientation of a
     * flat array), B is k rows of at least n values, C is m rows of at least n values; columns [0, n) are updated.
     * Multi-threaded over fixed blocks of rows of C when the work is large enough; the result does not depend on the
     * number of threads.
     */
    static void gemm(Parallelism p, double[] a, int rowStride, int colStride, int m, int k, double[][] b, int n, double[][] c) {
        gemm(p, a, 0, rowStride, colStride, m, k, b, 0, n, c);
    }

    /**
     * C[i][j0, j1) += Σ_p A(i, p)·B[p][j0, j1) for i &lt; m, with A(i, p) = a[offset + i·rowStride + p·colStride] and
     * p &lt; k. Multi-threaded over fixed blocks of rows of C when the work is large enough.
     */
    static void gemm(Parallelism p, double[] a, int offset, int rowStride, int colStride, int m, int k, double[][] b, int j0, int j1,
                     double[][] c) {
        if (m == 0 || k == 0 || j1 <= j0) {
            return;
        }
        long work = (long) m * k * (j1 - j0);
        int blocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        p.forEach(blocks, work >= PARALLEL_WORK, blk -> gemmRows(a, offset, rowStride, colStride, k, b, j0, j1, c,
                blk * ROW_BLOCK, Math.min(m, (blk + 1) * ROW_BLOCK), false));
    }

    /**
     * out = A · B as a flat row-major m×n array, A(i, p) = a[i·rowStride + p·colStride], B k rows of at least n values.
     * Each task computes its block of rows into row arrays of its own (distinct arrays vectorise, one flat array at
     * two offsets does not) and copies them out, so no m×n set of row arrays is ever allocated.
     */
    static void gemmToFlat(Parallelism p, double[] a, int rowStride, int colStride, int m, int k, double[][] b, int n, double[] out) {
        if (m == 0 || n == 0) {
            return;
        }
        long work = (long) m * k * n;
        int blocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        p.forEach(blocks, work >= PARALLEL_WORK, blk -> {
            int i0 = blk * ROW_BLOCK;
            int i1 = Math.min(m, i0 + ROW_BLOCK);
            double[][] c = new double[i1 - i0][n];
            gemmRows(a, i0 * rowStride, rowStride, colStride, k, b, 0, n, c, 0, i1 - i0, false);
            for (int i = i0; i < i1; i++) {
                System.arraycopy(c[i - i0], 0, out, i * n, n);
            }
        });
    }

    /**
     * C[i][j0, j1) += Σ_p A(i, p)·B[p][j0, j1) for i &lt; m, p &lt; k, with A given by its rows: A(i, p) = a[i][p]. The
     * same kernel and the same operations per element as the strided form, without first copying A into one array.
     */
    static void gemm(Parallelism p, double[][] a, int m, int k, double[][] b, int j0, int j1, double[][] c) {
        if (m == 0 || k == 0 || j1 <= j0) {
            return;
        }
        long work = (long) m * k * (j1 - j0);
        int blocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        p.forEach(blocks, work >= PARALLEL_WORK, blk -> gemmRowsOfA(a, k, b, j0, j1, c, blk * ROW_BLOCK,
                Math.min(m, (blk + 1) * ROW_BLOCK), false));
    }

    /**
     * The lower triangle (and a few entries beyond it) of C = A·Aᵀ with A given by its rows (m rows of at least k
     * values) and {@code at} the rows of Aᵀ; see {@link #syrkLower(Parallelism, double[], int, int, int, int,
     * double[][], double[][])}.
     */
    static void syrkLower(Parallelism p, double[][] a, int k, double[][] at, double[][] c) {
        int m = a.length;
        long work = (long) m * m * k / 2;
        int blocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        p.forEach(blocks, work >= PARALLEL_WORK, blk -> gemmRowsOfA(a, k, at, 0, m, c, blk * ROW_BLOCK,
                Math.min(m, (blk + 1) * ROW_BLOCK), true));
    }

    /**
     * The lower triangle (and a few entries beyond it) of C = A·Aᵀ, A m×k given twice: scalar access
     * A(i, p) = a[i·rowStride + p·colStride] and the rows of Aᵀ ({@code at}, k rows of at least m values). Entries
     * (i, j) with j ≤ i are exact; callers mirror them. Half the multiply-adds of a general product.
     */
    static void syrkLower(Parallelism p, double[] a, int rowStride, int colStride, int m, int k, double[][] at, double[][] c) {
        long work = (long) m * m * k / 2;
        int blocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        // Block b costs about (b + 1/2)·ROW_BLOCK² per unit of k; the pool's work stealing balances the load.
        p.forEach(blocks, work >= PARALLEL_WORK, blk -> gemmRows(a, 0, rowStride, colStride, k, at, 0, m, c,
                blk * ROW_BLOCK, Math.min(m, (blk + 1) * ROW_BLOCK), true));
    }

    /**
     * C = A·Aᵀ as a flat, exactly symmetric m×m array: the lower triangle by {@link #syrkLower}, mirrored. A(i, p) =
     * a[i·rowStride + p·colStride] (m×k) and {@code at} holds the rows of Aᵀ (k rows of at least m values); neither is
     * modified.
     */
    static double[] syrk(Parallelism p, double[] a, int rowStride, int colStride, int m, int k, double[][] at) {
        double[][] c = new double[m][m];
        syrkLower(p, a, rowStride, colStride, m, k, at, c);
        mirrorLower(c);
        return toFlat(c, m);
    }

    /** Mirrors the lower triangle of the square matrix held in rows c onto its upper triangle. */
    static void mirrorLower(double[][] c) {
        int n = c.length;
        for (int i = 0; i < n; i++) {
            double[] ci = c[i];
            for (int j = 0; j < i; j++) {
                c[j][i] = ci[j];
            }
        }
    }

    /**
     * Rows [i0, i1) of C[·][j0, j1) += A · B (or only columns up to the diagonal, plus at most three beyond it, when
     * {@code lower}). Rows of C go four at a time (then two, then one), rows of B two at a time, so each loaded pair of
     * B's elements takes eight FMAs; blocking over k and j keeps the touched part of B in cache. Every element of C
     * sees the same operations in the same order whichever group its row falls in: pairs of B's rows in ascending
     * order, each as fma(a₁, b₁, fma(a₀, b₀, c)), and a last single row of B as one fma.
     */
    private static void gemmRows(double[] a, int offset, int rs, int cs, int k, double[][] b, int j0, int j1,
                                 double[][] c, int i0, int i1, boolean lower) {
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int p1 = Math.min(k, p0 + K_BLOCK);
            for (int jb = j0; jb < j1; jb += J_BLOCK) {
                int je = Math.min(j1, jb + J_BLOCK);
                int i = i0;
                for (; i + 3 < i1; i += 4) {
                    int jEnd = lower ? Math.min(je, i + 4) : je;
                    if (jEnd <= jb) {
                        continue;
                    }
                    double[] c0 = c[i];
                    double[] c1 = c[i + 1];
                    double[] c2 = c[i + 2];
                    double[] c3 = c[i + 3];
                    int r0 = offset + i * rs;
                    int r1 = r0 + rs;
                    int r2 = r1 + rs;
                    int r3 = r2 + rs;
                    int p = p0;
                    for (; p + 1 < p1; p += 2) {
                        int q0 = p * cs;
                        int q1 = q0 + cs;
                        fma42(c0, c1, c2, c3, b[p], b[p + 1], a[r0 + q0], a[r0 + q1], a[r1 + q0], a[r1 + q1],
                                a[r2 + q0], a[r2 + q1], a[r3 + q0], a[r3 + q1], jb, jEnd);
                    }
                    if (p < p1) {
                        int q0 = p * cs;
                        fma21(c0, c1, b[p], a[r0 + q0], a[r1 + q0], jb, jEnd);
                        fma21(c2, c3, b[p], a[r2 + q0], a[r3 + q0], jb, jEnd);
                    }
                }
                for (; i + 1 < i1; i += 2) {
                    int jEnd = lower ? Math.min(je, i + 2) : je;
                    if (jEnd <= jb) {
                        continue;
                    }
                    double[] c0 = c[i];
                    double[] c1 = c[i + 1];
                    int r0 = offset + i * rs;
                    int r1 = r0 + rs;
                    int p = p0;
                    for (; p + 1 < p1; p += 2) {
                        int q0 = p * cs;
                        int q1 = q0 + cs;
                        fma22(c0, c1, b[p], b[p + 1], a[r0 + q0], a[r0 + q1], a[r1 + q0], a[r1 + q1], jb, jEnd);
                    }
                    if (p < p1) {
                        fma21(c0, c1, b[p], a[r0 + p * cs], a[r1 + p * cs], jb, jEnd);
                    }
                }
                if (i < i1) {
                    int jEnd = lower ? Math.min(je, i + 1) : je;
                    if (jEnd <= jb) {
                        continue;
                    }
                    double[] c0 = c[i];
                    int r0 = offset + i * rs;
                    int p = p0;
                    for (; p + 1 < p1; p += 2) {
                        fma12(c0, b[p], b[p + 1], a[r0 + p * cs], a[r0 + (p + 1) * cs], jb, jEnd);
                    }
                    if (p < p1) {
                        Vectors.axpy(a[r0 + p * cs], b[p], c0, jb, jEnd);
                    }
                }
            }
        }
    }

    /** {@link #gemmRows} with A given by its rows, A(i, p) = a[i][p]; the same groups and the same order. */
    private static void gemmRowsOfA(double[][] a, int k, double[][] b, int j0, int j1, double[][] c, int i0, int i1,
                                    boolean lower) {
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int p1 = Math.min(k, p0 + K_BLOCK);
            for (int jb = j0; jb < j1; jb += J_BLOCK) {
                int je = Math.min(j1, jb + J_BLOCK);
                int i = i0;
                for (; i + 3 < i1; i += 4) {
                    int jEnd = lower ? Math.min(je, i + 4) : je;
                    if (jEnd <= jb) {
                        continue;
                    }
                    double[] a0 = a[i];
                    double[] a1 = a[i + 1];
                    double[] a2 = a[i + 2];
                    double[] a3 = a[i + 3];
                    int p = p0;
                    for (; p + 1 < p1; p += 2) {
                        fma42(c[i], c[i + 1], c[i + 2], c[i + 3], b[p], b[p + 1], a0[p], a0[p + 1], a1[p], a1[p + 1],
                                a2[p], a2[p + 1], a3[p], a3[p + 1], jb, jEnd);
                    }
                    if (p < p1) {
                        fma21(c[i], c[i + 1], b[p], a0[p], a1[p], jb, jEnd);
                        fma21(c[i + 2], c[i + 3], b[p], a2[p], a3[p], jb, jEnd);
                    }
                }
                for (; i + 1 < i1; i += 2) {
                    int jEnd = lower ? Math.min(je, i + 2) : je;
                    if (jEnd <= jb) {
                        continue;
                    }
                    double[] a0 = a[i];
                    double[] a1 = a[i + 1];
                    int p = p0;
                    for (; p + 1 < p1; p += 2) {
                        fma22(c[i], c[i + 1], b[p], b[p + 1], a0[p], a0[p + 1], a1[p], a1[p + 1], jb, jEnd);
                    }
                    if (p < p1) {
                        fma21(c[i], c[i + 1], b[p], a0[p], a1[p], jb, jEnd);
                    }
                }
                if (i < i1) {
                    int jEnd = lower ? Math.min(je, i + 1) : je;
                    if (jEnd <= jb) {
                        continue;
                    }
                    double[] a0 = a[i];
                    int p = p0;
                    for (; p + 1 < p1; p += 2) {
                        fma12(c[i], b[p], b[p + 1], a0[p], a0[p + 1], jb, jEnd);
                    }
                    if (p < p1) {
                        Vectors.axpy(a0[p], b[p], c[i], jb, jEnd);
                    }
                }
            }
        }
    }

    /**
     * (c0, c1, c2, c3)[j] += a_r0·b0[j] + a_r1·b1[j] for each row r, fused: eight FMAs per loaded pair of B's
     * elements, the body C2 still vectorises reliably (measured, one core, thread CPU time: 27 to 32 GFLOP/s against
     * 24 to 26 for two rows of C; eight rows of C are no longer vectorised, 9 GFLOP/s).
     */
    private static void fma42(double[] c0, double[] c1, double[] c2, double[] c3, double[] b0, double[] b1,
                              double a00, double a01, double a10, double a11, double a20, double a21, double a30,
                              double a31, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            double x0 = b0[j];
            double x1 = b1[j];
            c0[j] = Math.fma(a01, x1, Math.fma(a00, x0, c0[j]));
            c1[j] = Math.fma(a11, x1, Math.fma(a10, x0, c1[j]));
            c2[j] = Math.fma(a21, x1, Math.fma(a20, x0, c2[j]));
            c3[j] = Math.fma(a31, x1, Math.fma(a30, x0, c3[j]));
        }
    }

    /** (c0, c1)[j] += (a00·b0[j] + a01·b1[j], a10·b0[j] + a11·b1[j]), fused. */
    private static void fma22(double[] c0, double[] c1, double[] b0, double[] b1, double a00, double a01, double a10,
                              double a11, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            double x0 = b0[j];
            double x1 = b1[j];
            c0[j] = Math.fma(a01, x1, Math.fma(a00, x0, c0[j]));
            c1[j] = Math.fma(a11, x1, Math.fma(a10, x0, c1[j]));
        }
    }

    private static void fma21(double[] c0, double[] c1, double[] b0, double a00, double a10, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            double x0 = b0[j];
            c0[j] = Math.fma(a00, x0, c0[j]);
            c1[j] = Math.fma(a10, x0, c1[j]);
        }
    }

    private static void fma12(double[] c0, double[] b0, double[] b1, double a00, double a01, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            c0[j] = Math.fma(a01, b1[j], Math.fma(a00, b0[j], c0[j]));
        }
    }

    /**
     * The Gram matrix of the rows of a (r×len row-major): G = a·aᵀ, r×r. Only the lower triangle is computed (half the
     * multiply-adds of a general product) and then mirrored, so the result is exactly symmetric.
     */
    static double[] gramOfRows(Parallelism p, double[] a, int r, int len) {
        return syrk(p, a, len, 1, r, len, transposedRows(a, r, len));
    }

    /**
     * The Gram matrix of the rows (as row arrays, r rows of len values): G = X·Xᵀ as r row arrays, exactly symmetric.
     */
    static double[][] gramOfRows(Parallelism p, double[][] x, int len) {
        int r = x.length;
        double[] flat = toFlat(x, len);
        double[][] t = transposedRows(x, len);
        double[][] c = new double[r][r];
        syrkLower(p, flat, len, 1, r, len, t, c);
        mirrorLower(c);
        return c;
    }
}
