package dev.tacit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Evaluation;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Metrics;
import dev.tacit.api.Observations;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ScalingTest {

    private static final Observations TRAIN = Observations.of(2, 3, new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 2},
            new double[] {1, 2, 4, 5});

    @ParameterizedTest
    @ValueSource(strings = {"none", "center", "zscore", "minmax"})
    void scalingIsUndoneExactly(String kind) {
        Scaling s = Scaling.fit(kind, TRAIN);
        Observations scaled = s.apply(TRAIN);
        for (int k = 0; k < TRAIN.size(); k++) {
            Tolerance.ROUNDING.assertClose(TRAIN.value(k), s.invert(scaled.value(k)), kind + " round trip");
        }
        double mean = 0;
        for (double v : scaled.values()) {
            mean += v / scaled.size();
        }
        switch (kind) {
            case "center", "zscore" -> Tolerance.ROUNDING.assertClose(0, mean, "centred");
            case "minmax" -> {
                assertEquals(0.0, scaled.value(0));
                assertEquals(1.0, scaled.value(3));
            }
            default -> assertEquals(TRAIN.value(2), scaled.value(2));
        }
        if (kind.equals("zscore")) {
            Tolerance.ROUNDING.assertClose(Math.sqrt(2.5), s.scale(), "population standard deviation");
        }
    }

    @Test
    void unknownScalingIsNamed() {
        assertEquals("scaling", assertThrows(InvalidValueException.class, () -> Scaling.fit("log", TRAIN)).setting());
    }

    @Test
    void predictionsAreUnscaledAndClippedBeforeScoring() {
        Scaling center = Scaling.fit("center", TRAIN); // mean 3
        Observations test = Observations.of(2, 3, new int[] {0, 1}, new int[] {2, 0}, new double[] {5, 1});
        CompletionProblem problem = new CompletionProblem("p", TRAIN, test, test, Optional.empty());
        CompletionModel constant = new CompletionModel() {
            @Override
            public int rows() {
                return 2;
            }

            @Override
            public int cols() {
                return 3;
            }

            @Override
            public List<Matrix> initialParameters(java.util.SplittableRandom rng) {
                return List.of();
            }

            @Override
            public Matrix predict(List<Matrix> params) {
                return Matrix.of(2, 3, 9, 9, 9, -9, -9, -9); // 12 and −6 once unscaled: clipped to 5 and 1
            }
        };
        RatingEvaluator evaluator = new RatingEvaluator(constant, problem, center, 1, 5, false);
        Metrics m = evaluator.measure(List.of(), new Evaluation(0, 0, List.of()));
        // Train: predictions 5, 5, 1, 1 against 1, 2, 4, 5 → errors 4, 3, −3, −4.
        Tolerance.ROUNDING.assertClose(Math.sqrt(12.5), m.trainRmse(), "train RMSE");
        assertEquals(0.0, m.validationRmse(), "validation: 5 vs 5 and 1 vs 1");
        assertEquals(Double.NaN, m.testRmse(), "the test ratings are not scored unless asked");
        assertEquals(0.0, evaluator.withTest().measure(List.of(), new Evaluation(0, 0, List.of())).testRmse());
    }
}
