package dev.tacit.algebra.testkit;

import dev.tacit.algebra.Matrix;
import java.util.function.ToDoubleFunction;

/** Central finite differences, the reference every analytic gradient is checked against. */
public final class FiniteDifference {

    private FiniteDifference() {
    }

    /**
     * The gradient of f at x by central differences, entry by entry, with step h·max(1, |x_ij|).
     *
     * @param f a smooth function near x
     * @param x the point
     * @param h the relative step, about the cube root of machine epsilon (6e-6) for a smooth f
     * @return the numerical gradient, same shape as x
     */
    public static Matrix gradient(ToDoubleFunction<Matrix> f, Matrix x, double h) {
        double[] base = x.toArray();
        Matrix.Builder g = Matrix.builder(x.rows(), x.cols());
        for (int k = 0; k < base.length; k++) {
            double step = h * Math.max(1.0, Math.abs(base[k]));
            double saved = base[k];
            base[k] = saved + step;
            double plus = f.applyAsDouble(Matrix.of(x.rows(), x.cols(), base));
            base[k] = saved - step;
            double minus = f.applyAsDouble(Matrix.of(x.rows(), x.cols(), base));
            base[k] = saved;
            g.set(k, (plus - minus) / (2 * step));
        }
        return g.build();
    }
}
