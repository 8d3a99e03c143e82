package dev.tacit.algebra;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * An immutable dense matrix of doubles, stored row-major.
 *
 * <p>Every operation returns a new matrix; none modifies its receiver or its arguments. Values go in and out by copy
 * ({@link #of}, {@link #toArray}); inside this package the kernels fill a fresh array once and hand it over without a
 * copy. A {@link Builder} lets code outside the package (optimizers, plugins) write a fused element-wise loop that
 * fills a new matrix in one pass, without temporaries.
 *
 * <p>{@link #equals} is exact; {@link #isClose} is the tolerant comparison.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    private final double[] data;
    /**
     * The rows, and the columns, each as an array of its own: the layout the product kernels vectorise. Built on
     * first use as an operand and then shared by every later product, so an operand is copied once per matrix rather
     * than once per product. Never written after publication; two threads racing to build one build equal copies.
     */
    private volatile double[][] rowArrays;
    private volatile double[][] columnArrays;

    /** Takes ownership of {@code data}: callers inside the package must not keep or change it afterwards. */
    Matrix(int rows, int cols, double[] data) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix shape must be non-negative, got " + rows + "x" + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(
                    "shape " + rows + "x" + cols + " needs " + ((long) rows * cols) + " values, got " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** Reads the storage of a matrix inside this package, without a copy. */
    static double[] storage(Matrix m) {
        return m.data;
    }

    /**
     * The rows of a matrix as one array each, built once and shared: callers inside this package must only read them.
     */
    static double[][] rowArrays(Matrix m) {
        double[][] r = m.rowArrays;
        if (r == null) {
            r = Kernels.toRows(m.data, m.rows, m.cols);
            m.rowArrays = r;
        }
        return r;
    }

    /**
     * The columns of a matrix as one array each (the rows of its transpose), built once and shared: callers inside
     * this package must only read them.
     */
    static double[][] columnArrays(Matrix m) {
        double[][] c = m.columnArrays;
        if (c == null) {
            c = Kernels.transposedRows(m.data, m.rows, m.cols);
            m.columnArrays = c;
        }
        return c;
    }

    /**
     * A matrix of the given shape holding a copy of {@code values} in row-major order.
     *
     * @param rows   number of rows, at least 0
     * @param cols   number of columns, at least 0
     * @param values exactly rows·cols values; not modified and not retained
     * @return the new matrix
     */
    public static Matrix of(int rows, int cols, double... values) {
        return new Matrix(rows, cols, values.clone());
    }

    /**
     * A matrix from its rows.
     *
     * @param rowValues the rows, all of the same length; not retained
     * @return the new matrix
     */
    public static Matrix fromRows(double[][] rowValues) {
        int r = rowValues.length;
        int c = r == 0 ? 0 : rowValues[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rowValues[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + rowValues[i].length + " values, row 0 has " + c);
            }
            System.arraycopy(rowValues[i], 0, d, i * c, c);
        }
        return new Matrix(r, c, d);
    }

    /**
     * The zero matrix.
     *
     * @param rows number of rows
     * @param cols number of columns
     * @return a rows×cols matrix of zeros
     */
    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new double[checkedSize(rows, cols)]);
    }

    /**
     * The identity matrix.
     *
     * @param n order
     * @return the n×n identity
     */
    public static Matrix identity(int n) {
        double[] d = new double[checkedSize(n, n)];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1.0;
        }
        return new Matrix(n, n, d);
    }

    /**
     * A diagonal matrix, rows×cols, with {@code diagonal} on its main diagonal.
     *
     * @param rows     number of rows
     * @param cols     number of columns
     * @param diagonal at most min(rows, cols) values; not retained
     * @return the new matrix
     */
    public static Matrix diagonal(int rows, int cols, double... diagonal) {
        if (diagonal.length > Math.min(rows, cols)) {
            throw new IllegalArgumentException(diagonal.length + " diagonal values do not fit " + rows + "x" + cols);
        }
        double[] d = new double[checkedSize(rows, cols)];
        for (int i = 0; i < diagonal.length; i++) {
            d[i * cols + i] = diagonal[i];
        }
        return new Matrix(rows, cols, d);
    }

    /**
     * A matrix whose entries are given by a function of their position.
     *
     * @param rows    number of rows
     * @param cols    number of columns
     * @param entries value of entry (i, j)
     * @return the new matrix
     */
    public static Matrix generate(int rows, int cols, EntryFunction entries) {
        double[] d = new double[checkedSize(rows, cols)];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                d[i * cols + j] = entries.value(i, j);
            }
        }
        return new Matrix(rows, cols, d);
    }

    /**
     * A builder for a new rows×cols matrix, initially zero.
     *
     * @param rows number of rows
     * @param cols number of columns
     * @return a builder that can be built once
     */
    public static Builder builder(int rows, int cols) {
        return new Builder(rows, cols);
    }

    private static int checkedSize(int rows, int cols) {
        long size = (long) rows * cols;
        if (rows < 0 || cols < 0 || size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix shape " + rows + "x" + cols + " is negative or too large");
        }
        return (int) size;
    }

    /** @return number of rows */
    public int rows() {
        return rows;
    }

    /** @return number of columns */
    public int cols() {
        return cols;
    }

    /** @return number of entries, rows·cols */
    public int size() {
        return data.length;
    }

    /**
     * @param i row index
     * @param j column index
     * @return entry (i, j)
     */
    public double get(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside " + rows + "x" + cols);
        }
        return data[i * cols + j];
    }

    /**
     * Entry by its row-major position, for fused element-wise loops over matrices of the same shape.
     *
     * @param index i·cols + j
     * @return the entry at that position
     */
    public double at(int index) {
        return data[index];
    }

    /** @return a row-major copy of the entries */
    public double[] toArray() {
        return data.clone();
    }

    /** @return a copy of the entries as an array of rows */
    public double[][] toRows() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
        }
        return out;
    }

    /**
     * @param i row index
     * @return a copy of row i
     */
    public double[] row(int i) {
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    /**
     * @param other a matrix
     * @return whether both have the same number of rows and columns
     */
    public boolean sameShape(Matrix other) {
        return rows == other.rows && cols == other.cols;
    }

    /** @return "rows×cols" */
    public String shape() {
        return rows + "x" + cols;
    }

    private void requireSameShape(Matrix other, String operation) {
        if (!sameShape(other)) {
            throw new IllegalArgumentException(operation + ": shapes " + shape() + " and " + other.shape() + " differ");
        }
    }

    /** @return the transpose */
    public Matrix transpose() {
        return new Matrix(cols, rows, Kernels.transpose(data, rows, cols));
    }

    /**
     * @param other same shape
     * @return this + other
     */
    public Matrix plus(Matrix other) {
        return axpy(1.0, other);
    }

    /**
     * @param other same shape
     * @return this − other
     */
    public Matrix minus(Matrix other) {
        return axpy(-1.0, other);
    }

    /**
     * @param factor a scalar
     * @return factor · this
     */
    public Matrix scale(double factor) {
        double[] d = new double[data.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = factor * data[k];
        }
        return new Matrix(rows, cols, d);
    }

    /**
     * @param alpha a scalar
     * @param x     same shape
     * @return this + alpha · x
     */
    public Matrix axpy(double alpha, Matrix x) {
        return combine(1.0, alpha, x);
    }

    /**
     * @param a scalar for this
     * @param b scalar for x
     * @param x same shape
     * @return a · this + b · x, in one pass
     */
    public Matrix combine(double a, double b, Matrix x) {
        requireSameShape(x, "combine");
        double[] d = new double[data.length];
        double[] xd = x.data;
        for (int k = 0; k < d.length; k++) {
            d[k] = a * data[k] + b * xd[k];
        }
        return new Matrix(rows, cols, d);
    }

    /**
     * @param other same shape
     * @return the element-wise product
     */
    public Matrix hadamard(Matrix other) {
        requireSameShape(other, "hadamard");
        double[] d = new double[data.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = data[k] * other.data[k];
        }
        return new Matrix(rows, cols, d);
    }

    /**
     * @param f applied to every entry
     * @return the mapped matrix
     */
    public Matrix map(DoubleUnaryOperator f) {
        double[] d = new double[data.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = f.applyAsDouble(data[k]);
        }
        return new Matrix(rows, cols, d);
    }

    /**
     * @param other same shape
     * @param f     applied to each pair of entries (this, other)
     * @return the combined matrix
     */
    public Matrix zip(Matrix other, DoubleBinaryOperator f) {
        requireSameShape(other, "zip");
        double[] d = new double[data.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = f.applyAsDouble(data[k], other.data[k]);
        }
        return new Matrix(rows, cols, d);
    }

    /**
     * The matrix product, blocked and (for large operands) spread over the threads of {@link Parallelism#current()};
     * the result does not depend on them.
     *
     * @param b a matrix with as many rows as this has columns
     * @return this · b
     */
    public Matrix multiply(Matrix b) {
        if (cols != b.rows) {
            throw new IllegalArgumentException("multiply: " + shape() + " · " + b.shape() + " do not conform");
        }
        double[] c = new double[rows * b.cols];
        Kernels.gemmToFlat(Parallelism.current(), data, cols, 1, rows, cols, rowArrays(b), b.cols, c);
        return new Matrix(rows, b.cols, c);
    }

    /**
     * The product with this matrix transposed, without forming the transpose; threads as {@link #multiply}.
     *
     * @param b a matrix with as many rows as this
     * @return thisᵀ · b
     */
    public Matrix transposeMultiply(Matrix b) {
        if (rows != b.rows) {
            throw new IllegalArgumentException("transposeMultiply: " + shape() + "ᵀ · " + b.shape() + " do not conform");
        }
        double[] c = new double[cols * b.cols];
        Kernels.gemmToFlat(Parallelism.current(), data, 1, cols, cols, rows, rowArrays(b), b.cols, c);
        return new Matrix(cols, b.cols, c);
    }

    /**
     * The product with the second operand transposed; threads as {@link #multiply}.
     *
     * @param b a matrix with as many columns as this
     * @return this · bᵀ
     */
    public Matrix multiplyTranspose(Matrix b) {
        if (cols != b.cols) {
            throw new IllegalArgumentException("multiplyTranspose: " + shape() + " · " + b.shape() + "ᵀ do not conform");
        }
        double[] c = new double[rows * b.rows];
        Kernels.gemmToFlat(Parallelism.current(), data, cols, 1, rows, cols, columnArrays(b), b.rows, c);
        return new Matrix(rows, b.rows, c);
    }

    /**
     * The Gram matrix of the columns, thisᵀ·this (cols×cols), computed on one triangle and mirrored: half the work of
     * {@link #transposeMultiply} and exactly symmetric.
     *
     * @return thisᵀ · this
     */
    public Matrix gramOfColumns() {
        // (Thisᵀ)(Thisᵀ)ᵀ: thisᵀ read through strides, its transpose's rows are this matrix's rows.
        double[] g = Kernels.syrk(Parallelism.current(), data, 1, cols, cols, rows, rowArrays(this));
        return new Matrix(cols, cols, g);
    }

    /**
     * The Gram matrix of the rows, this·thisᵀ (rows×rows), computed on one triangle and mirrored.
     *
     * @return this · thisᵀ
     */
    public Matrix gramOfRows() {
        double[] g = Kernels.syrk(Parallelism.current(), data, cols, 1, rows, cols, columnArrays(this));
        return new Matrix(rows, rows, g);
    }

    /**
     * Scales every column j by {@code factors[j]}, the product this · diag(factors).
     *
     * @param factors one per column; not retained
     * @return the scaled matrix
     */
    public Matrix scaleColumns(double[] factors) {
        if (factors.length != cols) {
            throw new IllegalArgumentException("scaleColumns: " + factors.length + " factors for " + cols + " columns");
        }
        double[] d = new double[data.length];
        for (int i = 0; i < rows; i++) {
            int off = i * cols;
            for (int j = 0; j < cols; j++) {
                d[off + j] = data[off + j] * factors[j];
            }
        }
        return new Matrix(rows, cols, d);
    }

    /**
     * The Frobenius inner product Σ this_ij · other_ij.
     *
     * @param other same shape
     * @return the inner product
     */
    public double dot(Matrix other) {
        requireSameShape(other, "dot");
        double s = 0;
        for (int k = 0; k < data.length; k++) {
            s += data[k] * other.data[k];
        }
        return s;
    }

    /**
     * The inner product with a vector of as many elements, in row-major order, accumulated in that order: for code
     * that keeps the parameters of a step as one flat array (L-BFGS).
     *
     * @param v size() elements; not modified
     * @return Σ_k this_k · v_k
     */
    public double dot(double[] v) {
        if (v.length != data.length) {
            throw new IllegalArgumentException("a " + shape() + " matrix has " + data.length + " elements, the vector "
                    + v.length);
        }
        double s = 0;
        for (int k = 0; k < data.length; k++) {
            s += data[k] * v[k];
        }
        return s;
    }

    /**
     * Writes into a caller's array: target_k += α · this_k in row-major order.
     *
     * @param alpha  the scale
     * @param target size() elements; modified
     */
    public void addScaledTo(double alpha, double[] target) {
        if (target.length != data.length) {
            throw new IllegalArgumentException("a " + shape() + " matrix has " + data.length + " elements, the target "
                    + target.length);
        }
        for (int k = 0; k < data.length; k++) {
            target[k] += alpha * data[k];
        }
    }

    /** @return Σ entries² */
    public double sumOfSquares() {
        double s = 0;
        for (double v : data) {
            s += v * v;
        }
        return s;
    }

    /** @return the Frobenius norm, computed without overflow or harmful underflow */
    public double frobeniusNorm() {
        return Vectors.norm2(data, 0, data.length);
    }

    /** @return the sum of the entries */
    public double sum() {
        double s = 0;
        for (double v : data) {
            s += v;
        }
        return s;
    }

    /** @return the largest absolute entry, 0 for an empty matrix; NaN if any entry is NaN, else infinite if any is */
    public double maxAbs() {
        double m = 0;
        for (double v : data) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** @return whether no entry is NaN or infinite */
    public boolean isFinite() {
        for (double v : data) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tolerant comparison: every |a − b| ≤ absolute + relative · max(|a|, |b|).
     *
     * @param other    a matrix of the same shape (false otherwise)
     * @param absolute absolute tolerance
     * @param relative relative tolerance
     * @return whether all entries agree within the tolerance
     */
    public boolean isClose(Matrix other, double absolute, double relative) {
        if (!sameShape(other)) {
            return false;
        }
        for (int k = 0; k < data.length; k++) {
            double a = data[k];
            double b = other.data[k];
            if (!(Math.abs(a - b) <= absolute + relative * Math.max(Math.abs(a), Math.abs(b)))) {
                return false;
            }
        }
        return true;
    }

    /** Exact equality of shape and of every entry (as {@link Double#equals} compares them). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && rows == m.rows && cols == m.cols && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    /** A short description: the shape, and the entries when the matrix is small. */
    @Override
    public String toString() {
        if (data.length > 36) {
            return "Matrix[" + shape() + ", ‖·‖_F=" + frobeniusNorm() + "]";
        }
        return "Matrix[" + shape() + "] " + Arrays.deepToString(toRows());
    }

    /** The value of an entry as a function of its position, for {@link #generate}. */
    @FunctionalInterface
    public interface EntryFunction {
        /**
         * @param i row index
         * @param j column index
         * @return the value of entry (i, j)
         */
        double value(int i, int j);
    }

    /**
     * Fills a new matrix once, for fused loops outside this package. After {@link #build()} the builder refuses
     * further use, so the built matrix stays immutable.
     */
    public static final class Builder {
        private final int rows;
        private final int cols;
        private double[] data;

        private Builder(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.data = new double[checkedSize(rows, cols)];
        }

        /**
         * Sets the entry at a row-major position.
         *
         * @param index i·cols + j
         * @param value the value
         * @return this builder
         */
        public Builder set(int index, double value) {
            data[index] = value;
            return this;
        }

        /**
         * Sets entry (i, j).
         *
         * @param i     row index
         * @param j     column index
         * @param value the value
         * @return this builder
         */
        public Builder set(int i, int j, double value) {
            if (i < 0 || i >= rows || j < 0 || j >= cols) {
                throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside " + rows + "x" + cols);
            }
            data[i * cols + j] = value;
            return this;
        }

        /**
         * Adds to entry (i, j).
         *
         * @param i     row index
         * @param j     column index
         * @param value the increment
         * @return this builder
         */
        public Builder add(int i, int j, double value) {
            if (i < 0 || i >= rows || j < 0 || j >= cols) {
                throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside " + rows + "x" + cols);
            }
            data[i * cols + j] += value;
            return this;
        }

        /** @return the matrix; the builder cannot be used afterwards */
        public Matrix build() {
            if (data == null) {
                throw new IllegalStateException("this builder has already built its matrix");
            }
            Matrix m = new Matrix(rows, cols, data);
            data = null;
            return m;
        }
    }
}
