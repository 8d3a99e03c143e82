package dev.tacit.optim.schedules;

import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Schedule;
import dev.tacit.api.ScheduleProvider;
import dev.tacit.api.Settings;
import java.util.List;

/** The constant schedule: every step uses the optimizer's base learning rate. */
final class ConstantSchedule {

    private ConstantSchedule() {
    }

    /** Registers {@code constant}. */
    public static final class Provider implements ScheduleProvider {
        @Override
        public String name() {
            return "constant";
        }

        @Override
        public String description() {
            return "the base learning rate at every step";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of();
        }

        @Override
        public Schedule create(Settings settings) {
            return Schedule.constant();
        }
    }
}
