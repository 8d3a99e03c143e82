package dev.tacit.benchmarks;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.State;
import dev.tacit.data.Seeds;
import dev.tacit.data.Synthetic;
import dev.tacit.optim.Catalog;
import dev.tacit.optim.LinearNetwork;
import dev.tacit.optim.LinearNetworkObjective;
import dev.tacit.optim.TrainingObjective;
import java.util.List;
import java.util.Map;

/**
 * Representative training states for the benchmarks. A step's cost depends on the spectrum of W (the tiny singular
 * values a trained matrix is full of make the SVD work harder than at initialisation), so each fixture first trains
 * for a number of steps with the default settings (Adam lr 1e-3, ratio penalty λ 1e-3).
 */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * A training run frozen at some step.
     *
     * @param objective      the loss
     * @param optimizer      Adam with the default settings
     * @param params         the parameters after the warm-up
     * @param state          the optimizer state after the warm-up
     * @param objectiveState the objective's (penalty's) state after the warm-up, as the trainer carries it: the
     *                       spectral penalty's warm-start basis from the previous step
     */
    record Training(TrainingObjective objective, Optimizer optimizer, List<Matrix> params, State state,
                    State objectiveState) {

        /** @return one full training step from the frozen state: loss and gradients, then the optimizer update */
        Optimizer.Step step() {
            return advance().step();
        }

        /** @return the step and the objective state it leaves, for advancing a run */
        Advanced advance() {
            TrainingObjective.Outcome out = objective.evaluate(params, objectiveState);
            Optimizer.Step step = optimizer.step(new Optimizer.Input(params, out.evaluation(),
                    objective.asObjective(out.state()), optimizer.learningRate()), state);
            return new Advanced(step, out.state());
        }
    }

    /**
     * @param step           the optimizer step
     * @param objectiveState the objective's state after the evaluation
     */
    record Advanced(Optimizer.Step step, State objectiveState) {
    }

    /**
     * @param rows     m
     * @param cols     n
     * @param depth    network depth
     * @param lambda   penalty weight (0: no penalty)
     * @param observed observed entries of a rank-5 synthetic matrix
     * @param warmUp   training steps taken before freezing
     * @return the frozen run
     */
    static Training training(int rows, int cols, int depth, double lambda, int observed, int warmUp) {
        CompletionProblem problem = new Synthetic(rows, cols, 5, observed, 0).problem();
        LinearNetwork network = new LinearNetwork(rows, cols, depth, 1e-3);
        Catalog catalog = Catalog.builtIn();
        Optimizer adam = catalog.optimizer("adam").orElseThrow().create(Map.of()).get();
        Penalty ratio = catalog.penalty("ratio").orElseThrow().create(Map.of()).get();
        LinearNetworkObjective objective = new LinearNetworkObjective(network, problem.train(), ratio, lambda);
        List<Matrix> params = network.initialParameters(Seeds.stream(0, Seeds.Purpose.INIT));
        State state = adam.start(params);
        Training t = new Training(objective, adam, params, state, objective.start());
        for (int i = 0; i < warmUp; i++) {
            Advanced a = t.advance();
            t = new Training(objective, adam, a.step().params(), a.step().state(), a.objectiveState());
        }
        return t;
    }

    /**
     * The frozen training run behind each benchmark shape:
     * <ul>
     *   <li>{@code 100x100}: the default problem's depth-1 network after 3,000 steps (a graded spectrum, no gap);</li>
     *   <li>{@code 100x100-late}: the same after 20,000 steps (five large singular values, a gap of 1e-8 in σ² to
     *   the ninety-five tiny ones: the state most of a 30,000-step run is in);</li>
     *   <li>{@code 943x1682}: a MovieLens-sized problem (100,000 observed entries, as many as MovieLens-100K) after
     *   5 steps;</li>
     *   <li>{@code 943x128} and {@code 1682x128}: the user and item tables of the embedding model at its
     *   initialisation, entries N(0, (1/128)²) as the study specifies, whose ratio penalties it evaluates every step.</li>
     * </ul>
     *
     * @param shape one of the names above
     * @return the frozen run (for the embedding tables, a stand-in run whose parameter is the table)
     */
    static Training trainedRun(String shape) {
        return switch (shape) {
            case "100x100" -> training(100, 100, 1, 1e-3, 2000, 3000);
            case "100x100-late" -> training(100, 100, 1, 1e-3, 2000, 20_000);
            case "943x1682" -> training(943, 1682, 1, 1e-3, 100_000, 5);
            case "943x128", "1682x128" -> {
                int rows = Integer.parseInt(shape.substring(0, shape.indexOf('x')));
                java.util.SplittableRandom rng = Seeds.stream(0, Seeds.Purpose.INIT);
                Matrix table = Matrix.generate(rows, 128, (i, j) -> rng.nextGaussian() / 128);
                yield new Training(null, null, List.of(table), State.EMPTY, State.EMPTY);
            }
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
    }

    /**
     * @param shape a name accepted by {@link #trainedRun}
     * @return its (first) parameter: the trained matrix
     */
    static Matrix trainedMatrix(String shape) {
        return trainedRun(shape).params().get(0);
    }

    /**
     * @param run a frozen run
     * @return the spectral penalty's warm-start basis its next step would use (k×0 when there is none)
     */
    static Matrix warmBasis(Training run) {
        State s = run.objectiveState();
        return s != null && s.hasTensors("basis") ? s.tensors("basis").get(0) : Matrix.zeros(0, 0);
    }
}
