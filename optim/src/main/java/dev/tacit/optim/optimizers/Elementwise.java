package dev.tacit.optim.optimizers;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Optimizer;
import dev.tacit.api.State;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop every element-wise optimizer shares. Each parameter has, in the state, one matrix per named buffer (Adam's
 * "m" and "v", for example); an update reads element i of the parameter, of its gradient and of each buffer, and
 * writes the new parameter element and buffer elements. Optimizers supply only that rule, so the bookkeeping of
 * shapes, builders and the state's tensors lives here once.
 */
final class Elementwise {

    private Elementwise() {
    }

    /** The update of one element. */
    @FunctionalInterface
    interface Rule {
        /**
         * @param theta the parameter's element
         * @param g     the gradient's element (weight decay not added)
         * @param in    the buffers' elements, in the order of their names
         * @param out   receives the buffers' new elements, in the same order
         * @return the parameter's new element
         */
        double apply(double theta, double g, double[] in, double[] out);
    }

    /**
     * @param input   the parameters and their gradients
     * @param state   the optimizer state holding the named buffers
     * @param step    the step count to store in the new state
     * @param buffers the names of the buffers the rule reads and writes, in the rule's order
     * @param rule    the update of one element
     * @return the new parameters, and the state with the new buffers and step count
     */
    static Optimizer.Step update(Optimizer.Input input, State state, long step, List<String> buffers, Rule rule) {
        int count = input.params().size();
        int width = buffers.size();
        List<List<Matrix>> current = new ArrayList<>(width);
        List<List<Matrix>> next = new ArrayList<>(width);
        for (String name : buffers) {
            current.add(state.tensors(name));
            next.add(new ArrayList<>(count));
        }
        List<Matrix> nextParams = new ArrayList<>(count);
        double[] in = new double[width];
        double[] out = new double[width];
        for (int k = 0; k < count; k++) {
            Matrix p = input.params().get(k);
            Matrix g = input.gradient(k);
            Matrix[] bufs = new Matrix[width];
            Matrix.Builder[] builders = new Matrix.Builder[width];
            for (int j = 0; j < width; j++) {
                bufs[j] = current.get(j).get(k);
                builders[j] = Matrix.builder(p.rows(), p.cols());
            }
            Matrix.Builder pb = Matrix.builder(p.rows(), p.cols());
            for (int i = 0; i < p.size(); i++) {
                for (int j = 0; j < width; j++) {
                    in[j] = bufs[j].at(i);
                }
                pb.set(i, rule.apply(p.at(i), g.at(i), in, out));
                for (int j = 0; j < width; j++) {
                    builders[j].set(i, out[j]);
                }
            }
            nextParams.add(pb.build());
            for (int j = 0; j < width; j++) {
                next.get(j).add(builders[j].build());
            }
        }
        State updated = state.withStep(step);
        for (int j = 0; j < width; j++) {
            updated = updated.withTensors(buffers.get(j), next.get(j));
        }
        return new Optimizer.Step(nextParams, updated);
    }
}
