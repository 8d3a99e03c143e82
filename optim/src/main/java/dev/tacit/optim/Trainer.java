package dev.tacit.optim;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Evaluation;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Metrics;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Schedule;
import dev.tacit.api.State;
import dev.tacit.api.TrainingEvent;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The full-batch training loop: evaluate the objective, take an optimizer step at the rate the schedule chooses,
 * repeat; publish events; stop at the planned iteration or at the first non-finite value.
 *
 * <p>The trainer does not know who listens: it hands every {@link TrainingEvent} to one sink, in order, on its own
 * thread. A sink must not block for long (the app's pipeline buffers and never stalls training).
 */
public final class Trainer {

    private Trainer() {
    }

    /**
     * A run to execute.
     *
     * @param objective     the loss
     * @param optimizer     the optimizer
     * @param evaluator     the metrics of periodic evaluations and of the result
     * @param start         where to start (a fresh start or a resumed checkpoint)
     * @param iterations    the iteration at which to stop
     * @param evalEvery     evaluate every this many iterations (and at the end)
     * @param statsEvery    publish step statistics every this many iterations
     * @param configuration every setting of the run, as text, for the start event
     * @param schedule      the learning rate of every step, from the optimizer's base rate; it observes the training
     *                      loss the step was given after every step
     */
    public record Run(TrainingObjective objective, Optimizer optimizer, Evaluator evaluator, Progress start,
                      long iterations, long evalEvery, long statsEvery, SortedMap<String, String> configuration,
                      Schedule schedule) {

        /** Validates the counts. */
        public Run {
            if (iterations < start.iteration()) {
                throw new InvalidValueException("iterations", iterations, "at least the starting iteration "
                        + start.iteration());
            }
            if (evalEvery < 1) {
                throw new InvalidValueException("eval_every", evalEvery, "at least 1");
            }
            if (statsEvery < 1) {
                throw new InvalidValueException("stats_every", statsEvery, "at least 1");
            }
            configuration = new TreeMap<>(configuration);
        }

        /**
         * A run at the optimizer's constant base rate.
         *
         * @param objective     the loss
         * @param optimizer     the optimizer
         * @param evaluator     the metrics of periodic evaluations and of the result
         * @param start         where to start
         * @param iterations    the iteration at which to stop
         * @param evalEvery     evaluate every this many iterations (and at the end)
         * @param statsEvery    publish step statistics every this many iterations
         * @param configuration every setting of the run, as text, for the start event
         */
        public Run(TrainingObjective objective, Optimizer optimizer, Evaluator evaluator, Progress start,
                   long iterations, long evalEvery, long statsEvery, SortedMap<String, String> configuration) {
            this(objective, optimizer, evaluator, start, iterations, evalEvery, statsEvery, configuration,
                    Schedule.constant());
        }

        /**
         * A fresh start from the given parameters.
         *
         * @param objective  the loss
         * @param optimizer  the optimizer
         * @param params     initial parameters
         * @return the starting point
         */
        public static Progress freshStart(TrainingObjective objective, Optimizer optimizer, List<Matrix> params) {
            return new Progress(0, params, optimizer.start(params), objective.start());
        }
    }

    /**
     * The outcome of a run that did not fail.
     *
     * @param end     the final parameters and states
     * @param metrics the final metrics
     * @param seconds wall time of the run
     */
    public record Result(Progress end, Metrics metrics, double seconds) {
    }

    /**
     * Runs to the planned iteration.
     *
     * @param run    what to run
     * @param events receives every event, in order
     * @return the result
     * @throws DivergenceException at the first NaN or infinite loss, gradient or parameter (after a
     *                             {@link TrainingEvent.RunFailed} event)
     */
    public static Result train(Run run, Consumer<TrainingEvent> events) {
        long t0 = System.nanoTime();
        Progress p = run.start();
        events.accept(new TrainingEvent.RunStarted(p.iteration(), 0, run.iterations(), run.configuration()));
        List<Matrix> params = p.params();
        var optimizerState = p.optimizerState();
        State scheduleState = p.scheduleState();
        TrainingObjective.Outcome outcome = run.objective().evaluate(params, p.objectiveState());
        double base = run.optimizer().learningRate();
        Guard guard = new Guard(t0, base, events);
        guard.check(p.iteration(), outcome.evaluation());
        long statsSteps = 0;
        long statsStart = System.nanoTime();
        for (long it = p.iteration() + 1; it <= run.iterations(); it++) {
            double lr = run.schedule().learningRate(base, it, run.iterations(), scheduleState);
            Optimizer.Input input = new Optimizer.Input(params, outcome.evaluation(),
                    run.objective().asObjective(outcome.state()), lr);
            Optimizer.Step step = run.optimizer().step(input, optimizerState);
            params = step.params();
            optimizerState = step.state();
            // As PyTorch's scheduler.step(loss) after optimizer.step(): the loss this step started from.
            scheduleState = run.schedule().observe(base, outcome.evaluation().loss(), scheduleState);
            // Parameters first: a spectral penalty cannot even be evaluated on a non-finite matrix.
            guard.check(it, params);
            outcome = run.objective().evaluate(params, outcome.state());
            guard.check(it, outcome.evaluation());
            statsSteps++;
            if (it % run.statsEvery() == 0 || it == run.iterations()) {
                long now = System.nanoTime();
                Evaluation e = outcome.evaluation();
                events.accept(new TrainingEvent.StepStatistics(it, (now - t0) / 1e9, statsSteps,
                        (now - statsStart) / 1e9 / statsSteps, e.loss(), e.penalty(), gradientNorm(e), lr));
                statsSteps = 0;
                statsStart = now;
            }
            if (it % run.evalEvery() == 0 && it != run.iterations()) {
                events.accept(new TrainingEvent.Evaluated(it, seconds(t0),
                        run.evaluator().measure(params, outcome.evaluation())));
            }
        }
        Metrics metrics = run.evaluator().measure(params, outcome.evaluation());
        double seconds = seconds(t0);
        events.accept(new TrainingEvent.Evaluated(run.iterations(), seconds, metrics));
        events.accept(new TrainingEvent.RunFinished(run.iterations(), seconds, metrics, "iterations"));
        return new Result(new Progress(run.iterations(), params, optimizerState, outcome.state(), scheduleState),
                metrics, seconds);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double gradientNorm(Evaluation e) {
        double s = 0;
        for (Matrix g : e.gradients()) {
            s += g.sumOfSquares();
        }
        return Math.sqrt(s);
    }

    /** Stops the run, with a {@link TrainingEvent.RunFailed} first, at the first non-finite value. */
    private record Guard(long t0, double lr, Consumer<TrainingEvent> events) {

        void check(long iteration, List<Matrix> params) {
            for (int k = 0; k < params.size(); k++) {
                if (!params.get(k).isFinite()) {
                    fail(iteration, "parameter " + (k + 1));
                }
            }
        }

        void check(long iteration, Evaluation e) {
            if (!Double.isFinite(e.dataLoss())) {
                fail(iteration, "loss (data term " + e.dataLoss() + ")");
            }
            if (!Double.isFinite(e.penalty())) {
                fail(iteration, "loss (penalty term " + e.penalty() + ")");
            }
            for (int k = 0; k < e.gradients().size(); k++) {
                if (!e.gradients().get(k).isFinite()) {
                    fail(iteration, "gradient of parameter " + (k + 1));
                }
            }
        }

        private void fail(long iteration, String quantity) {
            String remedy = "lower the learning rate (now " + lr + "), for example by a factor of 10, or reduce "
                    + "lambda or the initialisation scale";
            DivergenceException ex = new DivergenceException(iteration, quantity, remedy);
            events.accept(new TrainingEvent.RunFailed(iteration, seconds(t0), ex.getMessage(), remedy));
            throw ex;
        }
    }
}
