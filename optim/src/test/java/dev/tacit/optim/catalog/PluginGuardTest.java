package dev.tacit.optim.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.Evaluation;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Optimizer;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import dev.tacit.api.TrainingEvent;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PluginGuardTest {

    /** An optimizer provider whose optimizer fails at its second step. */
    static final class Fragile implements OptimizerProvider {
        @Override
        public String name() {
            return "fragile";
        }

        @Override
        public String description() {
            return "fails at step 2";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of(Hyperparameter.real("lr", 0.1, 0, 1, "learning rate"));
        }

        @Override
        public Optimizer create(Settings settings) {
            return new Optimizer() {
                @Override
                public double learningRate() {
                    return settings.get("lr");
                }

                @Override
                public State start(List<Matrix> params) {
                    return State.EMPTY;
                }

                @Override
                public Step step(Input input, State state) {
                    if (state.step() == 1) {
                        throw new ArithmeticException("boom");
                    }
                    return new Step(input.params(), state.withStep(state.step() + 1));
                }
            };
        }
    }

    @Test
    void whatAPluginThrowsNamesThePluginAndTheCall() {
        OptimizerProvider guarded = PluginGuard.guard(OptimizerProvider.class, new Fragile(), "/plugins/fragile.jar",
                "fragile");
        assertEquals("fragile", guarded.name());
        // create(Map) is a default method: it must come back through the guard so the optimizer is wrapped too.
        Optimizer opt = guarded.create(Map.of("lr", "0.5")).get();
        assertEquals(0.5, opt.learningRate());
        List<Matrix> params = List.of(Matrix.zeros(1, 1));
        Optimizer.Input in = new Optimizer.Input(params, new Evaluation(0, 0, params), p -> null, 0.5);
        State s = opt.step(in, opt.start(params)).state();
        PluginFailure f = assertThrows(PluginFailure.class, () -> opt.step(in, s));
        assertEquals("/plugins/fragile.jar", f.plugin());
        assertEquals("step", f.call());
        assertInstanceOf(ArithmeticException.class, f.getCause());
        assertTrue(f.getMessage().contains("'fragile' threw in step(): ArithmeticException: boom"), f.getMessage());
        assertTrue(guarded.create(Map.of("lr", "7")).isInvalid(), "validation still works through the guard");
        assertEquals(guarded, guarded);
        assertTrue(guarded.toString().contains("fragile"));
    }

    /** A completion method that stops on request, and fails when it is asked to. */
    static final class Stoppable implements CompletionMethod {
        @Override
        public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                         Consumer<TrainingEvent> events) {
            throw new AssertionError("the three-argument form is not what a stopping caller uses");
        }

        @Override
        public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                         Consumer<TrainingEvent> events, BooleanSupplier stop) {
            throw new IllegalStateException(stop.getAsBoolean() ? "stopped" : "running");
        }

        @Override
        public boolean stopsOnRequest() {
            return true;
        }
    }

    @Test
    void aDefaultMethodThePluginOverridesIsThePluginsToAnswer() {
        CompletionMethod guarded = PluginGuard.guard(CompletionMethod.class, new Stoppable(), "/plugins/stop.jar",
                "stoppable");
        assertTrue(guarded.stopsOnRequest(), "the plugin's answer, not the interface's default");
        PluginFailure f = assertThrows(PluginFailure.class, () -> guarded.complete(null, null, e -> { }, () -> true));
        assertEquals("stopped", f.getCause().getMessage(), "the plugin's own four-argument form ran, guarded");
        CompletionMethod plain = PluginGuard.guard(CompletionMethod.class, (problem, random, events) -> null,
                "/plugins/plain.jar", "plain");
        assertTrue(!plain.stopsOnRequest(), "a method that says nothing keeps the default");
    }
}
