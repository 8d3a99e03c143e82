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

    /**
     * @param params  the parameters
     * @param buffers the names of the buffers, as {@link #update} will be given them
     * @return a state with a zero matrix of each parameter's shape per buffer, at step 0
     */
    static State zeroBuffers(List<Matrix> params, List<String> buffers) {
        List<Matrix> zeros = Tensors.zerosLike(params);
        State s = State.EMPTY;
        for (String name : buffers) {
            s = s.withTensors(name, zeros);
        }
        return s;
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
        return apply(input, state, step, buffers, (p, g, bufs) -> {
            Matrix.Builder[] builders = new Matrix.Builder[bufs.length];
            for (int j = 0; j < bufs.length; j++) {
                builders[j] = Matrix.builder(p.rows(), p.cols());
            }
            Matrix next = switch (bufs.length) {
                case 1 -> one(p, g, bufs[0], builders[0], rule);
                case 2 -> two(p, g, bufs[0], bufs[1], builders[0], builders[1], rule);
                default -> any(p, g, bufs, builders, rule);
            };
            Matrix[] out = new Matrix[1 + bufs.length];
            out[0] = next;
            for (int j = 0; j < bufs.length; j++) {
                out[1 + j] = builders[j].build();
            }
            return out;
        });
    }

    /**
     * The update of a whole parameter by a rule with two buffers, written by the optimizer as one loop over the
     * entries. C2 turns such a loop into vector instructions when it reads the matrices at the loop's index and
     * writes plain arrays; the per-element {@link Rule}, whose buffers pass through small arrays, keeps it scalar, and
     * so does writing through a {@link Matrix.Builder} made in the same compiled code (measured). Adam's update of
     * 10,000 parameters takes 29 µs this way against 57 µs through a rule, the copies of the three arrays into
     * immutable matrices included (about 3 µs each); the default run makes 30,000. AdamW, NAdam, RAdam and Adadelta
     * gain as much. Each optimizer writes its whole loop, the Adam family's two moment lines included: one shared
     * loop calling back per element for the parameter's update would see several callbacks at one call site, which
     * C2 then neither inlines nor vectorises.
     */
    @FunctionalInterface
    interface Pass {
        /**
         * @param p  the parameter
         * @param g  its gradient
         * @param a  the first buffer
         * @param b  the second buffer
         * @param np receives the new parameter's entries (row-major, p's size)
         * @param na receives the first buffer's new entries
         * @param nb receives the second buffer's new entries
         */
        void apply(Matrix p, Matrix g, Matrix a, Matrix b, double[] np, double[] na, double[] nb);
    }

    /**
     * @param input   the parameters and their gradients
     * @param state   the optimizer state holding the two named buffers
     * @param step    the step count to store in the new state
     * @param buffers the names of the two buffers, in the pass's order
     * @param pass    the update of one whole parameter
     * @return the new parameters, and the state with the new buffers and step count
     */
    static Optimizer.Step update(Optimizer.Input input, State state, long step, List<String> buffers, Pass pass) {
        if (buffers.size() != 2) {
            throw new IllegalArgumentException("a pass updates two buffers, got " + buffers);
        }
        return apply(input, state, step, buffers, (p, g, bufs) -> {
            double[] np = new double[p.size()];
            double[] na = new double[p.size()];
            double[] nb = new double[p.size()];
            pass.apply(p, g, bufs[0], bufs[1], np, na, nb);
            return new Matrix[] {Matrix.of(p.rows(), p.cols(), np), Matrix.of(p.rows(), p.cols(), na),
                Matrix.of(p.rows(), p.cols(), nb)};
        });
    }

    /** The update of one parameter: its new value, then its buffers' new values in the names' order. */
    @FunctionalInterface
    private interface Kernel {
        Matrix[] apply(Matrix p, Matrix g, Matrix[] bufs);
    }

    private static Optimizer.Step apply(Optimizer.Input input, State state, long step, List<String> buffers,
                                        Kernel kernel) {
        int count = input.params().size();
        int width = buffers.size();
        List<List<Matrix>> current = new ArrayList<>(width);
        List<List<Matrix>> next = new ArrayList<>(width);
        for (String name : buffers) {
            List<Matrix> buffer = state.tensors(name);
            // A state of another layout (a foreign or crafted checkpoint) must fail here: the loops below index the
            // flat storage and would silently read a larger buffer.
            boolean fits = buffer.size() == count;
            for (int k = 0; fits && k < count; k++) {
                fits = buffer.get(k).sameShape(input.params().get(k));
            }
            if (!fits) {
                throw new IllegalArgumentException("the state's '" + name + "' does not have the parameters' shapes");
            }
            current.add(buffer);
            next.add(new ArrayList<>(count));
        }
        List<Matrix> nextParams = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Matrix p = input.params().get(k);
            Matrix[] bufs = new Matrix[width];
            for (int j = 0; j < width; j++) {
                bufs[j] = current.get(j).get(k);
            }
            Matrix[] updated = kernel.apply(p, input.gradient(k), bufs);
            nextParams.add(updated[0]);
            for (int j = 0; j < width; j++) {
                next.get(j).add(updated[1 + j]);
            }
        }
        State updated = state.withStep(step);
        for (int j = 0; j < width; j++) {
            updated = updated.withTensors(buffers.get(j), next.get(j));
        }
        return new Optimizer.Step(nextParams, updated);
    }

    // One loop per common width, with each buffer and builder in a local the JIT can hoist: a single loop over an
    // array of buffers made Adam's update twice as slow (OptimizerBenchmark); these match hand-written loops.

    private static Matrix one(Matrix p, Matrix g, Matrix a, Matrix.Builder na, Rule rule) {
        double[] in = new double[1];
        double[] out = new double[1];
        Matrix.Builder pb = Matrix.builder(p.rows(), p.cols());
        for (int i = 0; i < p.size(); i++) {
            in[0] = a.at(i);
            pb.set(i, rule.apply(p.at(i), g.at(i), in, out));
            na.set(i, out[0]);
        }
        return pb.build();
    }

    private static Matrix two(Matrix p, Matrix g, Matrix a, Matrix b, Matrix.Builder na, Matrix.Builder nb,
                              Rule rule) {
        double[] in = new double[2];
        double[] out = new double[2];
        Matrix.Builder pb = Matrix.builder(p.rows(), p.cols());
        for (int i = 0; i < p.size(); i++) {
            in[0] = a.at(i);
            in[1] = b.at(i);
            pb.set(i, rule.apply(p.at(i), g.at(i), in, out));
            na.set(i, out[0]);
            nb.set(i, out[1]);
        }
        return pb.build();
    }

    private static Matrix any(Matrix p, Matrix g, Matrix[] bufs, Matrix.Builder[] builders, Rule rule) {
        int width = bufs.length;
        double[] in = new double[width];
        double[] out = new double[width];
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
        return pb.build();
    }
}
