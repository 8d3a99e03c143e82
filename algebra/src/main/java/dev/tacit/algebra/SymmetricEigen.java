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
    /** Ranges of columns Q is formed in, alongside the scalar QR iteration. */
    static final int Q_PARTS = 2;
    /** Ranges of elements the recorded rotations are applied in. */
    static final int ROTATION_PARTS = 2;
    /** From this order the QR route's two phases use more than one thread. */
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
     * The QR route for small orders, in two parallel phases (every value is computed by the same operations in the
     * same order whatever the split, so the result is the same on any number of threads, and bit for bit the same as
     * applying each rotation as it is generated):
     * <ol>
     *   <li>the scalar QR iteration on T, recording its rotations ({@link TridiagonalQr#solveRecorded}), alongside the
     *   explicit Q formed in {@value #Q_PARTS} ranges of columns (each column of Q is accumulated independently);</li>
     *   <li>the recorded rotations applied to Qᵀ's rows in {@value #ROTATION_PARTS} ranges of elements, each range
     *   then written out in descending order of the eigenvalues.</li>
     * </ol>
     * The scalar iteration is latency-bound (a square root and two divisions in a chain per rotation, about as long as
     * forming Q), so the first phase runs the two side by side.
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
        double[][] zt = new double[n][];
        TridiagonalQr.Rotations[] rotations = new TridiagonalQr.Rotations[1];
        // Column j of Q costs about j² to accumulate: split where the cumulated cost is equal. On one thread the
        // ranges would only add loop overhead, and every value is the same whatever the ranges (each column of Q and
        // each element of a rotated row is computed on its own), so then there is one range.
        boolean parallel = n >= PARALLEL_FROM && !p.isSerial();
        int qParts = parallel ? Q_PARTS : 1;
        int rotationParts = parallel ? ROTATION_PARTS : 1;
        int[] cuts = new int[qParts + 1];
        for (int f = 1; f < qParts; f++) {
            cuts[f] = (int) Math.round(n * Math.cbrt((double) f / qParts));
        }
        cuts[qParts] = n;
        p.forEach(1 + qParts, parallel, task -> {
            if (task == 0) {
                rotations[0] = TridiagonalQr.solveRecorded(d, e);
            } else {
                Tridiagonal.formQTransposed(a, tau, cuts[task - 1], cuts[task], zt);
            }
        });
        int[] order = IndexSort.descending(d);
        for (int i = 0; i < n; i++) {
            values[i] = d[order[i]];
        }
        TridiagonalQr.Rotations r = rotations[0];
        if (!columns) {
            r.apply(zt, 0, n);
            double[][] sorted = new double[n][];
            for (int i = 0; i < n; i++) {
                sorted[i] = zt[order[i]];
            }
            return sorted;
        }
        // Ranges of elements (components), cut at multiples of 8 so two threads never share a cache line.
        double[][] z = new double[n][];
        int step = ((n + rotationParts - 1) / rotationParts + 7) / 8 * 8;
        p.forEach(rotationParts, parallel, part -> {
            int from = Math.min(n, part * step);
            int to = part == rotationParts - 1 ? n : Math.min(n, from + step);
            r.apply(zt, from, to);
            for (int q = from; q < to; q++) {
                double[] row = new double[n];
                for (int i = 0; i < n; i++) {
                    row[i] = zt[order[i]][q];
                }
                z[q] = row;
            }
        });
        return z;
    }
}
