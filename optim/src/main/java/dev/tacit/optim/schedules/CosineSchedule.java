package dev.tacit.optim.schedules;

import dev.tacit.api.Hyperparameter;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Schedule;
import dev.tacit.api.ScheduleProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.List;

/**
 * Cosine annealing (Loshchilov and Hutter, ICLR 2017, without restarts), PyTorch's {@code CosineAnnealingLR} in its
 * closed form, stepped once per optimizer step: step t (from 1) uses
 * <pre>
 *   min_lr + (lr − min_lr)·(1 + cos(π·(t − 1)/T))/2
 * </pre>
 * so the first step uses the base rate and the rate reaches min_lr after T steps (and, like PyTorch's closed form,
 * rises again beyond T). Defaults: period T = 0, meaning the run's planned number of iterations (PyTorch's T_max has
 * no default), min_lr 0 (PyTorch's eta_min). No memory.
 *
 * @param period T in steps, or 0 for the length of the run
 * @param minRate the rate at the bottom of the cosine
 */
record CosineSchedule(long period, double minRate) implements Schedule {

    /** Validates the settings. */
    CosineSchedule {
        if (period < 0) {
            throw new InvalidValueException("period", period, "at least 0 (0: the length of the run)");
        }
        if (!(minRate >= 0) || Double.isInfinite(minRate)) {
            throw new InvalidValueException("min_lr", minRate, "a finite number >= 0");
        }
    }

    @Override
    public double learningRate(double baseRate, long step, long steps, State state) {
        long t = period == 0 ? Math.max(1, steps) : period;
        return minRate + (baseRate - minRate) * (1 + Math.cos(Math.PI * (step - 1) / t)) / 2;
    }

    /** Registers {@code cosine}. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "cosine";
        }

        @Override
        public String description() {
            return "cosine annealing from lr to min_lr over period steps (PyTorch CosineAnnealingLR)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of(
                    Hyperparameter.integer("period", 0, 0, Long.MAX_VALUE / 2,
                            "steps from lr down to min_lr (0: the run's iterations)"),
                    Hyperparameter.real("min_lr", 0, 0, Double.MAX_VALUE, "the rate at the end of the period"));
        }

        @Override
        public Schedule create(Settings settings) {
            return new CosineSchedule((long) settings.get("period"), settings.get("min_lr"));
        }
    }
}
