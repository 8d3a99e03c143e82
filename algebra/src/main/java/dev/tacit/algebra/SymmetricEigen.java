package dev.tacit.algebra;

/**
 * Eigen-decomposition A = Z Λ Zᵀ of a real symmetric matrix: Householder reduction to tridiagonal form T = Qᵀ A Q,
 * then the eigenvectors of T, then Z = Q·(eigenvectors of T).
 *
 * <ul>
 *   <li>Reduction: Householder reflectors (Golub and Van Loan, Matrix Computations, 4th ed., algorithm 8.3.1); above
 *   {@value Tridiagonal#BLOCKED_FROM} rows the blocked form of Dongarra, Sorensen and Hammarling (1989), whose
 *   trailing update is a rank-2b product on the multi-threaded kernel.</li>
 *   <li>Tridiagonal eigenproblem: up to {@value #DIVIDE_AND_CONQUER_FROM} rows, implicit symmetric QR with Wilkinson
 *   shifts (algorithm 8.3.3) applied to the explicit Q; above, Cuppen's divide and conquer with the deflation of
 *   Dongarra and Sorensen and the eigenvectors of Gu and Eisenstat ({@link TridiagonalDivideAndConquer}), which turns
 *   the eigenvector work into matrix products, followed by the blocked back-transformation with Q.</li>
 * </ul>
 *
 * <p>Both routes are backward stable: the computed pairs are exact for A + E with ‖E‖ a modest multiple of eps·‖A‖,
 * and the eigenvectors are orthonormal to a modest multiple of n·eps. Eigenvalues are therefore accurate to about
 * eps·‖A‖ in absolute terms, not relative to each eigenvalue; callers that need tiny eigenvalues of a Gram matrix
 * accurately refine them ({@link GramSvd}). Internally every vector is its own array so the rotation and update loops
 * run on distinct arrays at the same index, which the JIT vectorises.
 */
public final class SymmetricEigen {

    /** From this order on the tridiagonal eigenvectors come from divide and conquer rather than QR. */
    static final int DIVIDE_AND_CONQUER_FROM = 160;
    /** From this order the QR route uses a second thread. */
    static final int PARALLEL_FROM = 48;

    private SymmetricEigen() {
    }

    /**
     * The decomposition.
     *
     * @param values  the eigenvalues, descending
     * @param vectors the orthonormal eigenvectors, column i for values[i]
     */
    public record Result(double[] values, Matrix vectors) {
        /**
         * Copies the values.
         *
         * @param values  the eigenvalues, descending; not retained
         * @param vectors the orthonormal eigenvectors, column i for values[i]
         */
        public Result {
            values = values.clone();
        }

        /** @return a copy of the eigenvalues, descending */
        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /**
     * @param a a symmetric matrix (only its lower triangle is read)
     * @return the eigenvalues (descending) and orthonormal eigenvectors, computed with {@link Parallelism#current()}
     */
    public static Result decompose(Matrix a) {
        return decompose(a, Parallelism.current());
    }

    /**
     * @param a           a symmetric matrix (only its lower triangle is read)
     * @param parallelism threads for the large products and the independent halves (the result does not depend on
     *                    them)
     * @return the eigenvalues (descending) and orthonormal eigenvectors
     */
    public static Result decompose(Matrix a, Parallelism parallelism) {
        Parallelism p = java.util.Objects.requireNonNull(parallelism, "parallelism");
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException("symmetric eigen-decomposition needs a square matrix, got " + a.shape());
        }
        if (!a.isFinite()) {
            throw new IllegalArgumentException("cannot decompose a matrix with NaN or infinite entries (" + a.shape()
                    + ")");
        }
        int n = a.rows();
        double[] values = new double[n];
        double[][] v = decomposeColumns(symmetricRows(a), values, p);
        return new Result(values, new Matrix(n, n, Kernels.toFlat(v, n)));
    }

    /** Rows of the symmetric matrix built from the lower triangle of a. */
    private static double[][] symmetricRows(Matrix a) {
        int n = a.rows();
        double[] d = Matrix.storage(a);
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                rows[i][j] = d[i * n + j];
                rows[j][i] = d[i * n + j];
            }
        }
        return rows;
    }

    /**
     * Decomposes the symmetric matrix whose rows are given (destroyed in the process).
     *
     * @param a      the rows of a symmetric matrix (both triangles), overwritten
     * @param values receives the eigenvalues, descending
     * @param p      threads
     * @return the eigenvectors as rows, row i for values[i]
     */
    static double[][] decomposeRows(double[][] a, double[] values, Parallelism p) {
        int n = a.length;
        if (n >= DIVIDE_AND_CONQUER_FROM) {
            return Kernels.transposedRows(decomposeColumns(a, values, p), n);
        }
        return small(a, values, p, false);
    }

    /**
     * Decomposes the symmetric matrix whose rows are given (destroyed in the process).
     *
     * @param a      the rows of a symmetric matrix (both triangles), overwritten
     * @param values receives the eigenvalues, descending
     * @param p      threads
     * @return the eigenvector matrix Z by rows: Z[p][i] is component p of the eigenvector for values[i]
     */
    static double[][] decomposeColumns(double[][] a, double[] values, Parallelism p) {
        int n = a.length;
        if (n < DIVIDE_AND_CONQUER_FROM) {
            return small(a, values, p, true);
        }
        double[] d = new double[n];
        double[] e = new double[Math.max(n - 1, 0)];
        double[] tau = new double[Math.max(n - 1, 0)];
        Tridiagonal.reduce(a, d, e, tau, p);
        // Eigenvectors of T by coordinates (row p = component p), ascending eigenvalues in d.
        double[][] z = Kernels.transposedRows(TridiagonalDivideAndConquer.solveRows(d, e, p), n);
        Tridiagonal.applyQ(a, tau, z, p);
        // Descending order: reverse the columns.
        for (int i = 0; i < n; i++) {
            values[i] = d[n - 1 - i];
        }
        for (double[] row : z) {
            for (int i = 0, j = n - 1; i < j; i++, j--) {
                double t = row[i];
                row[i] = row[j];
                row[j] = t;
            }
        }
        return z;
    }

    /**
     * The QR route for small orders, on up to two threads, with the same result on any number (every value is
     * computed by the same operations in the same order whichever thread computes it):
     * <ol>
     *   <li>the Householder reduction T = QᵀAQ;</li>
     *   <li>the rows of Qᵀ, then the scalar QR iteration on T with every rotation applied to those rows, which makes
     *   row i the eigenvector of A for d[i]: on one thread at once, inline; with a helper, task 0 runs the iteration
     *   and only records the rotations while task 1 forms Qᵀ and then applies the recorded rotations as they
     *   appear;</li>
     *   <li>the rows sorted by descending eigenvalue.</li>
     * </ol>
     * Rotating Qᵀ itself, rather than the identity followed by one product with Qᵀ at the end, does the same rotation
     * work and saves that product (2n³ flops, about a tenth of the decomposition at n = 95).
     *
     * @param columns whether to return Z by rows of components (Z[p][i], as {@link #decomposeColumns}) rather than the
     *                eigenvectors as rows
     */
    private static double[][] small(double[][] a, double[] values, Parallelism p, boolean columns) {
        int n = a.length;
        double[] d = new double[n];
        double[] e = new double[Math.max(n - 1, 0)];
        double[] tau = new double[Math.max(n - 1, 0)];
        Tridiagonal.reduce(a, d, e, tau, Parallelism.serial());
        // On one thread every rotation is applied inline (nearly free beside the iteration's latency); with a helper,
        // all of them are left to it. Applying even a tenth inline, on rows of a few elements, slowed the iteration
        // by more than the helper saved (a trained W's decomposition, whose one level is a 95×95 eigenproblem: 0.84 ms
        // with a tenth inline against 0.56-0.58 ms with none, and 0.79-0.80 ms on one thread). Each element sees the
        // same rotations in the same order either way.
        boolean parallel = n >= PARALLEL_FROM && p.helpersAvailable();
        double[][] zt;
        if (!parallel) {
            zt = Tridiagonal.formQTransposed(a, tau);
            TridiagonalQr.solve(d, e, zt);
        } else {
            TridiagonalQr.Rotations record = TridiagonalQr.Rotations.reusable(16 + n * n);
            double[][][] formed = new double[1][][];
            p.forEach(2, true, task -> {
                if (task == 0) {
                    TridiagonalQr.solveRecorded(d, e, record);
                } else {
                    formed[0] = Tridiagonal.formQTransposed(a, tau);
                    follow(record, formed[0]);
                }
            });
            zt = formed[0];
        }
        int[] order = IndexSort.descending(d);
        double[][] z = new double[n][];
        for (int r = 0; r < n; r++) {
            values[r] = d[order[r]];
            z[r] = zt[order[r]];
        }
        return columns ? Kernels.transposedRows(z, n) : z;
    }

    /** The helper's part: applies the recorded rotations to the rows of zt as they are published, until the last. */
    private static void follow(TridiagonalQr.Rotations record, double[][] zt) {
        int n = zt.length;
        int applied = 0;
        long idleSince = System.nanoTime();
        while (true) {
            int available = record.published();
            if (applied < available) {
                record.apply(zt, 0, n, applied, available);
                applied = available;
                idleSince = System.nanoTime();
            } else if (record.finished()) {
                if (applied == record.published()) {
                    return;
                }
            } else {
                Parallelism.pause(idleSince);
            }
        }
    }
}
