package dev.tacit.optim.models;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.api.Evaluation;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Objective;
import dev.tacit.api.Penalty;
import dev.tacit.api.State;
import dev.tacit.optim.training.TrainingObjective;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The mini-batch loss of the {@link EmbeddingModel} (docs/method.md §8): for a batch B of training ratings,
 * L = mean over (u, i) in B of (r̂_ui − r_ui)² + λ_item·R(Q) + λ_user·R(P), the penalties computed on the whole
 * tables at every step (the reference's choice), a penalty with λ = 0 not evaluated at all.
 *
 * <p>Each evaluation takes the next batch: every epoch visits the training ratings once, in an order drawn afresh at
 * the start of the epoch from {@code seed} and the epoch number, in consecutive batches of {@code batchSize} (the last
 * one smaller when the batch size does not divide the number of ratings). The epoch, its order and the position in it
 * are the objective's {@link State}, so a run resumed from a checkpoint continues with the very next batch and
 * reproduces an uninterrupted run bit for bit. {@link #asObjective} evaluates the batch of the last evaluation again,
 * so an optimizer that probes other points (a line search) sees the same loss.
 *
 * @param model      the model
 * @param train      the training ratings (as scaled for training)
 * @param batchSize  ratings per batch, at least 1
 * @param penalty    R, applied to each table
 * @param lambdaUser weight of R(P), at least 0
 * @param lambdaItem weight of R(Q), at least 0
 * @param seed       the seed of the epochs' orders
 */
public record EmbeddingObjective(EmbeddingModel model, Entries train, int batchSize, Penalty penalty,
                                 double lambdaUser, double lambdaItem, long seed) implements TrainingObjective {

    /** The reference batch size. */
    public static final int DEFAULT_BATCH = 256;

    private static final String ORDER = "order";
    private static final String EPOCH = "epoch";
    private static final String CURSOR = "cursor";
    private static final String USER_PENALTY = "user_penalty";
    private static final String ITEM_PENALTY = "item_penalty";

    /** Validates the batch size, the weights and the shapes. */
    public EmbeddingObjective {
        check(model, train, batchSize, lambdaUser, lambdaItem);
    }

    /** @return batches in one epoch */
    public long batchesPerEpoch() {
        return (train.size() + batchSize - 1) / batchSize;
    }

    /**
     * The checks both embedding steps (this one and {@link SparseEmbeddingTrainer}) make of their common settings.
     *
     * @throws InvalidValueException naming a bad batch size or weight
     * @throws IllegalArgumentException if the ratings do not fit the model or there are none
     */
    static void check(EmbeddingModel model, Entries train, int batchSize, double lambdaUser, double lambdaItem) {
        if (batchSize < 1) {
            throw new InvalidValueException("batch_size", batchSize, "at least 1");
        }
        if (!(lambdaUser >= 0) || Double.isInfinite(lambdaUser)) {
            throw new InvalidValueException("lambda_user", lambdaUser, "a finite number >= 0");
        }
        if (!(lambdaItem >= 0) || Double.isInfinite(lambdaItem)) {
            throw new InvalidValueException("lambda_item", lambdaItem, "a finite number >= 0");
        }
        if (train.rows() != model.users() || train.cols() != model.items()) {
            throw new IllegalArgumentException("ratings " + train + " do not fit a " + model.users() + "x"
                    + model.items() + " model");
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException("no training ratings");
        }
    }

    @Override
    public State start() {
        return State.EMPTY.withCount(EPOCH, 0).withCount(CURSOR, -1).withNested(USER_PENALTY, penalty.start())
                .withNested(ITEM_PENALTY, penalty.start());
    }

    /**
     * @param state a state of this objective
     * @return the epoch of the batch it last evaluated (0 before the first)
     */
    public static long epoch(State state) {
        return state.count(EPOCH);
    }

    @Override
    public Outcome evaluate(List<Matrix> params, State state) {
        return compute(params, advance(state));
    }

    @Override
    public Objective asObjective(State state) {
        State at = state.count(CURSOR) < 0 ? advance(state) : state;
        return params -> compute(params, at).evaluation();
    }

    /** The state whose batch is the one after the state's own, starting a new epoch when this one is used up. */
    private State advance(State state) {
        long epoch = state.count(EPOCH);
        long cursor = state.count(CURSOR);
        long next = cursor < 0 ? 0 : cursor + batchSize;
        if (epoch == 0 || next >= train.size()) {
            epoch++;
            return state.withIndices(ORDER, order(epoch)).withCount(EPOCH, epoch).withCount(CURSOR, 0)
                    .withStep(state.step() + 1);
        }
        return state.withCount(CURSOR, next).withStep(state.step() + 1);
    }

    /** The epoch's order, a uniform permutation (Fisher-Yates) from the epoch-th child stream of the seed. */
    private int[] order(long epoch) {
        return order(seed, epoch, train.size());
    }

    /**
     * The order of an epoch's ratings, shared with {@link SparseEmbeddingTrainer} so that both steps see the same
     * batches for the same seed.
     *
     * @param seed  the seed of the epochs' orders
     * @param epoch the epoch, from 1
     * @param n     the number of training ratings
     * @return a uniform permutation of 0..n−1 (Fisher-Yates) from the epoch-th child stream of the seed
     */
    static int[] order(long seed, long epoch, int n) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom rng = root.split();
        for (long e = 1; e < epoch; e++) {
            rng = root.split();
        }
        int[] perm = new int[n];
        for (int k = 0; k < n; k++) {
            perm[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int pick = rng.nextInt(k + 1);
            int tmp = perm[k];
            perm[k] = perm[pick];
            perm[pick] = tmp;
        }
        return perm;
    }

    private Outcome compute(List<Matrix> params, State state) {
        model.check(params);
        int d = model.dimension();
        Matrix p = params.get(EmbeddingModel.USERS);
        Matrix q = params.get(EmbeddingModel.ITEMS);
        Matrix bu = params.get(EmbeddingModel.USER_BIAS);
        Matrix bi = params.get(EmbeddingModel.ITEM_BIAS);
        State.Indices order = state.indices(ORDER);
        int from = (int) state.count(CURSOR);
        int to = Math.min(from + batchSize, train.size());
        int count = to - from;
        double[] gp = new double[p.size()];
        double[] gq = new double[q.size()];
        double[] gbu = new double[model.users()];
        double[] gbi = new double[model.items()];
        double loss = 0;
        for (int k = from; k < to; k++) {
            int idx = order.get(k);
            int u = train.row(idx);
            int i = train.col(idx);
            double e = model.predict(p, q, bu, bi, u, i) - train.value(idx);
            loss += e * e;
            double g = 2 * e / count;
            int pu = u * d;
            int qi = i * d;
            for (int j = 0; j < d; j++) {
                gp[pu + j] += g * q.at(qi + j);
                gq[qi + j] += g * p.at(pu + j);
            }
            gbu[u] += g;
            gbi[i] += g;
        }
        Matrix gradP = Matrix.of(p.rows(), d, gp);
        Matrix gradQ = Matrix.of(q.rows(), d, gq);
        double weighted = 0;
        State next = state;
        if (lambdaUser > 0) {
            Penalty.Value v = penalty.evaluate(p, state.nested(USER_PENALTY));
            weighted += lambdaUser * v.value();
            gradP = gradP.axpy(lambdaUser, v.gradient());
            next = next.withNested(USER_PENALTY, v.state());
        }
        if (lambdaItem > 0) {
            Penalty.Value v = penalty.evaluate(q, state.nested(ITEM_PENALTY));
            weighted += lambdaItem * v.value();
            gradQ = gradQ.axpy(lambdaItem, v.gradient());
            next = next.withNested(ITEM_PENALTY, v.state());
        }
        List<Matrix> gradients = List.of(gradP, gradQ, Matrix.of(model.users(), 1, gbu), Matrix.of(model.items(), 1, gbi));
        return new Outcome(new Evaluation(loss / count, weighted, gradients), next);
    }
}
