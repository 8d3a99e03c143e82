package dev.tacit.spark;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.optim.models.GramRatio;
import dev.tacit.api.Evaluation;
import dev.tacit.api.State;
import dev.tacit.optim.models.EmbeddingModel;
import dev.tacit.optim.training.TrainingObjective;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * The full-batch loss of the {@link EmbeddingModel} with the ratio penalty on both tables, evaluated data-parallel:
 * L = mean over all training ratings of (r̂_ui − r_ui)² + λ_item·R(Q) + λ_user·R(P), the loss of the single-machine
 * {@code EmbeddingObjective} with a batch as large as the training set.
 *
 * <p>Each evaluation is one Spark job: the tables are broadcast, every partition of the (cached) ratings computes its
 * squared errors, its share of the data term's gradients and its share of the tables' d×d Gram matrices, and
 * {@code treeAggregate} adds them up; the driver then takes R and its gradient from the Grams ({@link GramRatio}).
 * Being a {@code TrainingObjective}, it is trained by Tacit's own {@code Trainer} with Tacit's optimizers, so a run
 * differs from the single-machine one only by the order in which sums are added.
 */
final class SparkEmbeddingObjective implements TrainingObjective, AutoCloseable {

    private final JavaSparkContext spark;
    private final EmbeddingModel model;
    private final JavaRDD<RatingBlock> blocks;
    private final int count;
    private final double lambdaUser;
    private final double lambdaItem;
    private final int depth;

    /**
     * @param spark      the Spark context
     * @param model      the model
     * @param train      the training ratings
     * @param lambdaUser weight of R(P), at least 0
     * @param lambdaItem weight of R(Q), at least 0
     * @param partitions partitions of the ratings, at least 1
     */
    SparkEmbeddingObjective(JavaSparkContext spark, EmbeddingModel model, Entries train, double lambdaUser,
                            double lambdaItem, int partitions) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("no training ratings");
        }
        this.spark = spark;
        this.model = model;
        this.count = train.size();
        this.lambdaUser = lambdaUser;
        this.lambdaItem = lambdaItem;
        this.blocks = spark.parallelize(RatingBlock.split(train, partitions), partitions)
                .persist(StorageLevel.MEMORY_ONLY());
        // Two levels of combining are enough up to a few hundred partitions.
        this.depth = 2;
    }

    @Override
    public State start() {
        return State.EMPTY;
    }

    @Override
    public Outcome evaluate(List<Matrix> params, State state) {
        Matrix p = params.get(EmbeddingModel.USERS);
        Matrix q = params.get(EmbeddingModel.ITEMS);
        int d = model.dimension();
        boolean gram = lambdaUser > 0 || lambdaItem > 0;
        Broadcast<Tables> tables = spark.broadcast(new Tables(d, p.toArray(), q.toArray(),
                params.get(EmbeddingModel.USER_BIAS).toArray(), params.get(EmbeddingModel.ITEM_BIAS).toArray(), count));
        Partial sum;
        try {
            sum = blocks.treeAggregate(Partial.empty(), (acc, block) -> acc.plus(tables.value().partial(block, gram)),
                    Partial::plus, depth);
        } finally {
            tables.destroy();
        }
        Matrix gradP = Matrix.of(p.rows(), d, sum.gp);
        Matrix gradQ = Matrix.of(q.rows(), d, sum.gq);
        double weighted = 0;
        if (lambdaUser > 0) {
            GramRatio.Result r = GramRatio.of(symmetric(sum.gramP, d));
            weighted += lambdaUser * r.value();
            gradP = gradP.axpy(lambdaUser, p.multiply(r.factor()));
        }
        if (lambdaItem > 0) {
            GramRatio.Result r = GramRatio.of(symmetric(sum.gramQ, d));
            weighted += lambdaItem * r.value();
            gradQ = gradQ.axpy(lambdaItem, q.multiply(r.factor()));
        }
        List<Matrix> gradients = List.of(gradP, gradQ, Matrix.of(model.users(), 1, sum.gbu),
                Matrix.of(model.items(), 1, sum.gbi));
        return new Outcome(new Evaluation(sum.loss / count, weighted, gradients), state.withStep(state.step() + 1));
    }

    /** Releases the cached ratings. */
    @Override
    public void close() {
        blocks.unpersist(false);
    }

    /**
     * @param lower a d×d lower triangle, row-major, as the blocks add it up
     * @param d     the size
     * @return the symmetric matrix
     */
    static Matrix symmetric(double[] lower, int d) {
        return Matrix.generate(d, d, (a, b) -> a >= b ? lower[a * d + b] : lower[b * d + a]);
    }
}
