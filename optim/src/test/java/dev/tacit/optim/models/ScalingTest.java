package dev.tacit.optim.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Evaluation;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Metrics;
import dev.tacit.api.Named;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScalingTest {

    private static final Entries TRAIN = Entries.of(2, 3, new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 2},
            new double[] {1, 2, 4, 5});

    @ParameterizedTest
    @ValueSource(strings = {"none", "center", "zscore", "minmax", "biases"})
    void scalingIsUndoneExactly(String kind) {
        Scaling s = Scaling.fit(Named.parse(Scaling.Kind.class, "scaling", kind), TRAIN);
        Entries scaled = s.apply(TRAIN);
        for (int k = 0; k < TRAIN.size(); k++) {
            Tolerance.ROUNDING.assertClose(TRAIN.value(k), s.invert(TRAIN.row(k), TRAIN.col(k), scaled.value(k)),
                    kind + " round trip");
        }
        double mean = 0;
        for (double v : scaled.values()) {
            mean += v / scaled.size();
        }
        switch (kind) {
            case "center", "zscore" -> Tolerance.ROUNDING.assertClose(0, mean, "centred");
            case "biases" -> assertTrue(Math.abs(mean) < 1, "residuals around the baseline: " + mean);
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

    /** Users 0..3 × items 0..4, with user and item effects, some entries missing, one user without ratings. */
    private static Entries withEffects() {
        double[] user = {0.8, -0.5, 0.1, 0};
        double[] item = {0.6, -0.9, 0.3, 0, 0.2};
        Matrix ratings = Matrix.generate(4, 5, (u, i) -> 3.5 + user[u] + item[i] + 0.1 * (((u + i) % 3) - 1));
        return ObservedEntries.of(ratings, (u, i) -> u < 3 && (u + 2 * i) % 4 != 1);
    }

    @Test
    void theBiasesSolveTheirRegularisedLeastSquaresProblem() {
        Entries train = withEffects();
        Scaling s = Scaling.fit(Scaling.Kind.BIASES, train);
        double mu = 0;
        for (double x : train.values()) {
            mu += x / train.size();
        }
        assertEquals(mu, s.shift(), 1e-12);
        double[] bu = s.biases().rows();
        double[] bi = s.biases().cols();
        // Stationarity of Σ(r − μ − b_u − b_i)² + k(Σb_u² + Σb_i²): each bias is its ratings' mean residual, shrunk.
        double[] uSum = new double[4];
        double[] uCount = new double[4];
        double[] iSum = new double[5];
        double[] iCount = new double[5];
        for (int k = 0; k < train.size(); k++) {
            double residual = train.value(k) - mu - bu[train.row(k)] - bi[train.col(k)];
            uSum[train.row(k)] += residual;
            uCount[train.row(k)]++;
            iSum[train.col(k)] += residual;
            iCount[train.col(k)]++;
        }
        for (int u = 0; u < 4; u++) {
            assertEquals(0, uSum[u] - Scaling.BIAS_SHRINKAGE * bu[u], 1e-12, "user " + u);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(0, iSum[i] - Scaling.BIAS_SHRINKAGE * bi[i], 1e-12, "item " + i);
        }
        assertEquals(0.0, bu[3], "a user without ratings has no bias");
        // The baseline explains part of the ratings: the scaled ratings are smaller than the centred ones.
        assertTrue(s.apply(train).meanSquaredError(Matrix.zeros(4, 5))
                < Scaling.fit(Scaling.Kind.CENTER, train).apply(train).meanSquaredError(Matrix.zeros(4, 5)));
    }

    @Test
    void unknownScalingIsNamed() {
        assertEquals("scaling", assertThrows(InvalidValueException.class,
                () -> Named.parse(Scaling.Kind.class, "scaling", "log")).setting());
    }

    @Test
    void predictionsAreUnscaledAndClippedBeforeScoring() {
        Scaling center = Scaling.fit(Scaling.Kind.CENTER, TRAIN); // mean 3
        Entries test = Entries.of(2, 3, new int[] {0, 1}, new int[] {2, 0}, new double[] {5, 1});
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
