package dev.tacit.app.metrics;

import dev.tacit.api.Metrics;
import dev.tacit.api.TrainingEvent;
import dev.tacit.app.pipeline.Delivery;
import dev.tacit.app.pipeline.Observer;
import dev.tacit.optim.models.CompletionEvaluator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Turns the events of a run into Micrometer meters: an observer of the pipeline and a {@link MeterBinder}.
 *
 * <ul>
 *   <li>{@code tacit.training.steps} (counter): optimizer steps taken in this run;
 *       {@code tacit.training.steps.planned} (gauge): steps the run will take.</li>
 *   <li>{@code tacit.training.step.duration} (timer, seconds): wall time of the steps whose statistics reached this
 *       observer (all of them unless events were dropped).</li>
 *   <li>{@code tacit.training.loss}, {@code tacit.training.penalty} (λ·R), {@code tacit.training.gradient.norm},
 *       {@code tacit.training.learning.rate} (gauges): at the latest step statistics or evaluation.</li>
 *   <li>{@code tacit.evaluation.train.rmse}, {@code .test.rmse}, {@code .relative.error}, {@code .effective.rank},
 *       {@code .nuclear.norm} (gauges): at the latest evaluation; {@code tacit.evaluation.singular.value} (gauge,
 *       tag {@code index} 1 to 5): the largest singular values of W.</li>
 *   <li>{@code tacit.training.running} (gauge): 1 from the start event to the final one, then 0.</li>
 * </ul>
 * A value not known yet is NaN. A {@link Delivery#LOSSY} observer: the meters hold the latest values, so a dropped
 * event costs nothing but a missed intermediate value; the step counter is computed from the iteration, so it stays
 * exact.
 */
public final class TrainingMetrics implements Observer, MeterBinder {

    /** How many of the largest singular values are exported (the evaluator's default). */
    public static final int SINGULAR_VALUES = CompletionEvaluator.DEFAULT_TOP;

    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong timedSteps = new AtomicLong();
    private final Value timedSeconds = new Value(0);
    private final Value planned = new Value(Double.NaN);
    private final Value running = new Value(0);
    private final Value loss = new Value(Double.NaN);
    private final Value penalty = new Value(Double.NaN);
    private final Value gradientNorm = new Value(Double.NaN);
    private final Value learningRate = new Value(Double.NaN);
    private final Value trainRmse = new Value(Double.NaN);
    private final Value testRmse = new Value(Double.NaN);
    private final Value relativeError = new Value(Double.NaN);
    private final Value effectiveRank = new Value(Double.NaN);
    private final Value nuclearNorm = new Value(Double.NaN);
    private final Value[] singularValues = new Value[SINGULAR_VALUES];
    private volatile long firstIteration;

    /** Meters that read NaN (or 0 for counts) until the first event. */
    public TrainingMetrics() {
        for (int i = 0; i < singularValues.length; i++) {
            singularValues[i] = new Value(Double.NaN);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("tacit.training.steps", steps, AtomicLong::doubleValue)
                .description("Optimizer steps taken in this run").register(registry);
        gauge(registry, "tacit.training.steps.planned", planned, "Steps this run will take unless it fails");
        FunctionTimer.builder("tacit.training.step.duration", this, m -> m.timedSteps.get(),
                        m -> m.timedSeconds.get(), TimeUnit.SECONDS)
                .description("Wall time of an optimizer step (loss, gradients, update)").register(registry);
        gauge(registry, "tacit.training.running", running, "1 while the run is going, 0 after it ends");
        gauge(registry, "tacit.training.loss", loss, "Training loss, data term plus penalty");
        gauge(registry, "tacit.training.penalty", penalty, "Weighted penalty part of the loss (lambda times R)");
        gauge(registry, "tacit.training.gradient.norm", gradientNorm, "Frobenius norm of all gradients");
        gauge(registry, "tacit.training.learning.rate", learningRate, "Learning rate of the latest step");
        gauge(registry, "tacit.evaluation.train.rmse", trainRmse, "RMSE over the observed (training) entries");
        gauge(registry, "tacit.evaluation.test.rmse", testRmse, "RMSE over the held-out entries");
        gauge(registry, "tacit.evaluation.relative.error", relativeError,
                "Relative Frobenius error against the full truth, when it is known");
        gauge(registry, "tacit.evaluation.effective.rank", effectiveRank, "Effective rank of W (Roy and Vetterli)");
        gauge(registry, "tacit.evaluation.nuclear.norm", nuclearNorm, "Nuclear norm of W");
        for (int i = 0; i < singularValues.length; i++) {
            Gauge.builder("tacit.evaluation.singular.value", singularValues[i], Value::get)
                    .description("The largest singular values of W; index 1 is the largest")
                    .tag("index", Integer.toString(i + 1)).strongReference(true).register(registry);
        }
    }

    private static void gauge(MeterRegistry registry, String name, Value value, String description) {
        ToDoubleFunction<Value> read = Value::get;
        Gauge.builder(name, value, read).description(description).strongReference(true).register(registry);
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public Delivery delivery() {
        return Delivery.LOSSY;
    }

    @Override
    public void onEvent(TrainingEvent event) {
        if (event instanceof TrainingEvent.RunStarted s) {
            firstIteration = s.iteration();
            planned.set(s.iterations() - s.iteration());
            running.set(1);
        } else if (event instanceof TrainingEvent.StepStatistics s) {
            steps.set(s.iteration() - firstIteration);
            timedSteps.addAndGet(s.steps());
            timedSeconds.set(timedSeconds.get() + s.steps() * s.stepSeconds());
            loss.set(s.loss());
            penalty.set(s.penalty());
            gradientNorm.set(s.gradientNorm());
            learningRate.set(s.learningRate());
        } else if (event instanceof TrainingEvent.Evaluated e) {
            evaluation(e.metrics());
        } else if (event instanceof TrainingEvent.RunFinished f) {
            steps.set(f.iteration() - firstIteration);
            evaluation(f.metrics());
            running.set(0);
        } else if (event instanceof TrainingEvent.RunFailed f) {
            steps.set(Math.max(steps.get(), f.iteration() - firstIteration));
            running.set(0);
        }
    }

    private void evaluation(Metrics m) {
        loss.set(m.loss());
        penalty.set(m.penalty());
        trainRmse.set(m.trainRmse());
        testRmse.set(m.testRmse());
        relativeError.set(m.relativeError());
        effectiveRank.set(m.effectiveRank());
        nuclearNorm.set(m.nuclearNorm());
        List<Double> sigma = m.topSingularValues();
        for (int i = 0; i < singularValues.length; i++) {
            singularValues[i].set(i < sigma.size() ? sigma.get(i) : Double.NaN);
        }
    }

    /** A double written by the observer's thread and read by scrapes. */
    private static final class Value {
        private volatile double value;

        Value(double initial) {
            value = initial;
        }

        double get() {
            return value;
        }

        void set(double v) {
            value = v;
        }
    }
}
