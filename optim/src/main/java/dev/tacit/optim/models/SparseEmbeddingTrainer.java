package dev.tacit.optim.models;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Parallelism;
import dev.tacit.api.Evaluation;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Metrics;
import dev.tacit.api.State;
import dev.tacit.api.StopReason;
import dev.tacit.api.TrainingEvent;
import dev.tacit.optim.training.DivergenceException;
import dev.tacit.optim.training.Evaluator;
import dev.tacit.optim.training.Progress;
import dev.tacit.optim.training.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Trains the {@link EmbeddingModel} with a step whose cost is proportional to the batch, not to the tables: the tables
 * and {@link SparseAdam}'s state live in plain arrays updated in place, and a step updates only the rows its batch
 * touches. This is the trainer for rating data too large for the dense step of {@link EmbeddingObjective} with
 * {@code adam} (whose every step reads and writes every row of both tables and of Adam's moments).
 *
 * <p><b>The loss</b> is the one of {@link EmbeddingObjective}, with the same batches for the same seed (the same epoch
 * orders): the mean squared error of the batch plus λ_user·R(P) + λ_item·R(Q), R the ratio penalty ‖W‖_* / ‖W‖_F.
 *
 * <p><b>The penalty on a cadence.</b> R and its gradient need the whole table, so they are not computed at every step:
 * at every {@code penaltyEvery}-th step (k) the gradient of the penalised table is the batch's gradient plus
 * k·λ·∇R(W), on every row, from the d×d Gram matrix of the table ({@link GramRatio}: ∇R = W·M for a d×d matrix M), and
 * that step updates every row of the table; the other k − 1 steps carry no penalty term. Scaling by k keeps the
 * penalty's weight per epoch that of the per-step penalty. With k = 1 every step touches every row of a penalised
 * table, as the dense step does. The penalty value reported between two cadence steps is that of the last one.
 *
 * <p><b>Threads.</b> A step runs in three phases, each cut into tasks fixed by the batch and the row lists (never by
 * the number of threads): the batch's errors, in four fixed parts of the batch (the loss is the sum of the parts' sums,
 * in part order); the gradient of every touched row (each row's sum taken over the batch in its order, by one task);
 * then the row updates. Each phase ends before the next begins, every task writes only its own outputs, and no sum is
 * split between threads, so the result is bit for bit the same with any number of threads (tested with one, two and
 * three). At scale a step is bound by memory latency (its rows are scattered over tables of hundreds of megabytes),
 * so the error and update tasks request the rows they will need next while they compute (see
 * {@link SparseAdam#prefetch}), and both cores issue loads at once.
 *
 * @param model        the model
 * @param train        the training ratings (as scaled for training)
 * @param batchSize    ratings per batch, at least 1
 * @param adam         the optimizer
 * @param lambdaUser   weight of R(P), at least 0
 * @param lambdaItem   weight of R(Q), at least 0
 * @param penaltyEvery k: steps between penalty steps, at least 1
 * @param seed         the seed of the epochs' orders
 */
public record SparseEmbeddingTrainer(EmbeddingModel model, Entries train, int batchSize, SparseAdam adam,
                                     double lambdaUser, double lambdaItem, int penaltyEvery, long seed) {

    /**
     * How many rows ahead an update task requests the row it will update next (see {@link SparseAdam#prefetch}):
     * measured on MovieLens-25M's table sizes, two rows ahead kept more loads in flight than one.
     */
    private static final int AHEAD = 2;

    /** Penalty steps per epoch under the default cadence of {@link #defaultPenaltyEvery}. */
    public static final int PENALTY_STEPS_PER_EPOCH = 10;

    /** Rows of a table one task updates on a penalty step. */
    private static final int FULL_ROWS_PER_TASK = 2048;
    /** Tasks the touched rows of one table are cut into for their updates, claimed by the threads in turn. */
    private static final int SPARSE_TASKS = 4;
    /** Parts of a batch whose errors are computed as one task; fixed, so that the loss's sum is too. */
    private static final int ERROR_PARTS = 4;
    /** Parts of the touched rows of one table whose gradients are summed as one task. */
    private static final int GRADIENT_PARTS = 4;

    /** Validates the settings and the shapes. */
    public SparseEmbeddingTrainer {
        EmbeddingObjective.check(model, train, batchSize, lambdaUser, lambdaItem);
        if (penaltyEvery < 1) {
            throw new InvalidValueException("penalty_every", penaltyEvery, "at least 1");
        }
    }

    /** @return batches in one epoch */
    public long batchesPerEpoch() {
        return (train.size() + batchSize - 1) / batchSize;
    }

    /**
     * The documented default cadence: {@value #PENALTY_STEPS_PER_EPOCH} penalty steps an epoch.
     *
     * @param batchesPerEpoch steps in an epoch
     * @return k = ⌈batches per epoch / {@value #PENALTY_STEPS_PER_EPOCH}⌉
     */
    public static int defaultPenaltyEvery(long batchesPerEpoch) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                (batchesPerEpoch + PENALTY_STEPS_PER_EPOCH - 1) / PENALTY_STEPS_PER_EPOCH));
    }

    /**
     * Trains for {@code epochs} passes, evaluating after each, and publishes the events of {@link Trainer}: a start,
     * step statistics, an evaluation per epoch and the end.
     *
     * @param init          the initial P, Q, b_user, b_item; not modified
     * @param epochs        passes over the training ratings, at least 1
     * @param evaluator     the metrics of each epoch's evaluation
     * @param stopping      early stopping on the validation RMSE of the evaluations, if wanted
     * @param configuration every setting, for the start event
     * @param events        receives every event, in order
     * @param stopRequested asked after every step; a yes ends the run ("interrupted") after a last evaluation
     * @param parallelism   the threads of the row updates and the penalty (the result does not depend on them)
     * @return the result, as {@link Trainer#train} gives it (the optimizer's and objective's states in it are empty:
     *         this run cannot be resumed from them)
     * @throws DivergenceException at the first non-finite loss or parameter
     */
    public Trainer.Result train(List<Matrix> init, long epochs, Evaluator evaluator,
                                Optional<Trainer.EarlyStopping> stopping, SortedMap<String, String> configuration,
                                Consumer<TrainingEvent> events, BooleanSupplier stopRequested,
                                Parallelism parallelism) {
        if (epochs < 1) {
            throw new InvalidValueException("epochs", epochs, "at least 1");
        }
        long t0 = System.nanoTime();
        Tables tables = start(init);
        long perEpoch = batchesPerEpoch();
        long iterations = epochs * perEpoch;
        long statsEvery = Math.min(perEpoch, 100);
        events.accept(new TrainingEvent.RunStarted(0, 0, iterations, new TreeMap<>(configuration)));
        int n = train.size();
        long it = 0;
        long statsSteps = 0;
        long statsStart = t0;
        Selection best = null;
        long sinceBest = 0;
        boolean stopped = false;
        boolean interrupted = false;
        Metrics metrics = null;
        double loss = Double.NaN;
        epochs:
        for (long epoch = 1; epoch <= epochs; epoch++) {
            int[] order = EmbeddingObjective.order(seed, epoch, n);
            for (int from = 0; from < n; from += batchSize) {
                it++;
                loss = tables.step(order, from, Math.min(from + batchSize, n), adam.learningRate(), parallelism);
                if (!Double.isFinite(loss) || !Double.isFinite(tables.penalty)) {
                    fail(events, t0, it, !Double.isFinite(loss) ? "loss (data term " + loss + ")"
                            : "loss (penalty term " + tables.penalty + ")");
                }
                statsSteps++;
                if (it % statsEvery == 0 || it == iterations) {
                    long now = System.nanoTime();
                    events.accept(new TrainingEvent.StepStatistics(it, (now - t0) / 1e9, statsSteps,
                            (now - statsStart) / 1e9 / statsSteps, loss, tables.penalty, tables.gradientNorm(),
                            adam.learningRate()));
                    statsSteps = 0;
                    statsStart = now;
                }
                if (it != iterations && stopRequested.getAsBoolean()) {
                    interrupted = true;
                    break epochs;
                }
            }
            if (epoch == epochs) {
                break;
            }
            List<Matrix> params = tables.params();
            checkFinite(events, t0, it, params);
            Metrics m = evaluator.measure(params, new Evaluation(loss, tables.penalty, List.of()));
            events.accept(new TrainingEvent.Evaluated(it, seconds(t0), m));
            if (stopping.isPresent()) {
                requireValidation(it, m);
                if (best == null || m.validationRmse() < best.metrics.validationRmse()) {
                    best = new Selection(it, params, m);
                    sinceBest = 0;
                } else if (++sinceBest >= stopping.get().patience()) {
                    stopped = true;
                    break;
                }
            }
        }
        List<Matrix> params = stopped ? best.params : tables.params();
        if (stopped) {
            metrics = best.metrics;
        } else {
            checkFinite(events, t0, it, params);
            metrics = evaluator.measure(params, new Evaluation(loss, tables.penalty, List.of()));
            events.accept(new TrainingEvent.Evaluated(it, seconds(t0), metrics));
            if (stopping.isPresent()) {
                requireValidation(it, metrics);
                if (best == null || metrics.validationRmse() < best.metrics.validationRmse()) {
                    best = new Selection(it, params, metrics);
                }
            }
        }
        StopReason reason = interrupted ? StopReason.INTERRUPTED : stopped ? StopReason.EARLY_STOPPING
                : StopReason.PLANNED;
        Trainer.Selection selection = best == null ? new Trainer.Selection(it, params, metrics, reason)
                : new Trainer.Selection(best.iteration, best.params, best.metrics, reason);
        double seconds = seconds(t0);
        events.accept(new TrainingEvent.RunFinished(it, seconds, selection.metrics(), selection.reason()));
        Progress end = new Progress(it, stopped ? tables.params() : params, State.EMPTY, State.EMPTY);
        return new Trainer.Result(end, selection.metrics(), seconds, selection);
    }

    /** Parameters kept by early stopping. */
    private record Selection(long iteration, List<Matrix> params, Metrics metrics) {
    }

    private static void requireValidation(long iteration, Metrics m) {
        if (!m.hasValidationRmse()) {
            throw new IllegalStateException("early stopping needs the validation RMSE, but the evaluation at "
                    + "iteration " + iteration + " has none (no validation entries?)");
        }
    }

    private void checkFinite(Consumer<TrainingEvent> events, long t0, long it, List<Matrix> params) {
        for (int k = 0; k < params.size(); k++) {
            if (!params.get(k).isFinite()) {
                fail(events, t0, it, "parameter " + (k + 1));
            }
        }
    }

    private void fail(Consumer<TrainingEvent> events, long t0, long iteration, String quantity) {
        String remedy = "lower the learning rate (now " + adam.learningRate() + "), for example by a factor of 10, "
                + "or reduce lambda";
        DivergenceException ex = new DivergenceException(iteration, quantity, remedy);
        events.accept(new TrainingEvent.RunFailed(iteration, seconds(t0), ex.getMessage(), remedy));
        throw ex;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * @param init the initial P, Q, b_user, b_item; copied
     * @return the mutable tables and optimizer state of a fresh run
     */
    Tables start(List<Matrix> init) {
        model.check(init);
        return new Tables(init);
    }

    /**
     * The tables, their lazy Adam state and the scratch of one step, mutable and owned by one run on one thread (the
     * row updates it hands to other threads write disjoint rows).
     */
    final class Tables {
        final SparseAdam.Table p;
        final SparseAdam.Table q;
        final SparseAdam.Table bu;
        final SparseAdam.Table bi;
        private final SparseAdam.BiasCorrections bias = adam.corrections();
        private final int d = model.dimension();
        // The batch: its users, items and dL/dr̂ per rating.
        private final int[] batchUsers = new int[batchSize];
        private final int[] batchItems = new int[batchSize];
        private final double[] batchRatings = new double[batchSize];
        private final double[] dr = new double[batchSize];
        private final double[] partLoss = new double[ERROR_PARTS];
        /** Where each error task leaves the sum of the values it requested ahead, so that the reads are kept. */
        private final double[] requested = new double[ERROR_PARTS];
        private final Touched users;
        private final Touched items;
        /** Steps taken. */
        long steps;
        /** λ_user·R(P) + λ_item·R(Q), each term from the last penalty step (0 before the first). */
        double penalty;
        private double userTerm;
        private double itemTerm;

        private Tables(List<Matrix> init) {
            p = new SparseAdam.Table(model.users(), d, init.get(EmbeddingModel.USERS).toArray());
            q = new SparseAdam.Table(model.items(), d, init.get(EmbeddingModel.ITEMS).toArray());
            bu = new SparseAdam.Table(model.users(), 1, init.get(EmbeddingModel.USER_BIAS).toArray());
            bi = new SparseAdam.Table(model.items(), 1, init.get(EmbeddingModel.ITEM_BIAS).toArray());
            users = new Touched(model.users());
            items = new Touched(model.items());
        }

        /** @return copies of P, Q, b_user, b_item */
        List<Matrix> params() {
            return List.of(Matrix.of(p.rows, d, p.values), Matrix.of(q.rows, d, q.values),
                    Matrix.of(bu.rows, 1, bu.values), Matrix.of(bi.rows, 1, bi.values));
        }

        /** @return the norm of the last step's data gradient (over the rows it touched) */
        double gradientNorm() {
            return Math.sqrt(users.sumOfSquares(d) + items.sumOfSquares(d));
        }

        /**
         * One step on the batch order[from..to).
         *
         * @return the batch's mean squared error (before the step)
         */
        double step(int[] order, int from, int to, double lr, Parallelism parallelism) {
            int count = to - from;
            steps++;
            users.clear();
            items.clear();
            for (int k = 0; k < count; k++) {
                int idx = order[from + k];
                int u = train.row(idx);
                int i = train.col(idx);
                batchUsers[k] = u;
                batchItems[k] = i;
                batchRatings[k] = train.value(idx);
                users.add(u, k);
                items.add(i, k);
            }
            // The errors, in fixed parts of the batch, then every gradient row from the parameters before the step,
            // before any row changes. The parts do not depend on the number of threads, nor does any sum.
            parallelism.forEach(ERROR_PARTS, part -> errors(part, count));
            double loss = 0;
            for (double l : partLoss) {
                loss += l;
            }
            parallelism.forEach(2 * GRADIENT_PARTS, part -> {
                if (part < GRADIENT_PARTS) {
                    users.gradients(part, GRADIENT_PARTS, dr, batchItems, q.values, d);
                } else {
                    items.gradients(part - GRADIENT_PARTS, GRADIENT_PARTS, dr, batchUsers, p.values, d);
                }
            });
            boolean cadence = steps % penaltyEvery == 0;
            boolean fullP = cadence && lambdaUser > 0;
            boolean fullQ = cadence && lambdaItem > 0;
            List<Runnable> tasks = new ArrayList<>();
            if (fullP || fullQ) {
                // The d×d factors need the whole tables: computed here, before any row changes.
                parallelism.run(() -> {
                    if (fullP) {
                        GramRatio.Result r = GramRatio.of(Matrix.of(p.rows, d, p.values).gramOfColumns());
                        addFullRows(tasks, p, bu, users, r.factor().toArray(), penaltyEvery * lambdaUser, lr);
                        userTerm = lambdaUser * r.value();
                    }
                    if (fullQ) {
                        GramRatio.Result r = GramRatio.of(Matrix.of(q.rows, d, q.values).gramOfColumns());
                        addFullRows(tasks, q, bi, items, r.factor().toArray(), penaltyEvery * lambdaItem, lr);
                        itemTerm = lambdaItem * r.value();
                    }
                });
                penalty = userTerm + itemTerm;
            }
            if (!fullP) {
                addSparseRows(tasks, p, bu, users, lr);
            }
            if (!fullQ) {
                addSparseRows(tasks, q, bi, items, lr);
            }
            parallelism.forEach(tasks.size(), t -> tasks.get(t).run());
            return loss / count;
        }

        /**
         * Part {@code part} of {@link #ERROR_PARTS} of the batch: each rating's inner product, summed in the order of
         * {@link EmbeddingModel#predict} so that the dense and the sparse step see the same errors, then dL/dr̂ into
         * {@code dr} and the part's sum of squared errors into {@code partLoss}. The inner products are taken four at
         * a time so that their four chains of dependent additions overlap, and the rows of the next four ratings are
         * requested meanwhile: at scale every row is a cache miss.
         */
        private void errors(int part, int count) {
            int from = (int) ((long) count * part / ERROR_PARTS);
            int to = (int) ((long) count * (part + 1) / ERROR_PARTS);
            double[] pv = p.values;
            double[] qv = q.values;
            double ahead = 0;
            int k = from;
            for (; k + 3 < to; k += 4) {
                if (k + 7 < to) {
                    for (int r = k + 4; r < k + 8; r++) {
                        int pu = batchUsers[r] * d;
                        int qi = batchItems[r] * d;
                        for (int j = 0; j < d; j += 8) {
                            ahead += pv[pu + j] + qv[qi + j];
                        }
                    }
                }
                int p0 = batchUsers[k] * d;
                int p1 = batchUsers[k + 1] * d;
                int p2 = batchUsers[k + 2] * d;
                int p3 = batchUsers[k + 3] * d;
                int q0 = batchItems[k] * d;
                int q1 = batchItems[k + 1] * d;
                int q2 = batchItems[k + 2] * d;
                int q3 = batchItems[k + 3] * d;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int j = 0; j < d; j++) {
                    s0 += pv[p0 + j] * qv[q0 + j];
                    s1 += pv[p1 + j] * qv[q1 + j];
                    s2 += pv[p2 + j] * qv[q2 + j];
                    s3 += pv[p3 + j] * qv[q3 + j];
                }
                dr[k] = s0;
                dr[k + 1] = s1;
                dr[k + 2] = s2;
                dr[k + 3] = s3;
            }
            for (; k < to; k++) {
                int pu = batchUsers[k] * d;
                int qi = batchItems[k] * d;
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += pv[pu + j] * qv[qi + j];
                }
                dr[k] = s;
            }
            double loss = 0;
            for (k = from; k < to; k++) {
                double e = dr[k] + bu.values[batchUsers[k]] + bi.values[batchItems[k]] - batchRatings[k];
                loss += e * e;
                dr[k] = 2 * e / count;
            }
            partLoss[part] = loss;
            requested[part] = ahead;
        }

        /** Tasks that update the touched rows of a table and of its biases with the batch's gradients. */
        private void addSparseRows(List<Runnable> tasks, SparseAdam.Table table, SparseAdam.Table biases,
                                   Touched touched, double lr) {
            int count = touched.count;
            int parts = Math.min(count, SPARSE_TASKS);
            for (int t = 0; t < parts; t++) {
                int part = t;
                int a = (int) ((long) count * t / parts);
                int b = (int) ((long) count * (t + 1) / parts);
                tasks.add(() -> {
                    SparseAdam.Rows work = touched.work[part];
                    double requested = 0;
                    for (int s = a; s < b; s++) {
                        int row = touched.rows[s];
                        if (s + AHEAD < b) {
                            requested += SparseAdam.prefetch(table, touched.rows[s + AHEAD]);
                        }
                        adam.update(table, row, touched.gradient, s * d, lr, bias, work);
                        adam.update(biases, row, touched.biasGradient, s, lr, bias, work);
                    }
                    touched.requested[part] = requested;
                });
            }
        }

        /**
         * Tasks that update every row of a table with its batch gradient (zero for untouched rows) plus
         * scale·(W_row·M), and the touched rows of its biases.
         */
        private void addFullRows(List<Runnable> tasks, SparseAdam.Table table, SparseAdam.Table biases,
                                 Touched touched, double[] m, double scale, double lr) {
            int rows = table.rows;
            // M's rows as arrays of their own: the loop below then indexes g and M's row alike and is vectorised
            // (the same additions in the same order as with M's flat array, at a fraction of the time).
            double[][] rowsOfM = new double[d][];
            for (int x = 0; x < d; x++) {
                rowsOfM[x] = Arrays.copyOfRange(m, x * d, (x + 1) * d);
            }
            for (int a = 0; a < rows; a += FULL_ROWS_PER_TASK) {
                int first = a;
                int last = Math.min(rows, a + FULL_ROWS_PER_TASK);
                tasks.add(() -> {
                    SparseAdam.Rows work = new SparseAdam.Rows(d);
                    double[] g = new double[d];
                    double[] w = table.values;
                    for (int row = first; row < last; row++) {
                        int slot = touched.slot[row];
                        if (slot >= 0) {
                            System.arraycopy(touched.gradient, slot * d, g, 0, d);
                        } else {
                            Arrays.fill(g, 0);
                        }
                        int base = row * d;
                        for (int x = 0; x < d; x++) {
                            double wx = scale * w[base + x];
                            double[] mx = rowsOfM[x];
                            for (int y = 0; y < d; y++) {
                                g[y] += wx * mx[y];
                            }
                        }
                        adam.update(table, row, g, 0, lr, bias, work);
                    }
                });
            }
            int count = touched.count;
            tasks.add(() -> {
                SparseAdam.Rows work = new SparseAdam.Rows(1);
                for (int s = 0; s < count; s++) {
                    adam.update(biases, touched.rows[s], touched.biasGradient, s, lr, bias, work);
                }
            });
        }
    }

    /**
     * The rows of one table a batch touches, in order of first appearance, each with the chain of its ratings in batch
     * order and, once computed, its gradient row and bias gradient.
     */
    private final class Touched {
        /** Slot of each row of the table in this batch, −1 when untouched; reset after every batch. */
        final int[] slot;
        final int[] rows = new int[batchSize];
        private final int[] head = new int[batchSize];
        private final int[] tail = new int[batchSize];
        private final int[] next = new int[batchSize];
        final double[] gradient = new double[batchSize * model.dimension()];
        final double[] biasGradient = new double[batchSize];
        /** Where each update task leaves the sum of the values it requested ahead, so that the reads are kept. */
        final double[] requested = new double[SPARSE_TASKS];
        /** The working rows of each update task, kept from step to step. */
        final SparseAdam.Rows[] work = new SparseAdam.Rows[SPARSE_TASKS];
        /** Each gradient part's running sum and copy of the other side's row. */
        private final double[][] sums = new double[GRADIENT_PARTS][model.dimension()];
        private final double[][] otherRows = new double[GRADIENT_PARTS][model.dimension()];
        int count;

        Touched(int tableRows) {
            slot = new int[tableRows];
            Arrays.fill(slot, -1);
            for (int t = 0; t < SPARSE_TASKS; t++) {
                work[t] = new SparseAdam.Rows(model.dimension());
            }
        }

        void clear() {
            for (int s = 0; s < count; s++) {
                slot[rows[s]] = -1;
            }
            count = 0;
        }

        /** Rating k of the batch touches {@code row}. */
        void add(int row, int k) {
            int s = slot[row];
            if (s < 0) {
                s = count++;
                slot[row] = s;
                rows[s] = row;
                head[s] = k;
            } else {
                next[tail[s]] = k;
            }
            tail[s] = k;
            next[k] = -1;
        }

        /**
         * Sums the gradient of each touched row of part {@code part} of {@code parts} over its ratings, in batch
         * order: dL/dr̂ times the other side's row.
         *
         * @param part   which part of the touched rows
         * @param parts  how many parts the touched rows are cut into
         * @param dr     dL/dr̂ of each rating of the batch
         * @param others the other side's row of each rating of the batch
         * @param table  the other side's table
         * @param d      the width
         */
        void gradients(int part, int parts, double[] dr, int[] others, double[] table, int d) {
            int first = (int) ((long) count * part / parts);
            int last = (int) ((long) count * (part + 1) / parts);
            // The sum and the other side's row in arrays that start at index 0, so that the loop is vectorised (as
            // in SparseAdam.update): twice as fast, the same additions in the same order. Each part has its own pair,
            // kept from step to step.
            double[] sum = sums[part];
            double[] row = otherRows[part];
            for (int s = first; s < last; s++) {
                Arrays.fill(sum, 0);
                double gb = 0;
                for (int k = head[s]; k >= 0; k = next[k]) {
                    double g = dr[k];
                    System.arraycopy(table, others[k] * d, row, 0, d);
                    for (int j = 0; j < d; j++) {
                        sum[j] += g * row[j];
                    }
                    gb += g;
                }
                System.arraycopy(sum, 0, gradient, s * d, d);
                biasGradient[s] = gb;
            }
        }

        double sumOfSquares(int d) {
            double s = 0;
            for (int k = 0; k < count * d; k++) {
                s += gradient[k] * gradient[k];
            }
            for (int k = 0; k < count; k++) {
                s += biasGradient[k] * biasGradient[k];
            }
            return s;
        }
    }
}
