package dev.tacit.optim.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.Convergence;
import dev.tacit.api.Optimizer;
import dev.tacit.api.TrainingEvent;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.testkit.BuiltIns;
import dev.tacit.optim.training.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The network as a completion method is exactly the trainer's run. */
class LinearNetworkMethodTest {

    private static CompletionProblem problem() {
        Matrix truth = Matrix.generate(6, 6, (i, j) -> (i + 1) * (j % 3 + 1) / 6.0);
        int[] train = {0, 2, 4, 7, 9, 11, 12, 15, 17, 19, 20, 22, 25, 27, 29, 30, 33, 35};
        int[] test = {1, 3, 5, 6, 8, 10, 13, 14, 16, 18, 21, 23, 24, 26, 28, 31, 32, 34};
        return new CompletionProblem("6x6", entries(truth, train), entries(truth, new int[0]),
                entries(truth, test), java.util.Optional.of(truth));
    }

    private static Entries entries(Matrix truth, int[] positions) {
        int[] r = new int[positions.length];
        int[] c = new int[positions.length];
        double[] v = new double[positions.length];
        for (int k = 0; k < positions.length; k++) {
            r[k] = positions[k] / 6;
            c[k] = positions[k] % 6;
            v[k] = truth.at(positions[k]);
        }
        return Entries.of(6, 6, r, c, v);
    }

    @Test
    void itIsTheTrainersRun() {
        CompletionProblem p = problem();
        Optimizer adam = BuiltIns.optimizer("adam", Map.of("lr", "0.01"));
        LinearNetworkMethod method = new LinearNetworkMethod(2, 0.1, adam, BuiltIns.penalty("ratio"),
                dev.tacit.api.Schedule.constant(),
                1e-3, 40, 10, new TreeMap<>(Map.of("method", "lnn")));
        List<TrainingEvent> events = new ArrayList<>();
        CompletionResult result = method.complete(p, new SplittableRandom(3), events::add);

        LinearNetwork net = new LinearNetwork(6, 6, 2, 0.1);
        LinearNetworkObjective objective = new LinearNetworkObjective(net, p.train(),
                BuiltIns.penalty("ratio"), 1e-3);
        Trainer.Result direct = Trainer.train(new Trainer.Run(objective, adam, new CompletionEvaluator(net, p),
                Trainer.Run.freshStart(objective, adam, net.initialParameters(new SplittableRandom(3))), 40, 10, 10,
                new TreeMap<>()), e -> { });
        assertEquals(net.predict(direct.end().params()), result.completed(), "bit for bit the same network");
        assertEquals(direct.metrics().testRmse(), result.metrics().testRmse());
        assertEquals(Convergence.planned(40), result.convergence());
        TrainingEvent.RunStarted start = assertInstanceOf(TrainingEvent.RunStarted.class, events.get(0));
        assertEquals("6x6", start.configuration().get("problem"));
        assertInstanceOf(TrainingEvent.RunFinished.class, events.get(events.size() - 1));
    }

    @Test
    void theProviderIsAdamWithTheRatioPenalty() {
        CompletionMethod method = Catalog.builtIn().method("lnn").orElseThrow()
                .create(Map.of("iterations", "30", "eval_every", "10", "lr", "0.01")).get();
        LinearNetworkMethod lnn = assertInstanceOf(LinearNetworkMethod.class, method);
        assertEquals(0.01, lnn.optimizer().learningRate());
        assertEquals("adam", lnn.configuration().get("optimizer"));
        assertEquals("ratio", lnn.configuration().get("penalty"));
        CompletionResult result = lnn.complete(problem(), new SplittableRandom(1), e -> { });
        assertEquals(30, result.convergence().iterations());
        assertTrue(result.metrics().trainRmse() < problem().train().rmse(Matrix.zeros(6, 6)), "it trains");
    }
}
