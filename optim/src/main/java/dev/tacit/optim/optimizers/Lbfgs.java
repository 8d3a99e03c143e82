package dev.tacit.optim.optimizers;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Vectors;
import dev.tacit.api.Evaluation;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Objective;
import dev.tacit.api.Optimizer;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.ArrayList;
import java.util.List;

/**
 * Limited-memory BFGS (Liu and Nocedal, Math. Programming 45, 1989; two-loop recursion and strong Wolfe line search:
 * Nocedal and Wright, Numerical Optimization, 2nd ed., algorithms 7.4, 3.5 and 3.6) exactly as PyTorch's
 * {@code torch.optim.LBFGS}, full batch: all parameters form one vector x with gradient g.
 *
 * <p>One step, like one call of PyTorch's {@code step(closure)}, runs up to max_iter iterations and max_eval
 * evaluations of the objective, starting from the evaluation it is given (counted as the first). Iteration k (counted
 * over the whole run):
 * <pre>
 *   k = 1:  d = −g, H = 1, history cleared
 *   k &gt; 1:  y = g − g_prev, s = t·d;  if y·s &gt; 1e-10: push (s, y, 1/(y·s)), dropping the oldest beyond
 *           history_size, and H = y·s / y·y;  d = −H̃·g by the two-loop recursion with initial scaling H
 *   t = lr·min(1, 1/‖g‖₁) at k = 1, else lr;  stop if g·d &gt; −tolerance_change
 *   strong Wolfe (c1 1e-4, c2 0.9, at most 25 evaluations, cubic interpolation, bracketing then zoom):
 *           x ← x + t·d at the accepted t, with its loss and gradient
 *   fixed step (line_search 0):  x ← x + t·d, and the objective is evaluated there unless this is the last iteration
 *   stop if max|g| ≤ tolerance_grad, max|t·d| ≤ tolerance_change, |loss − previous loss| &lt; tolerance_change,
 *           or max_iter iterations or max_eval evaluations are used up
 * </pre>
 * A step also returns at once, unchanged, when the given gradient already satisfies max|g| ≤ tolerance_grad.
 *
 * <p>Defaults: PyTorch's, lr 1, max_iter 20, max_eval 0 meaning max_iter·5/4 (25), tolerance_grad 1e-7,
 * tolerance_change 1e-9, history_size 100; except the line search, which is on (line_search 1, PyTorch's
 * {@code line_search_fn='strong_wolfe'}) because the study's L-BFGS is run with a line search; line_search 0 is
 * PyTorch's default fixed step. A trial point with a non-finite entry, loss or gradient counts as an infinite loss
 * (the objective is not evaluated on non-finite parameters), and a cubic interpolation that is not finite falls back
 * to bisection; PyTorch would carry the NaN on.
 *
 * <p>State (the vectors as 1×N matrices, N the total number of parameter entries): "s", "y" (the history, oldest
 * first), "rho" (one 1×h matrix of the 1/(y·s)), "d" and "g_prev" once the first iteration has run; the scalars
 * "t", "h", "loss_prev", "iterations" (over the run) and "evaluations" (over the run).
 *
 * @param learningRate    the base learning rate, the trial step of the line search
 * @param maxIterations   iterations per step
 * @param maxEvaluations  objective evaluations per step, including the given one
 * @param toleranceGrad   stop when max|g| is at most this
 * @param toleranceChange stop when a step, a loss change or a directional derivative is this small
 * @param historySize     the number of (s, y) pairs kept
 * @param strongWolfe     whether to search the line (strong Wolfe) or take the fixed step lr
 */
public record Lbfgs(double learningRate, int maxIterations, int maxEvaluations, double toleranceGrad,
                    double toleranceChange, int historySize, boolean strongWolfe) implements Optimizer {

    /** Sufficient decrease constant of the line search (PyTorch's c1). */
    static final double C1 = 1e-4;
    /** Curvature constant of the line search (PyTorch's c2). */
    static final double C2 = 0.9;
    /** Evaluations one line search may use (PyTorch's max_ls). */
    static final int MAX_LINE_SEARCH = 25;
    /** Smallest bracket, scaled by max|d|, the zoom works on (PyTorch's fixed tolerance_change of the search). */
    static final double LINE_SEARCH_TOLERANCE = 1e-9;
    /** Smallest curvature y·s of a pair kept in the history. */
    static final double MIN_CURVATURE = 1e-10;

    /** Validates the settings. */
    public Lbfgs {
        Checks.declared(Provider.PARAMETERS, "lr", learningRate);
        Checks.declared(Provider.PARAMETERS, "max_iter", maxIterations);
        Checks.declared(Provider.PARAMETERS, "max_eval", maxEvaluations);
        Checks.declared(Provider.PARAMETERS, "tolerance_grad", toleranceGrad);
        Checks.declared(Provider.PARAMETERS, "tolerance_change", toleranceChange);
        Checks.declared(Provider.PARAMETERS, "history_size", historySize);
    }

    @Override
    public State start(List<Matrix> params) {
        return State.EMPTY.withCount("iterations", 0).withCount("evaluations", 0);
    }

    @Override
    public Step step(Input input, State state) {
        Memory memory = Memory.of(state);
        List<Matrix> shapes = input.params();
        double[] g = flatten(input.evaluation().gradients());
        double loss = input.evaluation().loss();
        int evaluations = 1;
        memory.evaluations++;
        if (Vectors.normInf(g) <= toleranceGrad) {
            return new Step(input.params(), memory.save(state.withStep(state.step() + 1)));
        }
        double[] x = flatten(shapes);
        double lr = input.learningRate();
        Line line = new Line(input.objective(), shapes);
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            memory.iterations++;
            if (memory.iterations == 1) {
                memory.d = negated(g);
                memory.clearHistory();
                memory.h = 1;
            } else {
                double[] y = difference(g, memory.gPrev);
                double[] s = scaled(memory.d, memory.t);
                double ys = Vectors.dot(y, s);
                if (ys > MIN_CURVATURE) {
                    memory.push(s, y, 1 / ys, historySize);
                    memory.h = ys / Vectors.dot(y, y);
                }
                memory.d = memory.direction(g);
            }
            memory.gPrev = g.clone();
            memory.lossPrev = loss;
            memory.t = memory.iterations == 1 ? Math.min(1, 1 / sumAbs(g)) * lr : lr;
            double gtd = Vectors.dot(g, memory.d);
            if (gtd > -toleranceChange) {
                break;
            }
            int used;
            boolean optimal = false;
            if (strongWolfe) {
                Line.Point accepted = line.search(x, memory.t, memory.d, loss, g, gtd);
                memory.t = accepted.t();
                loss = accepted.loss();
                g = accepted.gradient();
                x = along(x, memory.t, memory.d);
                used = accepted.evaluations();
                optimal = Vectors.normInf(g) <= toleranceGrad;
            } else {
                x = along(x, memory.t, memory.d);
                used = 0;
                if (iteration != maxIterations) {
                    Line.Point p = line.evaluate(x);
                    loss = p.loss();
                    g = p.gradient();
                    optimal = Vectors.normInf(g) <= toleranceGrad;
                    used = 1;
                }
            }
            evaluations += used;
            memory.evaluations += used;
            if (iteration == maxIterations || evaluations >= maxEvaluations || optimal) {
                break;
            }
            if (Vectors.normInf(memory.d) * Math.abs(memory.t) <= toleranceChange) {
                break;
            }
            if (Math.abs(loss - memory.lossPrev) < toleranceChange) {
                break;
            }
        }
        return new Step(unflatten(x, shapes), memory.save(state.withStep(state.step() + 1)));
    }

    /** The mutable working copy of the state during one step. */
    private static final class Memory {
        List<Matrix> s = new ArrayList<>();
        List<Matrix> y = new ArrayList<>();
        List<Double> rho = new ArrayList<>();
        double[] d;
        double[] gPrev;
        double t;
        double h = 1;
        double lossPrev;
        long iterations;
        long evaluations;

        static Memory of(State state) {
            Memory m = new Memory();
            m.iterations = state.count("iterations");
            m.evaluations = state.count("evaluations");
            if (state.has("d")) {
                m.s = new ArrayList<>(state.tensors("s"));
                m.y = new ArrayList<>(state.tensors("y"));
                Matrix r = state.tensors("rho").get(0);
                for (int i = 0; i < r.size(); i++) {
                    m.rho.add(r.at(i));
                }
                m.d = state.tensors("d").get(0).toArray();
                m.gPrev = state.tensors("g_prev").get(0).toArray();
                m.t = state.scalar("t");
                m.h = state.scalar("h");
                m.lossPrev = state.scalar("loss_prev");
            }
            return m;
        }

        State save(State state) {
            State out = state.withCount("iterations", iterations).withCount("evaluations", evaluations);
            if (d == null) {
                return out;
            }
            double[] r = new double[rho.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = rho.get(i);
            }
            return out.withTensors("s", s).withTensors("y", y).withTensors("rho", List.of(Matrix.of(1, r.length, r)))
                    .withTensors("d", List.of(row(d))).withTensors("g_prev", List.of(row(gPrev)))
                    .withScalar("t", t).withScalar("h", h).withScalar("loss_prev", lossPrev);
        }

        void clearHistory() {
            s.clear();
            y.clear();
            rho.clear();
        }

        void push(double[] sNew, double[] yNew, double rhoNew, int capacity) {
            if (s.size() == capacity) {
                s.remove(0);
                y.remove(0);
                rho.remove(0);
            }
            s.add(row(sNew));
            y.add(row(yNew));
            rho.add(rhoNew);
        }

        /** The two-loop recursion: −H̃·g with the history, newest pair applied first, initial scaling h. */
        double[] direction(double[] g) {
            int k = s.size();
            double[] q = negated(g);
            double[] alpha = new double[k];
            for (int i = k - 1; i >= 0; i--) {
                alpha[i] = s.get(i).dot(q) * rho.get(i);
                y.get(i).addScaledTo(-alpha[i], q);
            }
            double[] r = scaled(q, h);
            for (int i = 0; i < k; i++) {
                double beta = y.get(i).dot(r) * rho.get(i);
                s.get(i).addScaledTo(alpha[i] - beta, r);
            }
            return r;
        }
    }

    /**
     * The objective restricted to the line x + t·d, and the strong Wolfe search along it (Nocedal and Wright,
     * algorithms 3.5 and 3.6, with PyTorch's choices: cubic interpolation, extrapolation to at most 10·t, and a
     * safeguard that keeps trial points 10% of the bracket away from its ends after insufficient progress).
     */
    private record Line(Objective objective, List<Matrix> shapes) {

        /**
         * @param t           the step
         * @param loss        the loss at x + t·d (+∞ where it is not finite)
         * @param gradient    the gradient there
         * @param evaluations evaluations a search used
         */
        record Point(double t, double loss, double[] gradient, int evaluations) {
        }

        Point evaluate(double[] x) {
            if (!finite(x)) {
                return new Point(0, Double.POSITIVE_INFINITY, new double[x.length], 1);
            }
            Evaluation e = objective.evaluate(unflatten(x, shapes));
            double[] g = flatten(e.gradients());
            if (!Double.isFinite(e.loss()) || !finite(g)) {
                return new Point(0, Double.POSITIVE_INFINITY, new double[x.length], 1);
            }
            return new Point(0, e.loss(), g, 1);
        }

        Point search(double[] x, double t0, double[] d, double f, double[] g, double gtd) {
            double dNorm = Vectors.normInf(d);
            double t = t0;
            Point at = evaluate(along(x, t, d));
            double fNew = at.loss();
            double[] gNew = at.gradient();
            int evaluations = 1;
            double gtdNew = Vectors.dot(gNew, d);

            double tPrev = 0;
            double fPrev = f;
            double[] gPrev = g;
            double gtdPrev = gtd;
            boolean done = false;
            int iterations = 0;
            // The bracket, as two ends; a single accepted point is kept in end 0 with single = true.
            double[] bt = new double[2];
            double[] bf = new double[2];
            double[][] bg = new double[2][];
            double[] bgtd = new double[2];
            boolean single = false;
            boolean bracketed = false;
            while (iterations < MAX_LINE_SEARCH) {
                if (fNew > f + C1 * t * gtd || (iterations > 1 && fNew >= fPrev)) {
                    bt = new double[] {tPrev, t};
                    bf = new double[] {fPrev, fNew};
                    bg = new double[][] {gPrev, gNew};
                    bgtd = new double[] {gtdPrev, gtdNew};
                    bracketed = true;
                    break;
                }
                if (Math.abs(gtdNew) <= -C2 * gtd) {
                    bt[0] = t;
                    bf[0] = fNew;
                    bg[0] = gNew;
                    single = true;
                    done = true;
                    bracketed = true;
                    break;
                }
                if (gtdNew >= 0) {
                    bt = new double[] {tPrev, t};
                    bf = new double[] {fPrev, fNew};
                    bg = new double[][] {gPrev, gNew};
                    bgtd = new double[] {gtdPrev, gtdNew};
                    bracketed = true;
                    break;
                }
                // Extrapolate: a cubic minimiser within [t + 0.01·(t − tPrev), 10·t].
                double minStep = t + 0.01 * (t - tPrev);
                double maxStep = t * 10;
                double next = cubicMinimum(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
                tPrev = t;
                fPrev = fNew;
                gPrev = gNew;
                gtdPrev = gtdNew;
                t = next;
                at = evaluate(along(x, t, d));
                fNew = at.loss();
                gNew = at.gradient();
                evaluations++;
                gtdNew = Vectors.dot(gNew, d);
                iterations++;
            }
            if (!bracketed) {
                // Out of evaluations while still extrapolating: choose between the start and the last point.
                bt = new double[] {0, t};
                bf = new double[] {f, fNew};
                bg = new double[][] {g, gNew};
            }

            boolean insufficientProgress = false;
            int low = single || bf[0] <= bf[1] ? 0 : 1;
            int high = 1 - low;
            while (!done && iterations < MAX_LINE_SEARCH) {
                if (Math.abs(bt[1] - bt[0]) * dNorm < LINE_SEARCH_TOLERANCE) {
                    break;
                }
                double lo = Math.min(bt[0], bt[1]);
                double hi = Math.max(bt[0], bt[1]);
                t = cubicMinimum(bt[0], bf[0], bgtd[0], bt[1], bf[1], bgtd[1], lo, hi);
                double margin = 0.1 * (hi - lo);
                if (Math.min(hi - t, t - lo) < margin) {
                    if (insufficientProgress || t >= hi || t <= lo) {
                        t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - margin : lo + margin;
                        insufficientProgress = false;
                    } else {
                        insufficientProgress = true;
                    }
                } else {
                    insufficientProgress = false;
                }
                at = evaluate(along(x, t, d));
                fNew = at.loss();
                gNew = at.gradient();
                evaluations++;
                gtdNew = Vectors.dot(gNew, d);
                iterations++;
                if (fNew > f + C1 * t * gtd || fNew >= bf[low]) {
                    bt[high] = t;
                    bf[high] = fNew;
                    bg[high] = gNew;
                    bgtd[high] = gtdNew;
                } else {
                    if (Math.abs(gtdNew) <= -C2 * gtd) {
                        done = true;
                    } else if (gtdNew * (bt[high] - bt[low]) >= 0) {
                        bt[high] = bt[low];
                        bf[high] = bf[low];
                        bg[high] = bg[low];
                        bgtd[high] = bgtd[low];
                    }
                    bt[low] = t;
                    bf[low] = fNew;
                    bg[low] = gNew;
                    bgtd[low] = gtdNew;
                }
                low = bf[0] <= bf[1] ? 0 : 1;
                high = 1 - low;
            }
            return new Point(bt[low], bf[low], bg[low], evaluations);
        }
    }

    /**
     * The minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped to [lower, upper]; the
     * middle of the bounds when the cubic has no minimum or the interpolation is not finite.
     */
    static double cubicMinimum(double x1, double f1, double g1, double x2, double f2, double g2, double lower,
                               double upper) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double position = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            if (Double.isFinite(position)) {
                return Math.min(Math.max(position, lower), upper);
            }
        }
        return (lower + upper) / 2;
    }

    static double[] flatten(List<Matrix> matrices) {
        int n = 0;
        for (Matrix m : matrices) {
            n += m.size();
        }
        double[] out = new double[n];
        int offset = 0;
        for (Matrix m : matrices) {
            for (int i = 0; i < m.size(); i++) {
                out[offset + i] = m.at(i);
            }
            offset += m.size();
        }
        return out;
    }

    static List<Matrix> unflatten(double[] x, List<Matrix> shapes) {
        List<Matrix> out = new ArrayList<>(shapes.size());
        int offset = 0;
        for (Matrix shape : shapes) {
            Matrix.Builder b = Matrix.builder(shape.rows(), shape.cols());
            for (int i = 0; i < shape.size(); i++) {
                b.set(i, x[offset + i]);
            }
            out.add(b.build());
            offset += shape.size();
        }
        return out;
    }

    private static Matrix row(double[] v) {
        return Matrix.of(1, v.length, v);
    }

    private static double[] along(double[] x, double t, double[] d) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + t * d[i];
        }
        return out;
    }

    private static double[] negated(double[] v) {
        return scaled(v, -1);
    }

    private static double[] scaled(double[] v, double a) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = a * v[i];
        }
        return out;
    }

    private static double[] difference(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static double sumAbs(double[] v) {
        double s = 0;
        for (double e : v) {
            s += Math.abs(e);
        }
        return s;
    }

    private static boolean finite(double[] v) {
        for (double e : v) {
            if (!Double.isFinite(e)) {
                return false;
            }
        }
        return true;
    }

    /** Registers {@code lbfgs}. */
    public static final class Provider implements OptimizerProvider {

        /** The settings, their defaults and the values they accept: the one statement of what is valid. */
        static final List<Hyperparameter> PARAMETERS = List.of(
                Hyperparameter.real("lr", 1, 0, Double.MAX_VALUE, "trial step of the line search"),
                Hyperparameter.integer("max_iter", 20, 1, Integer.MAX_VALUE, "iterations per step"),
                Hyperparameter.integer("max_eval", 0, 0, Integer.MAX_VALUE,
                        "objective evaluations per step (0: max_iter·5/4)"),
                Hyperparameter.real("tolerance_grad", 1e-7, 0, Double.MAX_VALUE, "stop when max|g| ≤ this"),
                Hyperparameter.real("tolerance_change", 1e-9, 0, Double.MAX_VALUE,
                        "stop when the step or the loss changes less than this"),
                Hyperparameter.integer("history_size", 100, 1, 100_000, "curvature pairs (s, y) kept"),
                Hyperparameter.flag("line_search", true, "strong Wolfe line search (false: fixed step lr)"));
        @Override
        public String name() {
            return "lbfgs";
        }

        @Override
        public String description() {
            return "L-BFGS (Liu & Nocedal 1989), full batch with a strong Wolfe line search (PyTorch LBFGS)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return PARAMETERS;
        }

        @Override
        public Optimizer create(Settings settings) {
            // The counts are ints: check them before the narrowing cast, which would saturate a value too large.
            for (String count : List.of("max_iter", "max_eval", "history_size")) {
                Checks.declared(PARAMETERS, count, settings.get(count));
            }
            int maxIterations = (int) settings.get("max_iter");
            int maxEvaluations = (int) settings.get("max_eval");
            return new Lbfgs(settings.get("lr"), maxIterations,
                    maxEvaluations == 0 ? Math.max(1, maxIterations * 5 / 4) : maxEvaluations,
                    settings.get("tolerance_grad"), settings.get("tolerance_change"),
                    (int) settings.get("history_size"), settings.flag("line_search"));
        }
    }
}
