package dev.tacit.optim.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Evaluation;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Metrics;
import dev.tacit.api.Optimizer;
import dev.tacit.api.State;
import dev.tacit.api.TrainingEvent;
import dev.tacit.optim.testkit.BuiltIns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Early stopping on the validation RMSE, driven by a scripted validation curve. */
class EarlyStoppingTest {

    /** L(x) = x², a 1×1 parameter: GD moves it every step, so each iteration has distinct parameters. */
    private static final TrainingObjective QUADRATIC = new TrainingObjective() {
        @Override
        public State start() {
            return State.EMPTY;
        }

        @Override
        public Outcome evaluate(List<Matrix> params, State state) {
            double x = params.get(0).at(0);
            return new Outcome(new Evaluation(x * x, 0, List.of(Matrix.of(1, 1, 2 * x))), state);
        }
    };

    /** Reports a validation RMSE that falls to its minimum at iteration {@code best}, then rises. */
    private record Scripted(long evalEvery, long best, Map<Double, Long> iterationOf) implements Evaluator {
        @Override
        public Metrics measure(List<Matrix> params, Evaluation evaluation) {
            long it = iterationOf.get(params.get(0).at(0));
            double validation = 1 + Math.abs(it - best) / 100.0;
            return new Metrics(evaluation.loss(), 0, 0.5, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of(),
                    validation);
        }
    }

    private static Trainer.Run run(Evaluator evaluator, long iterations, long evalEvery) {
        Optimizer gd = BuiltIns.optimizer("gd", Map.of("lr", "0.01"));
        List<Matrix> init = List.of(Matrix.of(1, 1, 1.0));
        return new Trainer.Run(QUADRATIC, gd, evaluator, Trainer.Run.freshStart(QUADRATIC, gd, init), iterations,
                evalEvery, evalEvery, new TreeMap<>());
    }

    /** The parameter after each iteration of GD with lr 0.01 on x²: x_t = 0.98^t. */
    private static Map<Double, Long> iterations(long upTo) {
        Map<Double, Long> m = new HashMap<>();
        double x = 1.0;
        for (long t = 0; t <= upTo; t++) {
            m.put(x, t);
            x = x - 0.01 * 2 * x;
        }
        return m;
    }

    @Test
    void stopsAfterThePatienceAndHandsOnTheBestEvaluation() {
        List<TrainingEvent> events = new ArrayList<>();
        Scripted evaluator = new Scripted(10, 40, iterations(200));
        Trainer.Result r = Trainer.train(run(evaluator, 200, 10), Optional.of(new Trainer.EarlyStopping(3)),
                events::add);
        assertEquals(40, r.selection().iteration(), "the evaluation with the lowest validation RMSE");
        assertEquals(70, r.end().iteration(), "three evaluations without improvement after it: 50, 60, 70");
        assertEquals("early stopping", r.selection().reason().label());
        assertEquals(1.0, r.metrics().validationRmse());
        assertEquals(40L, evaluator.iterationOf().get(r.selection().params().get(0).at(0)), "the best parameters");
        TrainingEvent.RunFinished finished = assertInstanceOf(TrainingEvent.RunFinished.class,
                events.get(events.size() - 1));
        assertEquals(70, finished.iteration());
        assertEquals("early stopping", finished.reason().label());
        assertEquals(7, events.stream().filter(e -> e instanceof TrainingEvent.Evaluated).count());
    }

    @Test
    void withoutEnoughPatienceLeftItRunsToTheEndAndStillSelects() {
        Scripted evaluator = new Scripted(10, 180, iterations(200));
        Trainer.Result r = Trainer.train(run(evaluator, 200, 10), Optional.of(new Trainer.EarlyStopping(
                Trainer.EarlyStopping.NEVER)), e -> { });
        assertEquals(200, r.end().iteration());
        assertEquals(180, r.selection().iteration());
        assertEquals("iterations", r.selection().reason().label());
    }

    @Test
    void withoutEarlyStoppingTheFinalParametersAreSelected() {
        Trainer.Result r = Trainer.train(run(new Scripted(10, 40, iterations(100)), 100, 10), e -> { });
        assertEquals(100, r.selection().iteration());
        assertEquals(r.end().params(), r.selection().params());
    }

    @Test
    void earlyStoppingNeedsValidationRatings() {
        Evaluator none = (params, evaluation) -> new Metrics(0, 0, 0, 0, Double.NaN, 0, 0, List.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Trainer.train(run(none, 50, 10),
                Optional.of(new Trainer.EarlyStopping(2)), ev -> { }));
        assertTrue(e.getMessage().contains("validation"), e.getMessage());
        assertEquals("patience", assertThrows(InvalidValueException.class, () -> new Trainer.EarlyStopping(0)).setting());
    }
}
