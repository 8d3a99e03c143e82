package dev.tacit.optim.optimizers;

import dev.tacit.algebra.Matrix;
import java.util.List;

/** Initial values of per-parameter optimizer memory. */
final class Tensors {

    private Tensors() {
    }

    /**
     * @param params the parameters
     * @return one zero matrix of each parameter's shape
     */
    static List<Matrix> zerosLike(List<Matrix> params) {
        return params.stream().map(p -> Matrix.zeros(p.rows(), p.cols())).toList();
    }

    /**
     * @param params the parameters
     * @param value  the value of every entry
     * @return one constant matrix of each parameter's shape
     */
    static List<Matrix> filledLike(List<Matrix> params, double value) {
        return params.stream().map(p -> {
            Matrix.Builder b = Matrix.builder(p.rows(), p.cols());
            for (int i = 0; i < p.size(); i++) {
                b.set(i, value);
            }
            return b.build();
        }).toList();
    }
}
