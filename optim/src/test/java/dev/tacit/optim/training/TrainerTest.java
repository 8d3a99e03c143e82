package dev.tacit.optim.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Optimizer;
import dev.tacit.api.TrainingEvent;
import dev.tacit.optim.models.CompletionEvaluator;
import dev.tacit.optim.models.LinearNetwork;
import dev.tacit.optim.models.LinearNetworkObjective;
import dev.tacit.optim.testkit.BuiltIns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** A 6×6 rank-1 problem with every other entry observed. */
    private static CompletionProblem problem() {
        Matrix truth = Matrix.generate(6, 6, (i, j) -> (i + 1) * (j % 3 + 1) / 6.0);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int k = 0; k < 36; k++) {
            (k % 2 == 0 ? train : test).add(k);
        }
        return new CompletionProblem("test", observations(truth, train), observations(truth, List.of()),
                observations(truth, test), Optional.of(truth));
    }

    private static Entries observations(Matrix truth, List<Integer> positions) {
        int[] r = positions.stream().mapToInt(p -> p / 6).toArray();
        int[] c = positions.stream().mapToInt(p -> p % 6).toArray();
        double[] v = positions.stream().mapToDouble(p -> truth.at(p)).toArray();
        return Entries.of(6, 6, r, c, v);
    }

    private static Trainer.Run run(String optimizer, String lr, long iterations) {
        CompletionProblem p = problem();
        LinearNetwork net = new LinearNetwork(6, 6, 2, 0.1);
        Optimizer opt = BuiltIns.optimizer(optimizer, Map.of("lr", lr));
        LinearNetworkObjective objective = new LinearNetworkObjective(net, p.train(),
                BuiltIns.penalty("ratio"), 1e-3);
        var init = net.initialParameters(new SplittableRandom(3));
        return new Trainer.Run(objective, opt, new CompletionEvaluator(net, p),
                Trainer.Run.freshStart(objective, opt, init), iterations, 10, 5, new TreeMap<>());
    }

    @Test
    void eventsArriveInTheDocumentedOrder() {
        List<TrainingEvent> events = new ArrayList<>();
        Trainer.Result result = Trainer.train(run("adam", "0.01", 30), events::add);
        assertInstanceOf(TrainingEvent.RunStarted.class, events.get(0));
        assertInstanceOf(TrainingEvent.RunFinished.class, events.get(events.size() - 1));
        long evaluations = events.stream().filter(e -> e instanceof TrainingEvent.Evaluated).count();
        long stats = events.stream().filter(e -> e instanceof TrainingEvent.StepStatistics).count();
        assertEquals(3, evaluations, "evaluations at 10, 20 and the end (30)");
        assertEquals(6, stats, "statistics every 5 steps");
        long last = -1;
        for (TrainingEvent e : events) {
            assertTrue(e.iteration() >= last, "iterations never go back: " + events);
            last = e.iteration();
        }
        assertEquals(30, result.end().iteration());
        assertTrue(result.metrics().trainRmse() < problem().train().rmse(Matrix.zeros(6, 6)),
                "training lowered the error");
    }

    @Test
    void divergenceIsCaughtAtTheVeryFirstNonFiniteIteration() {
        // A learning rate that overflows after a few steps, not at once: the reported iteration k must be the first,
        // so the same run stopped at k − 1 is finite throughout.
        DivergenceException e = assertThrows(DivergenceException.class,
                () -> Trainer.train(run("gd", "30", 500), event -> { }));
        long k = e.iteration();
        assertTrue(k > 2, "diverges after some steps, at " + k);
        Trainer.Result before = Trainer.train(run("gd", "30", k - 1), event -> { });
        assertTrue(before.end().params().stream().allMatch(Matrix::isFinite), "finite up to iteration " + (k - 1));
        assertTrue(e.getMessage().startsWith("training diverged at iteration " + k + ": the "), e.getMessage());
    }

    @Test
    void divergenceStopsAtTheFirstNonFiniteValue() {
        List<TrainingEvent> events = new ArrayList<>();
        DivergenceException e = assertThrows(DivergenceException.class,
                () -> Trainer.train(run("gd", "1e12", 1000), events::add));
        TrainingEvent lastEvent = events.get(events.size() - 1);
        assertInstanceOf(TrainingEvent.RunFailed.class, lastEvent);
        assertEquals(e.iteration(), lastEvent.iteration());
        assertTrue(e.iteration() < 1000, "stopped early, at " + e.iteration());
        assertTrue(e.remedy().contains("learning rate"), e.remedy());
        assertTrue(events.stream().noneMatch(ev -> ev instanceof TrainingEvent.RunFinished));
    }
}
