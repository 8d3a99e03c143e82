package dev.tacit.optim.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Schedule;
import dev.tacit.api.State;
import dev.tacit.api.TrainingEvent;
import dev.tacit.optim.catalog.Catalog;
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

/** The trainer asks the schedule for every step's rate, reports it, and keeps the schedule's memory in Progress. */
class ScheduledTrainingTest {

    private static final LinearNetwork NET = new LinearNetwork(5, 4, 1, 0.1);

    private static CompletionProblem problem() {
        Matrix truth = Matrix.generate(5, 4, (i, j) -> (i + 1.0) * (j + 1.0) / 10);
        int[] r = {0, 1, 2, 3, 4, 0, 2, 4};
        int[] c = {0, 1, 2, 3, 0, 2, 1, 3};
        double[] v = new double[r.length];
        for (int k = 0; k < r.length; k++) {
            v[k] = truth.get(r[k], c[k]);
        }
        Entries train = Entries.of(5, 4, r, c, v);
        Entries none = Entries.of(5, 4, new int[0], new int[0], new double[0]);
        return new CompletionProblem("tiny", train, none, train, Optional.of(truth));
    }

    private static Trainer.Run run(Schedule schedule, Progress start, long iterations, long statsEvery) {
        CompletionProblem p = problem();
        Optimizer gd = BuiltIns.optimizer("gd", Map.of("lr", "0.5"));
        LinearNetworkObjective objective = new LinearNetworkObjective(NET, p.train(),
                BuiltIns.penalty("none"), 0);
        Progress from = start != null ? start
                : Trainer.Run.freshStart(objective, gd, NET.initialParameters(new SplittableRandom(1)));
        return new Trainer.Run(objective, gd, new CompletionEvaluator(NET, p), from, iterations, 10, statsEvery,
                new TreeMap<>(), schedule);
    }

    private static List<Double> reportedRates(List<TrainingEvent> events) {
        return events.stream().filter(e -> e instanceof TrainingEvent.StepStatistics)
                .map(e -> ((TrainingEvent.StepStatistics) e).learningRate()).toList();
    }

    @Test
    void statisticsReportTheScheduledRate() {
        Schedule step = Catalog.builtIn().schedule("step").orElseThrow()
                .create(Map.of("step_size", "5", "gamma", "0.5")).get();
        List<TrainingEvent> events = new ArrayList<>();
        Trainer.train(run(step, null, 20, 5), events::add);
        // Statistics after steps 5, 10, 15, 20, which ran at 0.5·0.5^⌊(t − 1)/5⌋.
        assertEquals(List.of(0.5, 0.25, 0.125, 0.0625), reportedRates(events));
    }

    @Test
    void plateauReducesTheRateAndAResumedRunContinuesExactly() {
        // Patience 3 with a 90% relative threshold: an improvement must divide the best loss by 10, which gradient
        // descent at rate 0.5 (loss ×0.77 per step on this problem) does not do within 4 steps.
        Schedule plateau = Catalog.builtIn().schedule("plateau").orElseThrow()
                .create(Map.of("patience", "3", "threshold", "0.9")).get();
        List<TrainingEvent> events = new ArrayList<>();
        Trainer.Result whole = Trainer.train(run(plateau, null, 40, 1), events::add);
        List<Double> rates = reportedRates(events);
        assertEquals(0.5, rates.get(0));
        assertTrue(rates.get(rates.size() - 1) < 0.5, "the rate was reduced: " + rates);
        State memory = whole.end().scheduleState();
        assertTrue(memory.scalar("rate") <= rates.get(rates.size() - 1) && memory.scalar("rate") > 0, memory.toString());
        for (int i = 1; i < rates.size(); i++) {
            double ratio = rates.get(i) / rates.get(i - 1);
            assertTrue(ratio == 1 || ratio == 0.5, "only halvings: " + rates);
        }

        Trainer.Result first = Trainer.train(run(plateau, null, 25, 1), e -> { });
        Trainer.Result resumed = Trainer.train(run(plateau, first.end(), 40, 1), e -> { });
        assertEquals(whole.end().params(), resumed.end().params(), "bit for bit");
        assertEquals(whole.end().scheduleState(), resumed.end().scheduleState());
    }

    @Test
    void theOldConstructorRunsAtTheConstantBaseRate() {
        Trainer.Run r = run(Schedule.constant(), null, 10, 5);
        Trainer.Run old = new Trainer.Run(r.objective(), r.optimizer(), r.evaluator(), r.start(), 10, 10, 5,
                new TreeMap<>());
        List<TrainingEvent> events = new ArrayList<>();
        Trainer.train(old, events::add);
        assertEquals(List.of(0.5, 0.5), reportedRates(events));
        assertEquals(State.EMPTY, new Progress(0, List.of(), State.EMPTY, State.EMPTY).scheduleState());
    }
}
