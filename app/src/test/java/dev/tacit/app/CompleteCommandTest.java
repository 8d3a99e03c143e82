package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.TrainingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tacit complete}, run in-process with captured output. */
class CompleteCommandTest {

    private static final String[] SMALL = {"--size", "30", "--rank", "2", "--observed", "450", "--json", "--quiet"};

    private static CliRun complete(String method, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("complete", "--method", method));
        args.addAll(List.of(SMALL));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cp", "softimpute", "optspace"})
    void everyMethodReportsTheKeysOfTrainAndHowItStopped(String method) {
        CliRun run = complete(method);
        assertEquals(0, run.code(), run.err());
        for (String key : List.of("train_rmse", "test_rmse", "relative_error", "effective_rank",
                "target_effective_rank", "iterations", "seconds", "max_iterations")) {
            assertTrue(Double.isFinite(run.number(key)), key + " in " + run.out());
        }
        assertTrue(run.out().contains("\"converged\":true") || run.out().contains("\"converged\":false"), run.out());
        assertTrue(run.out().matches("(?s).*\"stop_reason\":\"(converged|iteration_cap|stalled)\".*"), run.out());
        assertTrue(run.out().contains("\"config\":{\"size\":\"30x30\",\"rank\":2,\"observed\":450,\"method\":\""
                + method + "\",\"method_settings\":{"), run.out());
        assertTrue(run.number("iterations") <= run.number("max_iterations"));
        assertEquals(1, run.out().trim().lines().count(), "exactly one line of JSON on stdout");
        assertTrue(run.err().isEmpty(), "--quiet prints no progress: " + run.err());
    }

    @Test
    void theNetworkThroughCompleteIsTrainExactly() {
        String[] network = {"--iterations", "60", "--eval-every", "20", "--depth", "2", "--lr", "0.002"};
        CliRun viaComplete = complete("lnn", network);
        List<String> train = new java.util.ArrayList<>(List.of("train"));
        train.addAll(List.of(SMALL));
        train.addAll(List.of(network));
        CliRun viaTrain = CliRun.of(train.toArray(String[]::new));
        assertEquals(0, viaComplete.code(), viaComplete.err());
        assertEquals(0, viaTrain.code(), viaTrain.err());
        for (String key : List.of("train_rmse", "test_rmse", "relative_error", "effective_rank", "loss")) {
            assertEquals(viaTrain.number(key), viaComplete.number(key), key);
        }
        assertEquals(60, viaComplete.number("max_iterations"));
        assertTrue(viaComplete.out().contains("\"stop_reason\":\"iterations\""), viaComplete.out());
        assertTrue(viaComplete.out().contains("\"method\":\"lnn\",\"depth\":2"), viaComplete.out());
    }

    @Test
    void methodSettingsApplyAndAreReported() {
        CliRun run = complete("cp", "--method-opt", "box=0", "--method-opt", "max_iterations=3");
        assertEquals(0, run.code(), run.err());
        assertEquals(3, run.number("iterations"));
        assertTrue(run.out().contains("\"stop_reason\":\"iteration_cap\""), run.out());
        assertTrue(run.out().contains("\"method_settings\":{\"box\":0.0,\"eval_every\":100,\"max_iterations\":3,"),
                run.out());
    }

    @Test
    void theSummaryShowsHowTheRunStopped() {
        CliRun run = CliRun.of("complete", "--method", "optspace", "--size", "20", "--rank", "2", "--observed", "200",
                "--method-opt", "eval_every=1");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("Completed synthetic 20x20 rank 2, 200 observed, seed 0 with optspace ("),
                run.out());
        assertTrue(run.out().contains("stopped") && run.out().contains("test RMSE")
                && run.out().contains("diagnostics"), run.out());
        assertTrue(run.err().contains("[ 1/50   2%]"), "progress on stderr: " + run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "--method|svt|unknown method 'svt' for --method; choose one of: cp, lnn, optspace, softimpute",
        "--method-opt|box=-1|bad --method-opt for cp: box must be in [0,",
        "--method-opt|bogus=1|unknown setting 'bogus' (known: box, eval_every, max_iterations, tolerance)",
        "--rank|500|--rank must be between 1 and 30",
        "--observed|900|--observed must be between 1 and 899",
        "--depth|3|--depth applies only to --method lnn; set cp with --method-opt KEY=VALUE",
    })
    void badInputIsAUsageErrorThatNamesTheOption(String option, String value, String message) {
        CliRun run = option.equals("--method") ? CliRun.of("complete", "--size", "30", option, value)
                : CliRun.of("complete", "--method", "cp", "--size", "30", option, value);
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertFalse(run.err().contains("Exception"), "no stack trace: " + run.err());
        assertTrue(run.out().isEmpty(), "nothing on stdout: " + run.out());
    }

    @Test
    void everyBadMethodSettingIsReportedAtOnce() {
        CliRun run = CliRun.of("complete", "--method", "softimpute", "--method-opt", "reference=2", "--method-opt",
                "nonsense=1", "--method-opt", "lambda=x");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("reference must be in [0, 1]") && run.err().contains("unknown setting "
                + "'nonsense'") && run.err().contains("lambda must be a number"), run.err());
    }

    @Test
    void aSettingThatDoesNotFitTheProblemNamesMethodOpt() {
        CliRun run = complete("optspace", "--method-opt", "rank=31");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("--method-opt rank must be at most 30 for a 30x30 matrix"), run.err());
    }

    @Test
    void theNetworkTakesTheOptionsOfTrainNotMethodOpt() {
        CliRun run = complete("lnn", "--method-opt", "depth=2");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--method lnn takes the network options of 'tacit train' (--depth,"), run.err());
        CliRun missing = CliRun.of("complete", "--size", "30");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--method"), missing.err());
    }

    @Test
    void helpListsTheMethodsAndTheSharedOptions() {
        CliRun help = CliRun.of("complete", "--help");
        assertEquals(0, help.code());
        for (String option : List.of("--method", "--method-opt", "--size", "--rank", "--observed", "--seed", "--json",
                "--quiet", "--depth", "--lambda")) {
            assertTrue(help.out().contains(option), option + " in: " + help.out());
        }
        assertTrue(help.out().contains("cp (minimum nuclear norm), softimpute, optspace"), help.out());
        assertTrue(CliRun.of("--help").out().contains("complete"));
    }

    /** A method that does not stop on request, publishing one event per iteration. */
    private static CompletionMethod unstoppable(int[] iterations, CompletionResult result) {
        return (problem, random, events) -> {
            for (int it = 1; it <= 5; it++) {
                iterations[0] = it;
                events.accept(new TrainingEvent.RunStarted(it, 0, 5, new TreeMap<>(Map.of())));
            }
            return result;
        };
    }

    @Test
    void aMethodThatCannotStopIsAbandonedAtItsNextEventAndOneThatCanIsAskedToStop() {
        int[] iterations = new int[1];
        List<TrainingEvent> seen = new ArrayList<>();
        boolean[] stop = {false};
        CompletionMethod plain = unstoppable(iterations, null);
        Execution.Completion abandoning = CompleteCommand.stopping(plain);
        abandoning.complete(null, null, seen::add, () -> stop[0]);
        assertEquals(5, seen.size(), "runs to its end while nobody asks it to stop");
        stop[0] = true;
        assertThrows(Execution.Abandoned.class, () -> abandoning.complete(null, null, seen::add, () -> stop[0]));
        assertEquals(1, iterations[0], "abandoned at its first event after the request");

        boolean[] asked = {false};
        CompletionMethod stoppable = new CompletionMethod() {
            @Override
            public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                             Consumer<TrainingEvent> events) {
                throw new AssertionError("a stoppable method is given the stop request");
            }

            @Override
            public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                             Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
                asked[0] = stopRequested.getAsBoolean();
                events.accept(new TrainingEvent.RunStarted(0, 0, 1, new TreeMap<>(Map.of())));
                return null;
            }

            @Override
            public boolean stopsOnRequest() {
                return true;
            }
        };
        List<TrainingEvent> passed = new ArrayList<>();
        assertSame(null, CompleteCommand.stopping(stoppable).complete(null, null, passed::add, () -> true));
        assertTrue(asked[0], "the request reaches the method");
        assertEquals(1, passed.size(), "and its events are not cut off");
    }
}
