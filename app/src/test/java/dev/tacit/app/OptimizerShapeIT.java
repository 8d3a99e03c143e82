package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shape of docs/optimizer-table.md (docs/method.md §6): with the ratio penalty at λ 1e-3, on the default synthetic
 * problem at depth 1 and 30,000 iterations, RMSprop completes the matrix like Adam, while Nesterov momentum, Adagrad
 * and AMSGrad do not, at the learning rates of scripts/optimizer-table.sh. (Adam and GD: ReproductionIT.) Minutes
 * each, so only in the {@code reproduce} profile: {@code mvn -Preproduce verify}.
 */
@Tag("reproduction")
class OptimizerShapeIT {

    @ParameterizedTest
    @CsvSource({"rmsprop, 1e-3, true", "nesterov, 50, false", "adagrad, 0.03, false", "amsgrad, 1e-3, false"})
    void completesOnlyWithAnAdamLikeOptimizer(String optimizer, String lr, boolean completes) throws Exception {
        CliRun run = Image.run(20 * 60, "train", "--optimizer", optimizer, "--lr", lr, "--json", "--quiet");
        assertEquals(0, run.code(), run.err());
        if (completes) {
            assertTrue(run.number("test_rmse") < 0.01, run.out());
            assertTrue(Math.abs(run.number("effective_rank") - run.number("target_effective_rank")) < 0.2, run.out());
        } else {
            assertTrue(run.number("test_rmse") > 0.5, run.out());
            assertTrue(run.number("effective_rank") > 2 * run.number("target_effective_rank"), run.out());
        }
    }
}
