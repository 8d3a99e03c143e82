package dev.tacit.optim.models;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The depth-N linear network of docs/method.md §2: W = A_1 A_2 ⋯ A_N with A_1 m×n and A_2..A_N n×n (hidden width n).
 * Depth 1 is W itself. Initialisation: every entry i.i.d. N(0, s²), s = initScale^(1/N) / sqrt(max(m, n)), so
 * ‖W‖_F starts near initScale·sqrt(n).
 *
 * @param rows      m
 * @param cols      n
 * @param depth     N, at least 1
 * @param initScale the scale of the end-to-end matrix at initialisation, positive
 */
public record LinearNetwork(int rows, int cols, int depth, double initScale) implements CompletionModel {

    /** The deepest network accepted; far beyond what the study explores (5). */
    public static final int MAX_DEPTH = 64;

    /** Validates the shape, depth and scale. */
    public LinearNetwork {
        if (rows < 1 || cols < 1) {
            throw new InvalidValueException("size", rows + "x" + cols, "at least 1x1");
        }
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new InvalidValueException("depth", depth, "between 1 and " + MAX_DEPTH);
        }
        if (!(initScale > 0) || Double.isInfinite(initScale)) {
            throw new InvalidValueException("init_scale", initScale, "positive and finite");
        }
    }

    @Override
    public List<Matrix> initialParameters(SplittableRandom rng) {
        double s = Math.pow(initScale, 1.0 / depth) / Math.sqrt(Math.max(rows, cols));
        List<Matrix> factors = new ArrayList<>(depth);
        for (int k = 0; k < depth; k++) {
            int r = k == 0 ? rows : cols;
            factors.add(Matrix.generate(r, cols, (i, j) -> s * rng.nextGaussian()));
        }
        return factors;
    }

    @Override
    public Matrix predict(List<Matrix> params) {
        return forward(params).endToEnd();
    }

    /**
     * @param factors A_1..A_N
     * @return the prefix products, whose last is W
     */
    public Forward forward(List<Matrix> factors) {
        if (factors.size() != depth) {
            throw new IllegalArgumentException("depth " + depth + " network given " + factors.size() + " factors");
        }
        List<Matrix> prefixes = new ArrayList<>(depth);
        Matrix product = factors.get(0);
        prefixes.add(product);
        for (int k = 1; k < depth; k++) {
            product = product.multiply(factors.get(k));
            prefixes.add(product);
        }
        return new Forward(List.copyOf(factors), List.copyOf(prefixes));
    }

    /**
     * The factors and their prefix products A_1⋯A_k, k = 1..N.
     *
     * @param factors  A_1..A_N
     * @param prefixes A_1⋯A_k for k = 1..N
     */
    public record Forward(List<Matrix> factors, List<Matrix> prefixes) {

        /** @return W = A_1⋯A_N */
        public Matrix endToEnd() {
            return prefixes.get(prefixes.size() - 1);
        }

        /**
         * ∂L/∂A_k = (A_1⋯A_{k−1})ᵀ · G · (A_{k+1}⋯A_N)ᵀ for every k, with R_k = G (A_{k+1}⋯A_N)ᵀ built right to
         * left as R_{k−1} = R_k A_kᵀ: 2(N−1) products in all.
         *
         * @param g ∂L/∂W, m×n
         * @return ∂L/∂A_k for k = 1..N
         */
        public List<Matrix> factorGradients(Matrix g) {
            int depth = factors.size();
            Matrix[] grads = new Matrix[depth];
            Matrix r = g;
            for (int k = depth - 1; k >= 0; k--) {
                grads[k] = k == 0 ? r : prefixes.get(k - 1).transposeMultiply(r);
                if (k > 0) {
                    r = r.multiplyTranspose(factors.get(k));
                }
            }
            return List.of(grads);
        }
    }
}
