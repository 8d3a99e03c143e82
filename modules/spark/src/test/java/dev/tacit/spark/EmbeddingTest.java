package dev.tacit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.optim.models.GramRatio;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.data.io.JsonReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding model trained data-parallel on local[2] matches the single-machine full-batch trainer: from the same
 * start, with the same optimizer, the final parameters agree within the linear-algebra tier (relative 1e-10 of the
 * largest entry). The two differ only in the order of the sums (over three partitions, then combined; and the ratio
 * penalty from the Gram matrices rather than Tacit's SVD route), which after a few dozen Adam steps leaves
 * differences of the order of 1e-15.
 */
class EmbeddingTest {

    @TempDir
    Path tmp;

    @Test
    void dataParallelTrainingMatchesTheSingleMachineTrainer() throws IOException {
        Path ratings = AlsTest.lowRankRatings(tmp.resolve("ratings.csv"), 11);
        SweepTest.Run run = SweepTest.tacitSpark("embedding", "--ratings", ratings.toString(), "--dimension", "4",
                "--lambda-user", "1e-3", "--lambda-item", "1e-3", "--lr", "0.05", "--steps", "40", "--eval-every",
                "20", "--partitions", "3", "--compare", "--json", "--master", "local[2]");
        assertEquals(0, run.code(), run.err());
        Map<String, Object> json = JsonReader.object(run.out().strip());
        double difference = ((Number) json.get("max_parameter_difference")).doubleValue();
        assertTrue(difference <= Tolerance.LINEAR_ALGEBRA.relative(), "relative difference " + difference);
        Tolerance.LINEAR_ALGEBRA.assertClose(((Number) json.get("single_machine_train_rmse")).doubleValue(),
                ((Number) json.get("train_rmse")).doubleValue(), "train RMSE");
        Tolerance.LINEAR_ALGEBRA.assertClose(((Number) json.get("single_machine_test_rmse")).doubleValue(),
                ((Number) json.get("test_rmse")).doubleValue(), "test RMSE");
        assertEquals(40.0, ((Number) json.get("steps")).doubleValue());
    }

    /**
     * The penalty from a Gram matrix added up from lower triangles, as the executors deliver it: value and gradient
     * against finite differences.
     */
    @Test
    void theRatioFromTheGramHasTheGradientOfItsValue() {
        SplittableRandom random = new SplittableRandom(3);
        Matrix x = Matrix.generate(30, 5, (i, j) -> random.nextGaussian());
        Matrix gram = x.transposeMultiply(x);
        double[] lower = new double[25];
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b <= a; b++) {
                lower[a * 5 + b] = gram.get(a, b);
            }
        }
        GramRatio.Result r = GramRatio.of(SparkEmbeddingObjective.symmetric(lower, 5));
        Matrix gradient = x.multiply(r.factor());
        double h = 1e-6;
        for (int k = 0; k < x.size(); k += 7) {
            int at = k;
            Matrix plus = Matrix.generate(30, 5, (i, j) -> x.at(i * 5 + j) + (i * 5 + j == at ? h : 0));
            Matrix minus = Matrix.generate(30, 5, (i, j) -> x.at(i * 5 + j) - (i * 5 + j == at ? h : 0));
            double numeric = (GramRatio.of(plus.transposeMultiply(plus)).value()
                    - GramRatio.of(minus.transposeMultiply(minus)).value()) / (2 * h);
            Tolerance.FINITE_DIFFERENCE.assertClose(numeric, gradient.at(k), "∂R/∂x_" + k);
        }
        // Between 1 and √rank, as every ratio of the nuclear to the Frobenius norm.
        assertTrue(r.value() >= 1 && r.value() <= Math.sqrt(5), "R = " + r.value());
    }
}
