package dev.tacit.optim.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Parallelism;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Optimizer;
import dev.tacit.api.StopReason;
import dev.tacit.api.TrainingEvent;
import dev.tacit.api.UsageException;
import dev.tacit.optim.testkit.BuiltIns;
import dev.tacit.optim.training.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The sparse step against hand-derived lazy Adam steps, against dense Adam, and across thread counts. */
class SparseEmbeddingTrainerTest {

    private static final SparseAdam ADAM = new SparseAdam(0.01, 0.9, 0.999, 1e-8, 0);

    /** Every rating of a users×items matrix, values 1..5. */
    private static Entries allRatings(int users, int items, SplittableRandom rng) {
        int n = users * items;
        int[] r = new int[n];
        int[] c = new int[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            r[k] = k / items;
            c[k] = k % items;
            v[k] = 1 + rng.nextInt(5);
        }
        return Entries.of(users, items, r, c, v);
    }

    /** Initial parameters with non-zero biases, so every term of the first steps is exercised. */
    private static List<Matrix> init(EmbeddingModel model, SplittableRandom rng) {
        List<Matrix> params = new ArrayList<>(model.initialParameters(rng));
        params.set(2, RandomMatrices.gaussian(model.users(), 1, rng));
        params.set(3, RandomMatrices.gaussian(model.items(), 1, rng));
        return params;
    }

    /** Adam's step t on one element from its moments, written out as in Kingma and Ba's Algorithm 1. */
    private static double[] adamStep(double theta, double g, double m, double v, int t, SparseAdam a) {
        double m1 = a.beta1() * m + (1 - a.beta1()) * g;
        double v1 = a.beta2() * v + (1 - a.beta2()) * g * g;
        double mHat = m1 / (1 - Math.pow(a.beta1(), t));
        double vHat = v1 / (1 - Math.pow(a.beta2(), t));
        return new double[] {theta - a.learningRate() * mHat / (Math.sqrt(vHat) + a.eps()), m1, v1};
    }

    @Test
    void twoStepsMatchHandDerivedLazyAdam() {
        // 3 users × 3 items, d = 2. Batch 1: user 0 rates items 1 and 2. Batch 2: user 0 rates item 0, user 1
        // rates item 2.
        EmbeddingModel model = new EmbeddingModel(3, 3, 2, 1.0);
        Entries train = Entries.of(3, 3, new int[] {0, 0, 0, 1}, new int[] {1, 2, 0, 2},
                new double[] {4, 3, 4, 2});
        List<Matrix> params = init(model, new SplittableRandom(1));
        SparseEmbeddingTrainer trainer = new SparseEmbeddingTrainer(model, train, 2, ADAM, 0, 0, 1, 0);
        SparseEmbeddingTrainer.Tables t = trainer.start(params);
        double[] p = params.get(0).toArray();
        double[] q = params.get(1).toArray();
        double[] bu = params.get(2).toArray();
        double[] bi = params.get(3).toArray();

        // Step 1 by hand: e_k = ⟨P_0, Q_i⟩ + b_0 + b_i − r, dL/dr̂_k = 2e_k/2.
        double e1 = p[0] * q[2] + p[1] * q[3] + bu[0] + bi[1] - 4;
        double e2 = p[0] * q[4] + p[1] * q[5] + bu[0] + bi[2] - 3;
        double[] gP0 = {e1 * q[2] + e2 * q[4], e1 * q[3] + e2 * q[5]};
        double[][] gQ = {{e1 * p[0], e1 * p[1]}, {e2 * p[0], e2 * p[1]}};
        double lossExpected = (e1 * e1 + e2 * e2) / 2;
        double loss = t.step(new int[] {0, 1, 2, 3}, 0, 2, ADAM.learningRate(), Parallelism.serial());
        Tolerance.ROUNDING.assertClose(lossExpected, loss, "batch loss");
        double[] mP0 = new double[2];
        double[] vP0 = new double[2];
        for (int j = 0; j < 2; j++) {
            double[] s = adamStep(p[j], gP0[j], 0, 0, 1, ADAM);
            Tolerance.ROUNDING.assertClose(s[0], t.p.values[j], "P_0 after step 1");
            mP0[j] = s[1];
            vP0[j] = s[2];
            for (int k = 0; k < 2; k++) {
                Tolerance.ROUNDING.assertClose(adamStep(q[(k + 1) * 2 + j], gQ[k][j], 0, 0, 1, ADAM)[0],
                        t.q.values[(k + 1) * 2 + j], "Q_" + (k + 1) + " after step 1");
            }
        }
        Tolerance.ROUNDING.assertClose(adamStep(bu[0], e1 + e2, 0, 0, 1, ADAM)[0], t.bu.values[0], "b_user 0");
        Tolerance.ROUNDING.assertClose(adamStep(bi[2], e2, 0, 0, 1, ADAM)[0], t.bi.values[2], "b_item 2");
        // Untouched rows do not move and keep zero moments and a zero step count.
        assertArrayEquals(new double[] {p[2], p[3], p[4], p[5]}, java.util.Arrays.copyOfRange(t.p.values, 2, 6));
        assertArrayEquals(new double[] {q[0], q[1]}, java.util.Arrays.copyOfRange(t.q.values, 0, 2));
        assertEquals(bi[0], t.bi.values[0]);
        assertArrayEquals(new int[] {1, 0, 0}, t.p.steps);
        assertArrayEquals(new int[] {0, 1, 1}, t.q.steps);
        assertArrayEquals(new double[] {0, 0}, java.util.Arrays.copyOfRange(t.q.m, 0, 2));

        // Step 2: user 0's second step (t = 2, its moments carried), user 1's first (t = 1), item 2's second,
        // item 0's first; item 1 is not touched.
        double[] p1 = t.p.values.clone();
        double[] q1 = t.q.values.clone();
        double[] bu1 = t.bu.values.clone();
        double[] bi1 = t.bi.values.clone();
        double f1 = p1[0] * q1[0] + p1[1] * q1[1] + bu1[0] + bi1[0] - 4;
        double f2 = p1[2] * q1[4] + p1[3] * q1[5] + bu1[1] + bi1[2] - 2;
        t.step(new int[] {0, 1, 2, 3}, 2, 4, ADAM.learningRate(), Parallelism.serial());
        for (int j = 0; j < 2; j++) {
            Tolerance.ROUNDING.assertClose(adamStep(p1[j], f1 * q1[j], mP0[j], vP0[j], 2, ADAM)[0],
                    t.p.values[j], "P_0 after step 2");
            Tolerance.ROUNDING.assertClose(adamStep(p1[2 + j], f2 * q1[4 + j], 0, 0, 1, ADAM)[0],
                    t.p.values[2 + j], "P_1 after step 2, its first");
        }
        assertArrayEquals(new int[] {2, 1, 0}, t.p.steps);
        assertArrayEquals(new int[] {1, 1, 2}, t.q.steps);
        assertArrayEquals(java.util.Arrays.copyOfRange(q1, 2, 4), java.util.Arrays.copyOfRange(t.q.values, 2, 4),
                "item 1 did not move in step 2");
        assertEquals(bi1[1], t.bi.values[1], "nor did its bias");
    }

    @Test
    void everyRowTouchedAtEveryStepGivesDenseAdamBitForBit() {
        // Each batch is the whole rating set, so every row of every table is touched at every step.
        SplittableRandom rng = new SplittableRandom(2);
        EmbeddingModel model = new EmbeddingModel(4, 5, 3, 0.5);
        Entries train = allRatings(4, 5, rng);
        List<Matrix> init = init(model, rng);
        assertEquals(denseWholeBatch(model, train, init, "none", 0, 0, 7, 25),
                sparseWholeBatch(model, train, init, 0, 0, 7, 25), "the same parameters, exactly");
    }

    @Test
    void withThePenaltyAtEveryStepItFollowsTheDenseStepToLinearAlgebraAccuracy() {
        // Whole-set batches and k = 1: every row of every table is updated at every step, as in the dense step; the
        // penalties are computed by different routes (Gram eigenvectors here, the dense penalty's SVD there).
        SplittableRandom rng = new SplittableRandom(3);
        EmbeddingModel model = new EmbeddingModel(9, 7, 3, 0.5);
        Entries train = allRatings(9, 7, rng);
        List<Matrix> init = init(model, rng);
        List<Matrix> expected = denseWholeBatch(model, train, init, "ratio", 0.3, 0.2, 5, 30);
        List<Matrix> actual = sparseWholeBatch(model, train, init, 0.3, 0.2, 5, 30);
        for (int k = 0; k < 4; k++) {
            Tolerance.LINEAR_ALGEBRA.assertClose(expected.get(k), actual.get(k), "parameter " + k);
        }
    }

    /** The parameters after {@code steps} whole-set batches of the dense step with Adam at 0.01. */
    private static List<Matrix> denseWholeBatch(EmbeddingModel model, Entries train, List<Matrix> init, String penalty,
                                                double lambdaUser, double lambdaItem, long seed, int steps) {
        Optimizer adam = BuiltIns.optimizer("adam", Map.of("lr", "0.01"));
        EmbeddingObjective dense = new EmbeddingObjective(model, train, train.size(), BuiltIns.penalty(penalty),
                lambdaUser, lambdaItem, seed);
        CompletionProblem problem = new CompletionProblem("test", train, train, train, Optional.empty());
        return Trainer.train(new Trainer.Run(dense, adam, new RatingEvaluator(model, problem, Scaling.NONE, 1, 5,
                false), Trainer.Run.freshStart(dense, adam, init), steps, steps, steps, new TreeMap<>()), e -> { })
                .end().params();
    }

    /** The same with the sparse step, penalised at every step (k = 1), in the dense step's batch orders. */
    private static List<Matrix> sparseWholeBatch(EmbeddingModel model, Entries train, List<Matrix> init,
                                                 double lambdaUser, double lambdaItem, long seed, int steps) {
        SparseEmbeddingTrainer sparse = new SparseEmbeddingTrainer(model, train, train.size(), ADAM, lambdaUser,
                lambdaItem, 1, seed);
        SparseEmbeddingTrainer.Tables t = sparse.start(init);
        for (int epoch = 1; epoch <= steps; epoch++) {
            t.step(EmbeddingObjective.order(seed, epoch, train.size()), 0, train.size(), ADAM.learningRate(),
                    Parallelism.serial());
        }
        return t.params();
    }

    @Test
    void untouchedRowsStayPutWhileDenseAdamKeepsMovingThem() {
        // The documented difference: dense Adam moves a row along its decaying first moment after the batches that
        // touched it; the lazy step leaves it exactly where its last touch put it.
        EmbeddingModel model = new EmbeddingModel(2, 2, 2, 1.0);
        Entries train = Entries.of(2, 2, new int[] {0, 1}, new int[] {0, 1}, new double[] {5, 1});
        List<Matrix> params = init(model, new SplittableRandom(4));
        SparseEmbeddingTrainer trainer = new SparseEmbeddingTrainer(model, train, 1, ADAM, 0, 0, 1, 0);
        SparseEmbeddingTrainer.Tables t = trainer.start(params);
        int[] order = {0, 1};
        t.step(order, 0, 1, ADAM.learningRate(), Parallelism.serial());     // touches user 0 and item 0
        double[] afterFirst = t.p.values.clone();
        t.step(order, 1, 2, ADAM.learningRate(), Parallelism.serial());     // touches user 1 and item 1 only
        assertEquals(afterFirst[0], t.p.values[0], "user 0 not touched by the second step");
        assertEquals(afterFirst[1], t.p.values[1], "user 0 not touched by the second step");

        Optimizer adam = BuiltIns.optimizer("adam", Map.of("lr", "0.01"));
        List<Matrix> grad = List.of(Matrix.of(2, 2, 1, -1, 0, 0), Matrix.zeros(2, 2), Matrix.zeros(2, 1),
                Matrix.zeros(2, 1));
        List<Matrix> zero = List.of(Matrix.zeros(2, 2), Matrix.zeros(2, 2), Matrix.zeros(2, 1), Matrix.zeros(2, 1));
        var s1 = adam.step(new Optimizer.Input(params, new dev.tacit.api.Evaluation(0, 0, grad), x -> null, 0.01),
                adam.start(params));
        var s2 = adam.step(new Optimizer.Input(s1.params(), new dev.tacit.api.Evaluation(0, 0, zero), x -> null,
                0.01), s1.state());
        assertNotEquals(s1.params().get(0).get(0, 0), s2.params().get(0).get(0, 0),
                "dense Adam moves a row with a zero gradient");
    }

    /** Runs the whole trainer on a random problem with the given threads. */
    private static Trainer.Result run(Parallelism parallelism, List<TrainingEvent> events) {
        SplittableRandom rng = new SplittableRandom(6);
        EmbeddingModel model = new EmbeddingModel(60, 45, 8, 0.3);
        Entries train = EmbeddingObjectiveTest.ratings(60, 45, rng);
        Entries validation = EmbeddingObjectiveTest.ratings(60, 45, rng);
        CompletionProblem problem = new CompletionProblem("test", train, validation, validation, Optional.empty());
        SparseEmbeddingTrainer trainer = new SparseEmbeddingTrainer(model, train, 32, ADAM, 0.02, 0.05, 7, 8);
        return trainer.train(model.initialParameters(rng), 3, new RatingEvaluator(model, problem, Scaling.NONE, 1, 5,
                false), Optional.of(new Trainer.EarlyStopping(Trainer.EarlyStopping.NEVER)), new TreeMap<>(),
                events::add, () -> false, parallelism);
    }

    @Test
    void resultsAreIdenticalOnOneTwoAndThreeThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<TrainingEvent> events = new ArrayList<>();
            Trainer.Result one = run(Parallelism.serial(), events);
            Trainer.Result two = run(Parallelism.using(pool, 2), new ArrayList<>());
            Trainer.Result three = run(Parallelism.using(pool, 3), new ArrayList<>());
            // The default setting: the algebra module's own spinning workers, with their back-off.
            Trainer.Result standard = run(Parallelism.standard(), new ArrayList<>());
            assertEquals(one.end().params(), two.end().params());
            assertEquals(one.end().params(), three.end().params());
            assertEquals(one.end().params(), standard.end().params());
            assertEquals(one.selection().params(), two.selection().params());
            assertEquals(one.metrics().validationRmse(), three.metrics().validationRmse());
            // The events of Trainer: a start, an evaluation per epoch, the end; and training reduced the error.
            assertTrue(events.get(0) instanceof TrainingEvent.RunStarted);
            assertEquals(3, events.stream().filter(e -> e instanceof TrainingEvent.Evaluated).count());
            TrainingEvent.RunFinished end = (TrainingEvent.RunFinished) events.get(events.size() - 1);
            assertEquals(StopReason.PLANNED, end.reason());
            double first = ((TrainingEvent.Evaluated) events.stream()
                    .filter(e -> e instanceof TrainingEvent.Evaluated).findFirst().orElseThrow()).metrics().trainRmse();
            assertTrue(end.metrics().trainRmse() < first, "training lowered the error: " + first + " → "
                    + end.metrics().trainRmse());
            assertTrue(end.metrics().penalty() > 0, "the penalty was applied");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void badSettingsAreNamed() {
        EmbeddingModel model = EmbeddingModel.reference(2, 2, 2);
        Entries train = Entries.of(2, 2, new int[] {0}, new int[] {1}, new double[] {3});
        assertEquals("penalty_every", assertThrows(InvalidValueException.class,
                () -> new SparseEmbeddingTrainer(model, train, 4, ADAM, 0, 0, 0, 0)).setting());
        assertEquals("beta2", assertThrows(InvalidValueException.class,
                () -> new SparseAdam(0.01, 0.9, 1, 1e-8, 0)).setting());
        UsageException notAdam = assertThrows(UsageException.class,
                () -> SparseAdam.of("gd", BuiltIns.optimizer("gd", Map.of())));
        assertTrue(notAdam.getMessage().contains("--optimizer adam"), notAdam.getMessage());
        assertEquals(1, SparseEmbeddingTrainer.defaultPenaltyEvery(3));
        assertEquals(35, SparseEmbeddingTrainer.defaultPenaltyEvery(342));
    }
}
