package dev.tacit.algebra;

/**
 * Vector operations on plain {@code double[]} arrays, writing into arrays the caller owns (in the manner of EJML's
 * reusable buffers): inner products, y ← y + αx, linear combinations, norms, and Gram–Schmidt orthonormalisation.
 * The decompositions of this package use them, and so can every other module instead of keeping private copies.
 *
 * <p>Each method says which arguments it modifies; all others are only read. Ranges are half-open, [from, to).
 * Lengths must agree; a mismatch throws {@link IndexOutOfBoundsException} from the array access or an
 * {@link IllegalArgumentException} where checked up front.
 *
 * <p>Rounding, so results can be compared across callers: {@link #dot} sums in four interleaved partial sums
 * (elements i ≡ 0, 1, 2, 3 mod 4, then (s0 + s1) + (s2 + s3)), which is about three times faster than one running
 * sum and of the same accuracy class; {@link #axpy} uses a fused multiply-add per element; {@link #combine} and
 * {@link #scale} round each product separately (so {@code combine(1, x, t, d, out)} is exactly {@code x[i] + t·d[i]}).
 * The inner loops run on two distinct arrays at the same index, which the JIT vectorises.
 */
public final class Vectors {

    private Vectors() {
    }

    /**
     * @param x a vector
     * @param y a vector of the same length
     * @return Σ x_i·y_i (four partial sums, see the class comment)
     */
    public static double dot(double[] x, double[] y) {
        requireSameLength(x, y);
        return dot(x, 0, y, 0, x.length);
    }

    /**
     * @param x       a vector
     * @param xOffset first element of x used
     * @param y       a vector
     * @param yOffset first element of y used
     * @param length  number of products
     * @return Σ over t &lt; length of x[xOffset + t]·y[yOffset + t]
     */
    public static double dot(double[] x, int xOffset, double[] y, int yOffset, int length) {
        // Four accumulators break the dependency chain of a single running sum.
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < length; t += 4) {
            s0 += x[xOffset + t] * y[yOffset + t];
            s1 += x[xOffset + t + 1] * y[yOffset + t + 1];
            s2 += x[xOffset + t + 2] * y[yOffset + t + 2];
            s3 += x[xOffset + t + 3] * y[yOffset + t + 3];
        }
        for (; t < length; t++) {
            s0 += x[xOffset + t] * y[yOffset + t];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * y ← y + α·x, fused.
     *
     * @param alpha the scalar
     * @param x     read
     * @param y     modified; the same length as x
     */
    public static void axpy(double alpha, double[] x, double[] y) {
        requireSameLength(x, y);
        axpy(alpha, x, y, 0, x.length);
    }

    /**
     * y[from, to) ← y[from, to) + α·x[from, to), fused; elements outside the range are untouched.
     *
     * @param alpha the scalar
     * @param x     read
     * @param y     modified on [from, to)
     * @param from  first index
     * @param to    one past the last index
     */
    public static void axpy(double alpha, double[] x, double[] y, int from, int to) {
        for (int j = from; j < to; j++) {
            y[j] = Math.fma(alpha, x[j], y[j]);
        }
    }

    /**
     * out ← a·x + b·y, each product rounded separately.
     *
     * @param a   scalar for x
     * @param x   read
     * @param b   scalar for y
     * @param y   read
     * @param out written; may be x or y itself; all three of one length
     */
    public static void combine(double a, double[] x, double b, double[] y, double[] out) {
        requireSameLength(x, y);
        requireSameLength(x, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = a * x[i] + b * y[i];
        }
    }

    /**
     * out ← α·x.
     *
     * @param alpha the scalar
     * @param x     read
     * @param out   written; may be x itself; the same length as x
     */
    public static void scale(double alpha, double[] x, double[] out) {
        requireSameLength(x, out);
        for (int i = 0; i < out.length; i++) {
            out[i] = alpha * x[i];
        }
    }

    /**
     * @param x a vector
     * @return the Euclidean norm, without overflow or harmful underflow
     */
    public static double norm2(double[] x) {
        return norm2(x, 0, x.length);
    }

    /**
     * The Euclidean norm of x[from, to): when the largest magnitude is outside [1e-150, 1e150] the elements are
     * scaled by a power of two near its reciprocal first, so neither the squares' overflow nor their underflow distorts it; otherwise
     * sqrt({@link #dot}).
     *
     * @param x    a vector
     * @param from first index
     * @param to   one past the last index
     * @return ‖x[from, to)‖₂ (NaN or infinity if an element is)
     */
    public static double norm2(double[] x, int from, int to) {
        double max = 0;
        for (int k = from; k < to; k++) {
            max = Math.max(max, Math.abs(x[k]));
        }
        if (max == 0 || !Double.isFinite(max)) {
            return max;
        }
        if (max > 1e150 || max < 1e-150) {
            // A power of two near 1/max: exact, and finite even when max is subnormal (where 1/max overflows).
            int exponent = Math.getExponent(max);
            double inv = Math.scalb(1.0, -exponent);
            double s = 0;
            for (int k = from; k < to; k++) {
                double v = x[k] * inv;
                s += v * v;
            }
            return Math.scalb(Math.sqrt(s), exponent);
        }
        return Math.sqrt(dot(x, from, x, from, to - from));
    }

    /**
     * @param x a vector
     * @return Σ|x_i|, summed in order
     */
    public static double norm1(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.abs(v);
        }
        return s;
    }

    /**
     * @param x a vector
     * @return max|x_i|, 0 for an empty vector (NaN if an element is)
     */
    public static double normInf(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * @param x a vector
     * @return whether no element is NaN or infinite
     */
    public static boolean isFinite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Orthonormalises vectors[from..] in place against the vectors before them and each other: modified Gram–Schmidt
     * applied twice, which leaves them orthonormal to rounding however ill-conditioned the input ("twice is enough",
     * Giraud, Langou, Rozložník and van den Eshof, Numer. Math. 101, 2005), then each divided by its norm.
     *
     * <p>A vector whose norm after the two passes is at most {@code dependence} times its norm before is numerically
     * in the span of the earlier ones: the method stops there and returns its index, leaving it reduced but not
     * normalised, so the caller decides (give up, or replace it, for example by a coordinate vector, and call again
     * from that index). A zero vector always counts as dependent.
     *
     * @param vectors    the vectors, each of at least {@code length} elements; vectors[0..from) must already be
     *                   orthonormal; vectors[from..] are modified on [0, length)
     * @param from       the first vector to orthonormalise
     * @param length     the dimension (elements [0, length) of each vector are used)
     * @param dependence relative norm at or below which a vector counts as dependent, for example 1e-8
     * @return vectors.length when all are orthonormal, else the index of the first dependent vector
     */
    public static int orthonormalize(double[][] vectors, int from, int length, double dependence) {
        for (int i = from; i < vectors.length; i++) {
            double[] x = vectors[i];
            double before = norm2(x, 0, length);
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < i; j++) {
                    axpy(-dot(vectors[j], 0, x, 0, length), vectors[j], x, 0, length);
                }
            }
            double norm = norm2(x, 0, length);
            if (!(norm > dependence * before)) {
                return i;
            }
            for (int p = 0; p < length; p++) {
                x[p] /= norm;
            }
        }
        return vectors.length;
    }

    private static void requireSameLength(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("vector lengths differ: " + x.length + " and " + y.length);
        }
    }
}
