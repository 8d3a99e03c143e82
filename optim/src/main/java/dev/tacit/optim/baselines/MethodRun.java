package dev.tacit.optim.baselines;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.Convergence;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Metrics;
import dev.tacit.api.Settings;
import dev.tacit.api.TrainingEvent;
import dev.tacit.optim.models.CompletionEvaluator;
import dev.tacit.optim.training.DivergenceException;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The event protocol of one baseline run, so each algorithm only says what happened: {@link TrainingEvent.RunStarted}
 * at construction, an {@link TrainingEvent.Evaluated} every {@code evalEvery} iterations and at the end (once), then
 * exactly one {@link TrainingEvent.RunFinished} or {@link TrainingEvent.RunFailed}.
 */
final class MethodRun {

    private final CompletionProblem problem;
    private final Consumer<TrainingEvent> events;
    private final long evalEvery;
    private final BooleanSupplier stopRequested;
    private final long t0 = System.nanoTime();
    private long lastEvaluated = -1;

    /**
     * Starts the run and publishes its start.
     *
     * @param method        the method's name
     * @param settings      its resolved hyperparameters
     * @param problem       the data
     * @param maxIterations the cap on iterations, shown as the plan
     * @param evalEvery     publish an evaluation every this many iterations; 0 for none before the end
     * @param events        the sink
     * @param stopRequested whether the caller asks the run to stop ({@link #stopRequested()})
     */
    MethodRun(String method, Settings settings, CompletionProblem problem, long maxIterations, long evalEvery,
              Consumer<TrainingEvent> events, BooleanSupplier stopRequested) {
        this.problem = problem;
        this.events = events;
        this.evalEvery = evalEvery;
        this.stopRequested = stopRequested;
        TreeMap<String, String> configuration = new TreeMap<>();
        settings.values().forEach((k, v) -> configuration.put(k, String.valueOf(v)));
        configuration.put("method", method);
        configuration.put("problem", problem.name());
        events.accept(new TrainingEvent.RunStarted(0, 0, maxIterations, configuration));
    }

    /**
     * Validation for the methods' records.
     *
     * @param ok          whether the value is acceptable
     * @param setting     the setting's name
     * @param value       its value
     * @param requirement what it must be
     * @throws InvalidValueException if it is not acceptable
     */
    static void require(boolean ok, String setting, Object value, String requirement) {
        if (!ok) {
            throw new InvalidValueException(setting, value, requirement);
        }
    }

    /**
     * @return whether the caller asked the run to stop: the method then ends after its current iteration and finishes
     *         with what it has, as {@link dev.tacit.api.StopReason#INTERRUPTED}
     */
    boolean stopRequested() {
        return stopRequested.getAsBoolean();
    }

    /** @return seconds since the start */
    double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Publishes an evaluation if this iteration is due one. The matrix is only built when it is.
     *
     * @param iteration iterations done
     * @param current   the current completed matrix
     * @param loss      the method's objective now
     * @param penalty   its regularisation part (NaN if none)
     */
    void iterated(long iteration, Supplier<Matrix> current, double loss, double penalty) {
        if (evalEvery > 0 && iteration % evalEvery == 0) {
            lastEvaluated = iteration;
            events.accept(new TrainingEvent.Evaluated(iteration, seconds(),
                    CompletionEvaluator.of(current.get(), problem, loss, penalty, CompletionEvaluator.DEFAULT_TOP)));
        }
    }

    /**
     * Stops the run, with a {@link TrainingEvent.RunFailed} first, if a value is not finite.
     *
     * @param iteration the iteration that produced it
     * @param value     the value to check
     * @param quantity  what it is, for the message
     */
    void requireFinite(long iteration, double value, String quantity) {
        if (!Double.isFinite(value)) {
            String remedy = "check that the observed values are finite and of moderate size; if they are, please "
                    + "report this with the command line you used";
            DivergenceException ex = new DivergenceException(iteration, quantity, remedy);
            events.accept(new TrainingEvent.RunFailed(iteration, seconds(), ex.getMessage(), remedy));
            throw ex;
        }
    }

    /**
     * Scores the result and publishes the end of the run.
     *
     * @param completed   the completed matrix
     * @param loss        the method's objective at the end
     * @param penalty     its regularisation part (NaN if none)
     * @param convergence how the run ended
     * @return the result
     */
    CompletionResult finish(Matrix completed, double loss, double penalty, Convergence convergence) {
        if (!completed.isFinite()) {
            requireFinite(convergence.iterations(), Double.NaN, "completed matrix");
        }
        Metrics metrics = CompletionEvaluator.of(completed, problem, loss, penalty, CompletionEvaluator.DEFAULT_TOP);
        double seconds = seconds();
        if (lastEvaluated != convergence.iterations()) {
            events.accept(new TrainingEvent.Evaluated(convergence.iterations(), seconds, metrics));
        }
        events.accept(new TrainingEvent.RunFinished(convergence.iterations(), seconds, metrics, convergence.status()));
        return new CompletionResult(completed, metrics, convergence, seconds);
    }
}
