package dev.tacit.api;

/** The service interface for learning-rate schedules, found with {@link java.util.ServiceLoader}. */
public interface ScheduleProvider extends ServiceProvider<Schedule> {
}
