package dev.tacit.optim.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.RandomMatrices;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OptSpaceTest {

    @Test
    void theRankEstimateFindsAClearGap() {
        // Five large singular values over a slowly decaying tail, as from a rank-5 matrix seen through a sample.
        double[] sigma = new double[40];
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = i < 5 ? 100 - 5 * i : 10 - 0.2 * i;
        }
        assertEquals(5, OptSpace.estimateRank(sigma, 800, 40, 40));
    }

    @Test
    void theRankEstimateIsAtLeastOne() {
        assertEquals(1, OptSpace.estimateRank(new double[] {0, 0, 0}, 3, 3, 3));
        assertEquals(1, OptSpace.estimateRank(new double[] {2}, 1, 1, 1));
    }

    @Test
    void aRankLargerThanTheMatrixNamesTheSetting() {
        CompletionProblem problem = LowRankProblems.problem(10, 12, 2, 60, 1);
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> LowRankProblems.run(
                LowRankProblems.method(new OptSpace.Provider(), Map.of("rank", "11")), problem));
        assertEquals("rank", e.setting());
        assertEquals("11", e.value());
    }

    /**
     * Trimming: a row and a column observed in full (far above twice the average degree) are left out of the spectral
     * start, as the paper prescribes, and the cleaning step, which uses every entry, still recovers the matrix.
     */
    @Test
    void overRepresentedRowsAndColumnsAreTrimmedFromTheSpectralStart() {
        int n = 40;
        Matrix w = RandomMatrices.lowRank(n, n, 2, new SplittableRandom(4));
        Matrix truth = w.scale(n / w.frobeniusNorm());
        SplittableRandom rng = new SplittableRandom(5);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int p = 0; p < n * n; p++) {
            boolean full = p / n == 0 || p % n == 0;
            (full || rng.nextDouble() < 0.45 ? train : test).add(p);
        }
        CompletionProblem problem = new CompletionProblem("a full row and column",
                LowRankProblems.entries(truth, train.stream().mapToInt(Integer::intValue).toArray(), 0, train.size()),
                Entries.of(n, n, new int[0], new int[0], new double[0]),
                LowRankProblems.entries(truth, test.stream().mapToInt(Integer::intValue).toArray(), 0, test.size()),
                java.util.Optional.of(truth));
        CompletionResult result = LowRankProblems.run(LowRankProblems.method(new OptSpace.Provider(),
                Map.of("rank", "2", "max_iterations", "300")), problem).result();
        assertEquals(1.0, result.convergence().diagnostics().get("trimmed_rows"));
        assertEquals(1.0, result.convergence().diagnostics().get("trimmed_columns"));
        assertTrue(result.convergence().converged(), result.convergence().toString());
        assertTrue(result.metrics().relativeError() < 1e-5, result.metrics().toString());
    }

    @Test
    void orthonormalColumnsStayOrthonormalAndSpanTheSameSpace() {
        Matrix x = RandomMatrices.gaussian(30, 4, new SplittableRandom(9));
        Matrix q = Matrix.fromRows(OptSpace.orthonormal(x.toRows()));
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.identity(4), q.transposeMultiply(q), "QᵀQ");
        // X lies in the span of Q: X = Q Qᵀ X.
        Tolerance.LINEAR_ALGEBRA.assertClose(x, q.multiply(q.transposeMultiply(x)), "projection of X");
    }

    @Test
    void aDependentColumnIsReplacedByANewDirection() {
        double[][] x = new double[5][2];
        for (int i = 0; i < 5; i++) {
            x[i][0] = i + 1;
            x[i][1] = 2 * (i + 1);
        }
        Matrix q = Matrix.fromRows(OptSpace.orthonormal(x));
        Tolerance.LINEAR_ALGEBRA.assertClose(Matrix.identity(2), q.transposeMultiply(q), "QᵀQ");
    }
}
