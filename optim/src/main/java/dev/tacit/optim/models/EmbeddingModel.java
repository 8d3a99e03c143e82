package dev.tacit.optim.models;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.InvalidValueException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The user-item embedding model of docs/method.md §8: r̂_ui = ⟨P_u, Q_i⟩ + b_u + b_i, with P (users×d) and Q (items×d)
 * initialised i.i.d. N(0, s²), s = {@code initStd} (the reference uses 1/d), and both bias vectors starting at 0.
 *
 * <p>Parameters, in this order: P (users×d), Q (items×d), b_user (users×1), b_item (items×1).
 *
 * @param users     rows of the completed matrix
 * @param items     columns of the completed matrix
 * @param dimension d, the embedding width
 * @param initStd   standard deviation of the initial embeddings, positive
 */
public record EmbeddingModel(int users, int items, int dimension, double initStd) implements CompletionModel {

    /** The embedding width of the study. */
    public static final int DEFAULT_DIMENSION = 128;

    /** Index of P in the parameter list. */
    public static final int USERS = 0;
    /** Index of Q in the parameter list. */
    public static final int ITEMS = 1;
    /** Index of the user biases in the parameter list. */
    public static final int USER_BIAS = 2;
    /** Index of the item biases in the parameter list. */
    public static final int ITEM_BIAS = 3;

    /** Validates the sizes and the scale. */
    public EmbeddingModel {
        if (users < 1 || items < 1) {
            throw new InvalidValueException("size", users + "x" + items, "at least 1x1");
        }
        if (dimension < 1 || dimension > 4096) {
            throw new InvalidValueException("dimension", dimension, "between 1 and 4096");
        }
        if (!(initStd > 0) || Double.isInfinite(initStd)) {
            throw new InvalidValueException("init_std", initStd, "positive and finite");
        }
    }

    /**
     * The reference initialisation, standard deviation 1/d.
     *
     * @param users     users
     * @param items     items
     * @param dimension d
     * @return the model
     */
    public static EmbeddingModel reference(int users, int items, int dimension) {
        return new EmbeddingModel(users, items, dimension, 1.0 / dimension);
    }

    @Override
    public int rows() {
        return users;
    }

    @Override
    public int cols() {
        return items;
    }

    @Override
    public List<Matrix> initialParameters(SplittableRandom rng) {
        Matrix p = Matrix.generate(users, dimension, (i, j) -> initStd * rng.nextGaussian());
        Matrix q = Matrix.generate(items, dimension, (i, j) -> initStd * rng.nextGaussian());
        return List.of(p, q, Matrix.zeros(users, 1), Matrix.zeros(items, 1));
    }

    @Override
    public Matrix predict(List<Matrix> params) {
        check(params);
        Matrix pq = params.get(USERS).multiplyTranspose(params.get(ITEMS));
        Matrix bu = params.get(USER_BIAS);
        Matrix bi = params.get(ITEM_BIAS);
        Matrix.Builder b = Matrix.builder(users, items);
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                int pos = u * items + i;
                b.set(pos, pq.at(pos) + bu.at(u) + bi.at(i));
            }
        }
        return b.build();
    }

    @Override
    public Matrix.EntryFunction predictor(List<Matrix> params) {
        check(params);
        Matrix p = params.get(USERS);
        Matrix q = params.get(ITEMS);
        Matrix bu = params.get(USER_BIAS);
        Matrix bi = params.get(ITEM_BIAS);
        return (u, i) -> predict(p, q, bu, bi, u, i);
    }

    /** r̂_ui from the parameters. */
    double predict(Matrix p, Matrix q, Matrix bu, Matrix bi, int u, int i) {
        int pu = u * dimension;
        int qi = i * dimension;
        double s = 0;
        for (int k = 0; k < dimension; k++) {
            s += p.at(pu + k) * q.at(qi + k);
        }
        return s + bu.at(u) + bi.at(i);
    }

    void check(List<Matrix> params) {
        if (params.size() != 4) {
            throw new IllegalArgumentException("the embedding model has 4 parameters (P, Q, b_user, b_item), given "
                    + params.size());
        }
        Matrix p = params.get(USERS);
        Matrix q = params.get(ITEMS);
        if (p.rows() != users || p.cols() != dimension || q.rows() != items || q.cols() != dimension
                || params.get(USER_BIAS).size() != users || params.get(ITEM_BIAS).size() != items) {
            throw new IllegalArgumentException("parameters " + params.stream().map(Matrix::shape).toList()
                    + " do not fit a " + users + "x" + items + " model of width " + dimension);
        }
    }
}
