package dev.tacit.optim.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.FiniteDifference;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.State;
import dev.tacit.optim.testkit.BuiltIns;
import dev.tacit.optim.training.Progress;
import dev.tacit.optim.training.Trainer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EmbeddingObjectiveTest {

    /** Ratings of about half the entries of a users×items matrix, values 1..5. */
    static Entries ratings(int users, int items, SplittableRandom rng) {
        List<int[]> picked = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (rng.nextDouble() < 0.5) {
                    picked.add(new int[] {u, i});
                }
            }
        }
        int n = picked.size();
        int[] r = new int[n];
        int[] c = new int[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            r[k] = picked.get(k)[0];
            c[k] = picked.get(k)[1];
            v[k] = 1 + rng.nextInt(5);
        }
        return Entries.of(users, items, r, c, v);
    }

    static Stream<Arguments> cases() {
        // users, items, d, batch, lambda_user, lambda_item, penalty, seed
        return Stream.of(Arguments.of(5, 7, 3, 4, 0.3, 0.2, "ratio", 0L),
                Arguments.of(6, 4, 2, 1000, 0.0, 0.5, "ratio", 1L),
                Arguments.of(4, 6, 5, 3, 0.7, 0.0, "nuclear", 2L),
                Arguments.of(7, 5, 4, 5, 0.0, 0.0, "none", 3L));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(int users, int items, int d, int batch, double lambdaUser, double lambdaItem,
                                         String penalty, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        // A larger init than the reference's 1/d, so every term of the gradient is well above rounding.
        EmbeddingModel model = new EmbeddingModel(users, items, d, 0.7);
        List<Matrix> params = new ArrayList<>(model.initialParameters(rng));
        params.set(2, RandomMatrices.gaussian(users, 1, rng));
        params.set(3, RandomMatrices.gaussian(items, 1, rng));
        EmbeddingObjective objective = new EmbeddingObjective(model, ratings(users, items, rng), batch,
                BuiltIns.penalty(penalty), lambdaUser, lambdaItem, seed);
        // Take a few batches first, so the batch checked is not the first of the epoch.
        State state = objective.start();
        for (int k = 0; k < 3; k++) {
            state = objective.evaluate(params, state).state();
        }
        var batchLoss = objective.asObjective(state);
        List<Matrix> analytic = batchLoss.evaluate(params).gradients();
        for (int k = 0; k < 4; k++) {
            int index = k;
            Matrix numeric = FiniteDifference.gradient(x -> {
                List<Matrix> changed = new ArrayList<>(params);
                changed.set(index, x);
                return batchLoss.evaluate(changed).loss();
            }, params.get(k), 1e-6);
            Tolerance.FINITE_DIFFERENCE.assertClose(numeric, analytic.get(k), "gradient of parameter " + k);
        }
    }

    @Test
    void everyEpochVisitsEveryRatingOnceInANewOrder() {
        SplittableRandom rng = new SplittableRandom(4);
        EmbeddingModel model = EmbeddingModel.reference(6, 8, 4);
        Entries train = ratings(6, 8, rng);
        int n = train.size();
        EmbeddingObjective objective = new EmbeddingObjective(model, train, 5, BuiltIns.penalty("none"),
                0, 0, 9);
        assertEquals((n + 4) / 5, objective.batchesPerEpoch());
        List<Matrix> params = model.initialParameters(rng);
        State state = objective.start();
        List<List<Integer>> orders = new ArrayList<>();
        for (int epoch = 1; epoch <= 3; epoch++) {
            Set<Integer> seen = new HashSet<>();
            for (long b = 0; b < objective.batchesPerEpoch(); b++) {
                state = objective.evaluate(params, state).state();
                assertEquals(epoch, EmbeddingObjective.epoch(state));
                State.Indices order = state.indices("order");
                int from = (int) state.count("cursor");
                for (int k = from; k < Math.min(from + 5, n); k++) {
                    assertTrue(seen.add(order.get(k)), "rating visited twice in epoch " + epoch);
                }
            }
            assertEquals(n, seen.size(), "epoch " + epoch + " visits every rating");
            int[] o = state.indices("order").values();
            List<Integer> asList = new ArrayList<>();
            for (int x : o) {
                asList.add(x);
            }
            orders.add(asList);
        }
        assertTrue(!orders.get(0).equals(orders.get(1)) && !orders.get(1).equals(orders.get(2)),
                "each epoch draws its own order");
    }

    private static Trainer.Run run(EmbeddingObjective objective, Optimizer opt, Progress start, long iterations,
                                   CompletionProblem problem) {
        RatingEvaluator evaluator = new RatingEvaluator(objective.model(), problem, Scaling.NONE, 1, 5, true);
        return new Trainer.Run(objective, opt, evaluator, start, iterations, objective.batchesPerEpoch(), 1,
                new TreeMap<>());
    }

    @Test
    void aResumedRunContinuesBitForBit() {
        SplittableRandom rng = new SplittableRandom(5);
        EmbeddingModel model = EmbeddingModel.reference(8, 9, 3);
        Entries train = ratings(8, 9, rng);
        CompletionProblem problem = new CompletionProblem("test", train, train, train, Optional.empty());
        EmbeddingObjective objective = new EmbeddingObjective(model, train, 7, BuiltIns.penalty("ratio"),
                1e-2, 1e-2, 11);
        Optimizer adam = BuiltIns.optimizer("adam", Map.of("lr", "0.01"));
        List<Matrix> init = model.initialParameters(rng);
        long total = objective.batchesPerEpoch() * 5 / 2; // two and a half epochs
        Trainer.Result straight = Trainer.train(run(objective, adam, Trainer.Run.freshStart(objective, adam, init),
                total, problem), e -> { });
        Trainer.Result first = Trainer.train(run(objective, adam, Trainer.Run.freshStart(objective, adam, init),
                total / 2, problem), e -> { });
        Trainer.Result resumed = Trainer.train(run(objective, adam, first.end(), total, problem), e -> { });
        assertEquals(straight.end().params(), resumed.end().params(), "same parameters, exactly");
        assertEquals(straight.end().objectiveState(), resumed.end().objectiveState());
        assertTrue(straight.metrics().trainRmse() < problem.train().rmse(Matrix.zeros(8, 9)));
    }

    @Test
    void zeroWeightsSkipThePenaltyAndBadSettingsAreNamed() {
        SplittableRandom rng = new SplittableRandom(6);
        EmbeddingModel model = EmbeddingModel.reference(3, 3, 2);
        Entries train = ratings(3, 3, rng);
        Penalty exploding = new Penalty() {
            @Override
            public Value evaluate(Matrix w, State state) {
                throw new AssertionError("a penalty with weight 0 is not evaluated");
            }
        };
        EmbeddingObjective objective = new EmbeddingObjective(model, train, 2, exploding, 0, 0, 0);
        assertEquals(0.0, objective.evaluate(model.initialParameters(rng), objective.start()).evaluation().penalty());
        assertEquals("batch_size", assertThrows(InvalidValueException.class,
                () -> new EmbeddingObjective(model, train, 0, exploding, 0, 0, 0)).setting());
        assertEquals("lambda_item", assertThrows(InvalidValueException.class,
                () -> new EmbeddingObjective(model, train, 2, exploding, 0, -1, 0)).setting());
        assertEquals("dimension", assertThrows(InvalidValueException.class,
                () -> EmbeddingModel.reference(3, 3, 0)).setting());
    }

    @Test
    void predictionsAreTheInnerProductPlusBiases() {
        SplittableRandom rng = new SplittableRandom(7);
        EmbeddingModel model = new EmbeddingModel(4, 5, 3, 1.0);
        List<Matrix> params = new ArrayList<>(model.initialParameters(rng));
        params.set(2, RandomMatrices.gaussian(4, 1, rng));
        params.set(3, RandomMatrices.gaussian(5, 1, rng));
        Matrix full = model.predict(params);
        Matrix pq = params.get(0).multiplyTranspose(params.get(1));
        var f = model.predictor(params);
        for (int u = 0; u < 4; u++) {
            for (int i = 0; i < 5; i++) {
                double expected = pq.get(u, i) + params.get(2).at(u) + params.get(3).at(i);
                Tolerance.ROUNDING.assertClose(expected, full.get(u, i), "r̂(" + u + ", " + i + ")");
                Tolerance.ROUNDING.assertClose(expected, f.value(u, i), "predictor(" + u + ", " + i + ")");
            }
        }
        Matrix p0 = model.initialParameters(new SplittableRandom(8)).get(0);
        double rms = Math.sqrt(p0.sumOfSquares() / p0.size());
        assertTrue(Math.abs(rms - 1.0) < 0.5, "init std " + rms);
    }
}
