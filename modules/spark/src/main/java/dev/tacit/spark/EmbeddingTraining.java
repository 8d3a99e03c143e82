package dev.tacit.spark;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.TrainingEvent;
import dev.tacit.data.Seeds;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.catalog.Choices;
import dev.tacit.optim.models.EmbeddingModel;
import dev.tacit.optim.models.EmbeddingObjective;
import dev.tacit.optim.models.RatingEvaluator;
import dev.tacit.optim.models.Scaling;
import dev.tacit.optim.training.Trainer;
import dev.tacit.optim.training.TrainingObjective;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Full-batch training of the embedding model with the ratio penalty on both tables, by Tacit's own {@link Trainer}:
 * either data-parallel on Spark ({@link SparkEmbeddingObjective}) or on this machine (the single-machine
 * {@link EmbeddingObjective} with one batch of every training rating), from the same start, with the same optimizer
 * and the same evaluations, so that the two can be compared step for step.
 *
 * @param input      the data and its split
 * @param dimension  the embedding width d
 * @param lambdaUser weight of R(P)
 * @param lambdaItem weight of R(Q)
 * @param optimizer  the optimizer's name
 * @param lr         its learning rate, or null for its own default
 * @param steps      full-batch steps
 * @param evalEvery  steps between evaluations
 */
record EmbeddingTraining(RatingInput input, int dimension, double lambdaUser, double lambdaItem, String optimizer,
                         Double lr, long steps, long evalEvery) {

    /**
     * A finished training.
     *
     * @param result  the trainer's result (final parameters and metrics)
     * @param test    the test RMSE of the final parameters
     * @param seconds wall time of the training loop
     */
    record Trained(Trainer.Result result, double test, double seconds) {
        /** @return milliseconds per full-batch step */
        double msPerStep() {
            return result.end().iteration() == 0 ? Double.NaN : 1e3 * seconds / result.end().iteration();
        }

        /** @return the final parameters */
        List<Matrix> params() {
            return result.end().params();
        }
    }

    /**
     * @param spark      the Spark context
     * @param partitions partitions of the ratings
     * @return the training, data-parallel
     */
    Trained onSpark(JavaSparkContext spark, int partitions) {
        try (SparkEmbeddingObjective objective = new SparkEmbeddingObjective(spark, model(), train(), lambdaUser,
                lambdaItem, partitions)) {
            return train(objective);
        }
    }

    /** @return the training on this machine, the single-machine objective with one batch of every rating */
    Trained onThisMachine() {
        Entries train = train();
        Penalty ratio = choose().penalty("ratio", Map.of()).orElseThrow();
        return train(new EmbeddingObjective(model(), train, train.size(), ratio, lambdaUser, lambdaItem,
                Seeds.stream(input.seed(), Seeds.Purpose.TRAINING).nextLong()));
    }

    private Trained train(TrainingObjective objective) {
        Choices choices = choose();
        Optimizer opt = choices.optimizer(optimizer, Choices.withLearningRate(lr, Map.of())).orElseThrow();
        choices.check();
        EmbeddingModel model = model();
        List<Matrix> init = model.initialParameters(Seeds.stream(input.seed(), Seeds.Purpose.INIT));
        CompletionProblem problem = input.split().problem(input.data());
        RatingEvaluator scorer = new RatingEvaluator(model, problem, Scaling.NONE, input.data().minRating(),
                input.data().maxRating(), false);
        TreeMap<String, String> config = new TreeMap<>();
        config.put("dimension", Integer.toString(dimension));
        config.put("optimizer", optimizer);
        config.put("lambda_user", Double.toString(lambdaUser));
        config.put("lambda_item", Double.toString(lambdaItem));
        Trainer.Run run = new Trainer.Run(objective, opt, scorer, Trainer.Run.freshStart(objective, opt, init), steps,
                evalEvery, Math.min(evalEvery, 100), config);
        Consumer<TrainingEvent> ignore = e -> { };
        long t0 = System.nanoTime();
        Trainer.Result result = Trainer.train(run, ignore);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double test = scorer.withTest().rmse(model.predictor(result.end().params()), problem.test());
        return new Trained(result, test, seconds);
    }

    private static Choices choose() {
        return new Choices(Catalog.builtIn());
    }

    private EmbeddingModel model() {
        return EmbeddingModel.reference(input.data().users(), input.data().items(), dimension);
    }

    private Entries train() {
        return input.data().observations(input.split().train());
    }
}
