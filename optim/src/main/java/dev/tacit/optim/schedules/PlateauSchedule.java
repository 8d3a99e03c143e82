package dev.tacit.optim.schedules;

import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Hyperparameter.Bound;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Schedule;
import dev.tacit.api.ScheduleProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.List;

/**
 * Reduce-on-plateau, PyTorch's {@code ReduceLROnPlateau} in mode "min" with a relative threshold, fed the training
 * loss (data term plus λ·R, the quantity being minimised) once per optimizer step, as the study's reference script
 * calls {@code scheduler.step(loss)} every iteration. After each observation of a loss L:
 * <pre>
 *   if L &lt; best·(1 − threshold):  best ← L, bad ← 0     else bad ← bad + 1
 *   if cooling down:  cooldown ← cooldown − 1, bad ← 0
 *   if bad &gt; patience:  new = max(rate·factor, min_lr); if rate − new &gt; eps: rate ← new;
 *                        cooldown ← the cooldown setting, bad ← 0
 * </pre>
 * best starts at +∞ and rate at the base learning rate. It watches the training loss because it is the only quantity
 * every run has (a validation split may be empty, and the test split must never steer training). Defaults: the
 * study's factor 0.5, patience 100 observations and relative threshold 0.1 (docs/method.md §4; PyTorch's are 0.1, 10 and
 * 1e-4), and PyTorch's cooldown 0, min_lr 0 and eps 1e-8.
 *
 * <p>State (a missing scalar is its initial value, so {@link State#EMPTY} is the start): "rate" (the current rate),
 * "best", "bad" (observations without improvement), "cooldown" (observations of cooldown left).
 *
 * @param factor    the factor applied to the rate on a plateau, in (0, 1)
 * @param patience  observations without improvement tolerated before a reduction
 * @param threshold the relative improvement that counts, in [0, 1)
 * @param cooldown  observations after a reduction during which no bad observation is counted
 * @param minRate   the rate is never reduced below this
 * @param eps       reductions smaller than this are skipped
 */
record PlateauSchedule(double factor, long patience, double threshold, long cooldown, double minRate, double eps)
        implements Schedule {

    /** Validates the settings. */
    PlateauSchedule {
        if (!(factor > 0 && factor < 1)) {
            throw new InvalidValueException("factor", factor, "in (0, 1)");
        }
        if (patience < 0) {
            throw new InvalidValueException("patience", patience, "at least 0");
        }
        if (!(threshold >= 0 && threshold < 1)) {
            throw new InvalidValueException("threshold", threshold, "in [0, 1)");
        }
        if (cooldown < 0) {
            throw new InvalidValueException("cooldown", cooldown, "at least 0");
        }
        if (!(minRate >= 0) || Double.isInfinite(minRate)) {
            throw new InvalidValueException("min_lr", minRate, "a finite number >= 0");
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new InvalidValueException("eps", eps, "a finite number >= 0");
        }
    }

    @Override
    public double learningRate(double baseRate, long step, long steps, State state) {
        return state.scalarOr("rate", baseRate);
    }

    @Override
    public State observe(double baseRate, double loss, State state) {
        double rate = state.scalarOr("rate", baseRate);
        double best = state.scalarOr("best", Double.POSITIVE_INFINITY);
        long bad = state.countOr("bad", 0);
        long cooling = state.countOr("cooldown", 0);
        if (loss < best * (1 - threshold)) {
            best = loss;
            bad = 0;
        } else {
            bad++;
        }
        if (cooling > 0) {
            cooling--;
            bad = 0;
        }
        if (bad > patience) {
            double reduced = Math.max(rate * factor, minRate);
            if (rate - reduced > eps) {
                rate = reduced;
            }
            cooling = cooldown;
            bad = 0;
        }
        return state.withScalar("rate", rate).withScalar("best", best).withCount("bad", bad)
                .withCount("cooldown", cooling);
    }

    /** Registers {@code plateau}. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "plateau";
        }

        @Override
        public String description() {
            return "reduce-on-plateau of the training loss (PyTorch ReduceLROnPlateau, mode min, relative threshold)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of(
                    Hyperparameter.real("factor", 0.5, Bound.closed(0.001), Bound.open(1), "factor applied to the rate on a plateau"),
                    Hyperparameter.integer("patience", 100, 0, Long.MAX_VALUE / 2,
                            "observations without improvement tolerated"),
                    Hyperparameter.real("threshold", 0.1, Bound.closed(0), Bound.open(1), "relative improvement that counts"),
                    Hyperparameter.integer("cooldown", 0, 0, Long.MAX_VALUE / 2,
                            "observations after a reduction before counting again"),
                    Hyperparameter.real("min_lr", 0, 0, Double.MAX_VALUE, "the rate is never reduced below this"),
                    Hyperparameter.real("eps", 1e-8, 0, Double.MAX_VALUE, "reductions smaller than this are skipped"));
        }

        @Override
        public Schedule create(Settings settings) {
            return new PlateauSchedule(settings.get("factor"), (long) settings.get("patience"),
                    settings.get("threshold"), (long) settings.get("cooldown"), settings.get("min_lr"),
                    settings.get("eps"));
        }
    }
}
