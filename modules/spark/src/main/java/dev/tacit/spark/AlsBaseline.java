package dev.tacit.spark;

import dev.tacit.algebra.Entries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark MLlib's alternating least squares (Zhou et al. 2008, "Large-scale parallel collaborative filtering for the
 * Netflix prize"; explicit feedback) as a baseline on Tacit's splits, scored as Tacit scores its models. Under the
 * honest protocol, as {@code tacit fit}'s: each regularisation of the grid is trained on the training ratings, the
 * one of lowest validation RMSE is chosen, and the test ratings are scored once, on it.
 *
 * <p>Users or items without a training rating have no factors in ALS; they are predicted by the training mean (and
 * counted), where Tacit's models predict from their starting parameters.
 */
final class AlsBaseline {

    /**
     * ALS's settings.
     *
     * @param rank       the factors' width
     * @param regGrid    the regularisations to choose from (one: no choice)
     * @param iterations alternations
     * @param seed       the seed of ALS's initial factors
     * @param blocks     the number of user and item blocks (Spark's parallelism of one alternation)
     */
    record Config(int rank, List<Double> regGrid, int iterations, long seed, int blocks) {
        /** Copies the grid. */
        Config {
            regGrid = List.copyOf(regGrid);
        }
    }

    /**
     * One candidate regularisation.
     *
     * @param reg        its value
     * @param train      its scores on the training ratings
     * @param validation on the validation ratings
     * @param seconds    its training time
     */
    record Candidate(double reg, HeldOut train, HeldOut validation, double seconds) {
    }

    /**
     * @param candidates every regularisation tried
     * @param chosen     the index of the chosen one
     * @param test       the chosen model's scores on the test ratings
     * @param coldStart  test ratings whose user or item had no training rating (predicted by the mean)
     * @param seconds    wall time, data preparation included
     */
    record Outcome(List<Candidate> candidates, int chosen, HeldOut test, int coldStart, double seconds) {
        /** Copies the list. */
        Outcome {
            candidates = List.copyOf(candidates);
        }

        /** @return the chosen candidate */
        Candidate chosenCandidate() {
            return candidates.get(chosen);
        }
    }

    private static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.IntegerType, false)
            .add("item", DataTypes.IntegerType, false)
            .add("rating", DataTypes.FloatType, false);

    private AlsBaseline() {
    }

    /**
     * @param spark the session
     * @param input the data and its split
     * @param c     ALS's settings
     * @return the candidates and the chosen one's test scores
     * @throws IOException if the temporary checkpoint directory of a local master cannot be made or removed
     */
    static Outcome run(SparkSession spark, RatingInput input, Config c) throws IOException {
        long t0 = System.nanoTime();
        // ALS checkpoints its factors every 10 iterations, but only with a checkpoint directory; without one the
        // lineage grows with every iteration until serialising a task overflows the stack (about 20 iterations).
        // On a local master a temporary directory serves; a cluster's must be shared (spark.checkpoint.dir).
        Path checkpoints = null;
        if (spark.sparkContext().getCheckpointDir().isEmpty() && spark.sparkContext().isLocal()) {
            checkpoints = Files.createTempDirectory("tacit-als-checkpoints");
            spark.sparkContext().setCheckpointDir(checkpoints.toString());
        }
        try {
            return fit(spark, input, c, t0);
        } finally {
            if (checkpoints != null) {
                deleteTree(checkpoints);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Outcome fit(SparkSession spark, RatingInput input, Config c, long t0) {
        var data = input.data();
        Entries train = data.observations(input.split().train());
        Entries validation = data.observations(input.split().validation());
        Entries test = data.observations(input.split().test());
        double mean = mean(train);
        Dataset<Row> trainFrame = frame(spark, train).cache();
        Dataset<Row> validationFrame = frame(spark, validation).cache();
        Dataset<Row> testFrame = frame(spark, test);
        List<Candidate> candidates = new ArrayList<>();
        List<ALSModel> models = new ArrayList<>();
        int chosen = 0;
        for (double reg : c.regGrid()) {
            long t = System.nanoTime();
            ALSModel model = new ALS().setRank(c.rank()).setRegParam(reg).setMaxIter(c.iterations())
                    .setSeed(c.seed()).setNumBlocks(c.blocks()).setUserCol("user").setItemCol("item")
                    .setRatingCol("rating").setColdStartStrategy("nan").fit(trainFrame);
            double seconds = (System.nanoTime() - t) / 1e9;
            Candidate candidate = new Candidate(reg, score(model, trainFrame, train, mean, data.minRating(),
                    data.maxRating()).scores(), score(model, validationFrame, validation, mean, data.minRating(),
                    data.maxRating()).scores(), seconds);
            candidates.add(candidate);
            models.add(model);
            if (candidate.validation().rmse() < candidates.get(chosen).validation().rmse()) {
                chosen = candidates.size() - 1;
            }
        }
        // The test ratings are scored here, once, on the chosen model.
        Scored scored = score(models.get(chosen), testFrame, test, mean, data.minRating(), data.maxRating());
        trainFrame.unpersist();
        validationFrame.unpersist();
        return new Outcome(candidates, chosen, scored.scores(), scored.coldStart(), (System.nanoTime() - t0) / 1e9);
    }

    private record Scored(HeldOut scores, int coldStart) {
    }

    /** Predicts every rating of a part on the executors and scores the predictions on the driver. */
    private static Scored score(ALSModel model, Dataset<Row> frame, Entries part, double mean, double min,
                                double max) {
        Map<Long, Double> predictions = new HashMap<>();
        for (Row r : model.transform(frame).select("user", "item", "prediction").collectAsList()) {
            predictions.put(key(r.getInt(0), r.getInt(1)), (double) r.getFloat(2));
        }
        double[] predicted = new double[part.size()];
        int cold = 0;
        for (int k = 0; k < part.size(); k++) {
            Double p = predictions.get(key(part.row(k), part.col(k)));
            if (p == null || p.isNaN()) {
                cold++;
                predicted[k] = mean;
            } else {
                predicted[k] = p;
            }
        }
        return new Scored(HeldOut.of(predicted, part.values(), min, max), cold);
    }

    private static long key(int user, int item) {
        return ((long) user << 32) | (item & 0xffffffffL);
    }

    private static double mean(Entries e) {
        double s = 0;
        for (int k = 0; k < e.size(); k++) {
            s += e.value(k);
        }
        return e.size() == 0 ? 0 : s / e.size();
    }

    private static Dataset<Row> frame(SparkSession spark, Entries e) {
        List<Row> rows = new ArrayList<>(e.size());
        for (int k = 0; k < e.size(); k++) {
            rows.add(RowFactory.create(e.row(k), e.col(k), (float) e.value(k)));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /**
     * @param input the data
     * @param c     the settings
     * @param o     the outcome
     * @param master where it ran
     * @return the JSON object of {@code tacit-spark als --json}, named as {@code tacit fit --json}'s
     */
    static Map<String, Object> toMap(RatingInput input, Config c, Outcome o, String master) {
        Map<String, Object> m = new LinkedHashMap<>();
        Candidate best = o.chosenCandidate();
        m.put("model", "als");
        m.put("train_rmse", best.train().rmse());
        m.put("validation_rmse", best.validation().rmse());
        m.put("test_rmse", o.test().rmse());
        m.put("train_mae", best.train().mae());
        m.put("validation_mae", best.validation().mae());
        m.put("test_mae", o.test().mae());
        m.put("seconds", o.seconds());
        m.put("ratings", input.data().size());
        m.put("users", input.data().users());
        m.put("items", input.data().items());
        m.put("cold_start_test_ratings", o.coldStart());
        m.put("chosen_reg", best.reg());
        List<Object> candidates = new ArrayList<>();
        for (Candidate k : o.candidates()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("reg", k.reg());
            cm.put("train_rmse", k.train().rmse());
            cm.put("validation_rmse", k.validation().rmse());
            cm.put("seconds", k.seconds());
            candidates.add(cm);
        }
        m.put("candidates", candidates);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("rank", c.rank());
        config.put("reg_grid", new ArrayList<Object>(c.regGrid()));
        config.put("iterations", c.iterations());
        config.put("seed", c.seed());
        config.put("blocks", c.blocks());
        config.put("master", master);
        m.put("config", config);
        m.put("data", input.describe());
        return m;
    }
}
