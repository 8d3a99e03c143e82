package dev.tacit.optim.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Entries;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.Convergence;
import dev.tacit.api.StopReason;
import dev.tacit.api.TrainingEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every baseline respects its caps, says when it hit one, and publishes the documented event sequence. */
class CapsAndEventsTest {

    static Stream<Arguments> cappedRuns() {
        return Stream.of(
                Arguments.of(new NuclearNormCompletion.Provider(), Map.of("max_iterations", "7"), 7L),
                Arguments.of(new NuclearNormCompletion.Provider(), Map.of("max_iterations", "7", "box", "0"), 7L),
                Arguments.of(new SoftImpute.Provider(), Map.of("max_iterations", "4", "path_length", "3"), 12L),
                Arguments.of(new SoftImpute.Provider(), Map.of("max_iterations", "4", "lambda", "0.01"), 4L),
                Arguments.of(new SoftImpute.Provider(), Map.of("max_iterations", "4", "reference", "1"), 4L),
                Arguments.of(new OptSpace.Provider(), Map.of("max_iterations", "3"), 3L),
                Arguments.of(new OptSpace.Provider(), Map.of("max_iterations", "0"), 0L));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cappedRuns")
    void aRunThatHitsItsCapSaysSo(CompletionMethodProvider provider, Map<String, String> settings, long cap) {
        CompletionProblem problem = LowRankProblems.problem(30, 30, 2, 450, 5);
        LowRankProblems.Run run = LowRankProblems.run(LowRankProblems.method(provider, settings), problem);
        Convergence c = run.result().convergence();
        assertEquals(StopReason.ITERATION_CAP, c.status(), c.toString());
        assertEquals(cap, c.iterations(), c.toString());
        assertEquals(cap, c.maxIterations(), c.toString());
        assertTrue(c.finalValue() > c.tolerance() || Double.isNaN(c.finalValue()), c.toString());
        assertEventsInOrder(run.events(), cap, "iteration_cap");
        assertTrue(run.result().completed().isFinite());
    }

    static Stream<Arguments> stoppableRuns() {
        return Stream.of(
                Arguments.of(new NuclearNormCompletion.Provider(), Map.of()),
                Arguments.of(new SoftImpute.Provider(), Map.of("lambda", "0.01")),
                Arguments.of(new SoftImpute.Provider(), Map.of("reference", "1")),
                Arguments.of(new OptSpace.Provider(), Map.of()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stoppableRuns")
    void aStopRequestEndsTheRunWithItsCurrentIterate(CompletionMethodProvider provider, Map<String, String> settings) {
        CompletionProblem problem = LowRankProblems.problem(30, 30, 2, 450, 5);
        CompletionMethod method = LowRankProblems.method(provider, settings);
        assertTrue(method.stopsOnRequest(), provider.name());
        List<TrainingEvent> events = new ArrayList<>();
        CompletionResult stopped = method.complete(problem, new SplittableRandom(1), events::add, () -> true);
        Convergence c = stopped.convergence();
        assertEquals(StopReason.INTERRUPTED, c.status(), c.toString());
        assertEquals(1, c.iterations(), c.toString());
        assertEventsInOrder(events, 1, "interrupted");
        // What it has is its iterate after that iteration: the same matrix as a run capped at one iteration.
        Map<String, String> capped = new HashMap<>(settings);
        capped.put("max_iterations", "1");
        CompletionResult one = LowRankProblems.run(LowRankProblems.method(provider, capped), problem).result();
        assertEquals(one.completed(), stopped.completed());
        assertEquals(one.metrics().testRmse(), stopped.metrics().testRmse());
    }

    @Test
    void aStopOnSoftImputesPathKeepsTheBestSolutionSoFar() {
        CompletionProblem problem = LowRankProblems.problem(30, 30, 2, 450, 5);
        CompletionMethod path = LowRankProblems.method(new SoftImpute.Provider(), Map.of("path_length", "3"));
        int[] asked = new int[1];
        List<TrainingEvent> events = new ArrayList<>();
        CompletionResult stopped = path.complete(problem, new SplittableRandom(1), events::add,
                () -> ++asked[0] >= 5);
        Convergence c = stopped.convergence();
        assertEquals(StopReason.INTERRUPTED, c.status(), c.toString());
        assertEquals(5, c.iterations(), c.toString());
        assertEventsInOrder(events, 5, "interrupted");
        assertTrue(stopped.completed().isFinite());
        // Not asked again after the stop, and the unstopped run goes on to its end.
        assertEquals(5, asked[0]);
        assertTrue(LowRankProblems.run(path, problem).result().convergence().iterations() > 5);
    }

    static Stream<Arguments> defaultRuns() {
        return Stream.of(Arguments.of(new NuclearNormCompletion.Provider()), Arguments.of(new SoftImpute.Provider()),
                Arguments.of(new OptSpace.Provider()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaultRuns")
    void aRunReportsItsIterationsAndHowItStopped(CompletionMethodProvider provider) {
        CompletionProblem problem = LowRankProblems.problem(30, 30, 2, 600, 6);
        LowRankProblems.Run run = LowRankProblems.run(LowRankProblems.method(provider, Map.of()), problem);
        Convergence c = run.result().convergence();
        assertTrue(c.iterations() >= 1 && c.iterations() <= c.maxIterations(), c.toString());
        assertEquals(c.converged(), c.status() == StopReason.CONVERGED);
        assertTrue(c.status() != StopReason.PLANNED, "a baseline has a convergence test: " + c);
        assertTrue(!c.criterion().isBlank() && c.tolerance() > 0, c.toString());
        assertEventsInOrder(run.events(), c.iterations(), c.status().label());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaultRuns")
    void anUnobservableProblemCompletesToZero(CompletionMethodProvider provider) {
        CompletionProblem zeros = LowRankProblems.problem(10, 10, 1, 30, 8);
        CompletionProblem problem = new CompletionProblem("all observed values 0",
                Entries.of(10, 10, rows(zeros), cols(zeros), new double[zeros.train().size()]),
                zeros.validation(), zeros.test(), zeros.truth());
        LowRankProblems.Run run = LowRankProblems.run(LowRankProblems.method(provider, Map.of()), problem);
        assertEquals(0, run.result().completed().maxAbs());
        assertEventsInOrder(run.events(), run.result().convergence().iterations(),
                run.result().convergence().status().label());
    }

    private static int[] rows(CompletionProblem p) {
        int[] r = new int[p.train().size()];
        for (int k = 0; k < r.length; k++) {
            r[k] = p.train().row(k);
        }
        return r;
    }

    private static int[] cols(CompletionProblem p) {
        int[] c = new int[p.train().size()];
        for (int k = 0; k < c.length; k++) {
            c[k] = p.train().col(k);
        }
        return c;
    }

    /** RunStarted first with the cap as its plan, evaluations in order, one final evaluation, RunFinished last. */
    private static void assertEventsInOrder(List<TrainingEvent> events, long iterations, String reason) {
        TrainingEvent.RunStarted start = assertInstanceOf(TrainingEvent.RunStarted.class, events.get(0));
        assertTrue(start.configuration().containsKey("method") && start.configuration().containsKey("problem"),
                start.configuration().toString());
        TrainingEvent.RunFinished finish = assertInstanceOf(TrainingEvent.RunFinished.class,
                events.get(events.size() - 1));
        assertEquals(iterations, finish.iteration());
        assertEquals(reason, finish.reason().label());
        TrainingEvent beforeLast = events.get(events.size() - 2);
        assertInstanceOf(TrainingEvent.Evaluated.class, beforeLast);
        assertEquals(iterations, beforeLast.iteration(), "the final evaluation is published once");
        long last = -1;
        double seconds = 0;
        for (TrainingEvent e : events.subList(1, events.size())) {
            assertTrue(e instanceof TrainingEvent.Evaluated || e == finish, "only evaluations in between: " + e);
            assertTrue(e.iteration() > last || e == finish, "iterations increase: " + events);
            assertTrue(e.seconds() >= seconds, "time never goes back");
            last = e.iteration();
            seconds = e.seconds();
        }
    }
}
