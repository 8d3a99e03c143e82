package dev.tacit.optim.training;

import dev.tacit.algebra.Matrix;
import dev.tacit.api.Evaluation;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Metrics;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Schedule;
import dev.tacit.api.State;
import dev.tacit.api.StopReason;
import dev.tacit.api.TrainingEvent;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The training loop: evaluate the objective, take an optimizer step at the rate the schedule chooses, repeat;
 * publish events; stop at the planned iteration, at the first non-finite value, or (optionally) when the validation
 * RMSE has stopped improving. Each iteration is one evaluation of the objective: the whole data for a full-batch
 * objective, one mini-batch for a mini-batch one (whose state carries the epoch's order and its position in it).
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
     * What lets a run survive interruption: a snapshot of its progress every {@code checkpointEvery} iterations and
     * at the end (handed to {@code checkpoints} on the training thread, so it is consistent), and a request to stop
     * that the loop checks after every iteration. A stopped run ends normally, with the reason "interrupted", after
     * its final snapshot.
     *
     * @param checkpointEvery iterations between snapshots, 0 for none
     * @param checkpoints     receives the snapshots; may write them to disk
     * @param stopRequested   whether the run should stop at the end of the current iteration
     */
    public record Control(long checkpointEvery, Consumer<Progress> checkpoints, BooleanSupplier stopRequested) {

        /** Validates the interval. */
        public Control {
            if (checkpointEvery < 0) {
                throw new InvalidValueException("checkpoint_every", checkpointEvery, "at least 0");
            }
        }

        /** @return no snapshots, never stopped */
        public static Control none() {
            return new Control(0, p -> { }, () -> false);
        }
    }

    /**
     * The outcome of a run that did not fail.
     *
     * @param end       the final parameters and states, from which the run can be resumed
     * @param metrics   the metrics of the selected parameters (the final ones unless early stopping chose others)
     * @param seconds   wall time of the run
     * @param selection the parameters the run selected: the final ones, or with early stopping those of the
     *                  evaluation with the lowest validation RMSE
     */
    public record Result(Progress end, Metrics metrics, double seconds, Selection selection) {

        /**
         * A run without early stopping: the final parameters are the selected ones.
         *
         * @param end     the final parameters and states
         * @param metrics the final metrics
         * @param seconds wall time of the run
         */
        public Result(Progress end, Metrics metrics, double seconds) {
            this(end, metrics, seconds, new Selection(end.iteration(), end.params(), metrics, StopReason.PLANNED));
        }
    }

    /**
     * The parameters a run hands on as its model.
     *
     * @param iteration the iteration they come from
     * @param params    the parameters
     * @param metrics   their metrics
     * @param reason    why the run stopped: {@link StopReason#PLANNED} (the planned iteration was reached),
     *                  {@link StopReason#INTERRUPTED} (a stop was requested) or {@link StopReason#EARLY_STOPPING}
     */
    public record Selection(long iteration, List<Matrix> params, Metrics metrics, StopReason reason) {
        /** Copies the parameter list. */
        public Selection {
            params = List.copyOf(params);
        }
    }

    /**
     * Early stopping on the validation RMSE of the periodic evaluations (every {@code evalEvery} iterations and at
     * the end): the parameters of the evaluation with the lowest validation RMSE are kept, and the run stops once
     * {@code patience} evaluations in a row have not improved on it. The problem must have validation entries.
     *
     * @param patience evaluations without improvement before stopping, at least 1; {@link #NEVER} runs to the planned
     *                 iteration and only selects
     */
    public record EarlyStopping(long patience) {

        /** Patience that never stops a run early: it runs to the planned iteration and selects the best evaluation. */
        public static final long NEVER = Long.MAX_VALUE;

        /** Validates the patience. */
        public EarlyStopping {
            if (patience < 1) {
                throw new InvalidValueException("patience", patience, "at least 1 evaluation");
            }
        }
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
        return train(run, Optional.empty(), events);
    }

    /**
     * Runs to the planned iteration or until early stopping ends the run.
     *
     * @param run      what to run
     * @param stopping early stopping on the validation RMSE, or empty to run to the planned iteration
     * @param events   receives every event, in order
     * @return the result; with early stopping its metrics and selection are those of the best evaluation
     * @throws DivergenceException at the first NaN or infinite loss, gradient or parameter (after a
     *                             {@link TrainingEvent.RunFailed} event)
     * @throws IllegalStateException if early stopping is asked for but the evaluator reports no validation RMSE
     */
    public static Result train(Run run, Optional<EarlyStopping> stopping, Consumer<TrainingEvent> events) {
        return train(run, stopping, events, Control.none());
    }

    /**
     * Runs to the planned iteration, or until early stopping or a stop request, taking snapshots as asked.
     *
     * @param run      what to run
     * @param stopping early stopping on validation RMSE, if wanted
     * @param events   receives every event, in order
     * @param control  snapshots and stop requests
     * @return the result; its selection's reason is {@link StopReason#INTERRUPTED} if a stop was requested
     * @throws DivergenceException at the first NaN or infinite loss, gradient or parameter
     */
    public static Result train(Run run, Optional<EarlyStopping> stopping, Consumer<TrainingEvent> events,
                               Control control) {
        long t0 = System.nanoTime();
        Progress p = run.start();
        events.accept(new TrainingEvent.RunStarted(p.iteration(), 0, run.iterations(), run.configuration()));
        List<Matrix> params = p.params();
        var optimizerState = p.optimizerState();
        State scheduleState = p.scheduleState();
        // The state each evaluation starts from is what a resumed run needs: evaluating there again reproduces the
        // evaluation exactly, including a mini-batch objective's batch, which the state after it has moved past.
        State evaluatedWith = p.objectiveState();
        TrainingObjective.Outcome outcome = run.objective().evaluate(params, evaluatedWith);
        double base = run.optimizer().learningRate();
        Guard guard = new Guard(t0, base, events);
        guard.check(p.iteration(), outcome.evaluation());
        long statsSteps = 0;
        long statsStart = System.nanoTime();
        Selector selector = stopping.map(Selector::new).orElse(null);
        boolean stopped = false;
        boolean interrupted = false;
        long last = p.iteration();
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
            evaluatedWith = outcome.state();
            outcome = run.objective().evaluate(params, evaluatedWith);
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
            last = it;
            if (it % run.evalEvery() == 0 && it != run.iterations()) {
                Metrics m = run.evaluator().measure(params, outcome.evaluation());
                events.accept(new TrainingEvent.Evaluated(it, seconds(t0), m));
                if (selector != null && selector.offer(it, params, m)) {
                    stopped = true;
                    break;
                }
            }
            if (control.checkpointEvery() > 0 && it % control.checkpointEvery() == 0 && it != run.iterations()) {
                control.checkpoints().accept(new Progress(it, params, optimizerState, evaluatedWith, scheduleState));
            }
            if (it != run.iterations() && control.stopRequested().getAsBoolean()) {
                interrupted = true;
                break;
            }
        }
        Metrics metrics;
        if (stopped) {
            metrics = selector.best.metrics();
        } else {
            metrics = run.evaluator().measure(params, outcome.evaluation());
            events.accept(new TrainingEvent.Evaluated(last, seconds(t0), metrics));
            if (selector != null) {
                selector.offer(last, params, metrics);
            }
        }
        Progress end = new Progress(last, params, optimizerState, evaluatedWith, scheduleState);
        if (control.checkpointEvery() > 0) {
            // The last snapshot: where an interrupted run resumes, or where a finished one is extended from.
            control.checkpoints().accept(end);
        }
        StopReason reason = interrupted ? StopReason.INTERRUPTED : stopped ? StopReason.EARLY_STOPPING
                : StopReason.PLANNED;
        Selection selection = selector == null ? new Selection(last, params, metrics, reason)
                : new Selection(selector.best.iteration(), selector.best.params(), selector.best.metrics(), reason);
        double seconds = seconds(t0);
        events.accept(new TrainingEvent.RunFinished(last, seconds, selection.metrics(), selection.reason()));
        return new Result(end, selection.metrics(), seconds, selection);
    }

    /** Keeps the evaluation with the lowest validation RMSE and counts evaluations since it. */
    private static final class Selector {
        private final long patience;
        private Selection best;
        private long sinceBest;

        Selector(EarlyStopping stopping) {
            this.patience = stopping.patience();
        }

        /** @return whether the run should stop */
        boolean offer(long iteration, List<Matrix> params, Metrics metrics) {
            if (!metrics.hasValidationRmse()) {
                throw new IllegalStateException("early stopping needs the validation RMSE, but the evaluation at "
                        + "iteration " + iteration + " has none (no validation entries?)");
            }
            if (best == null || metrics.validationRmse() < best.metrics().validationRmse()) {
                best = new Selection(iteration, params, metrics, StopReason.EARLY_STOPPING);
                sinceBest = 0;
                return false;
            }
            sinceBest++;
            return sinceBest >= patience;
        }
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
            // At iteration 0 no step has been taken: the learning rate cannot be the cause, the start is.
            String remedy = iteration == 0 ? "the starting point itself is not usable: choose another "
                    + "initialisation scale (too small a scale underflows to zero), or reduce lambda"
                    : "lower the learning rate (now " + lr + "), for example by a factor of 10, or reduce "
                    + "lambda or the initialisation scale";
            DivergenceException ex = new DivergenceException(iteration, quantity, remedy);
            events.accept(new TrainingEvent.RunFailed(iteration, seconds(t0), ex.getMessage(), remedy));
            throw ex;
        }
    }
}
