package dev.tacit.optim.schedules;

import dev.tacit.api.Hyperparameter;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.Schedule;
import dev.tacit.api.ScheduleProvider;
import dev.tacit.api.Settings;
import dev.tacit.api.State;
import java.util.List;

/**
 * Step decay, PyTorch's {@code StepLR} stepped once per optimizer step: step t (from 1) uses
 * lr·γ^⌊(t − 1)/step_size⌋, so the first step_size steps use the base rate. Defaults: γ 0.1 (PyTorch's), step_size
 * 10,000 steps (PyTorch has no default; a third of the default run of 30,000 iterations). No memory.
 *
 * @param stepSize steps between decays, at least 1
 * @param gamma    the factor applied every stepSize steps, in [0, 1]
 */
record StepSchedule(long stepSize, double gamma) implements Schedule {

    /** Validates the settings. */
    StepSchedule {
        if (stepSize < 1) {
            throw new InvalidValueException("step_size", stepSize, "at least 1");
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new InvalidValueException("gamma", gamma, "in [0, 1]");
        }
    }

    @Override
    public double learningRate(double baseRate, long step, long steps, State state) {
        return baseRate * Math.pow(gamma, (step - 1) / stepSize);
    }

    /** Registers {@code step}. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "step";
        }

        @Override
        public String description() {
            return "step decay: lr·gamma^floor((t − 1)/step_size) (PyTorch StepLR)";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of(
                    Hyperparameter.integer("step_size", 10_000, 1, Long.MAX_VALUE / 2, "steps between decays"),
                    Hyperparameter.real("gamma", 0.1, 0, 1, "factor applied at every decay"));
        }

        @Override
        public Schedule create(Settings settings) {
            return new StepSchedule((long) settings.get("step_size"), settings.get("gamma"));
        }
    }
}
