package dev.tacit.api;

/**
 * A learning-rate schedule: the rate of every optimizer step as a function of the base rate, the step number and
 * the schedule's memory.
 *
 * <p>Like an optimizer, a schedule is immutable configuration; its memory (for reduce-on-plateau: the best loss seen,
 * the count of evaluations without improvement, the current rate) lives in a {@link State} value passed in and
 * returned, so a run can be checkpointed with it. The state before the first step is always {@link State#EMPTY}: a
 * schedule reads a missing scalar as its initial value.
 *
 * <p>The trainer calls, for every step t = 1, 2, ...: {@link #learningRate} to get the rate of step t, then the
 * optimizer, then {@link #observe} with the loss the step was given (the loss at the parameters before step t), the
 * order of PyTorch's {@code optimizer.step(); scheduler.step(loss)}.
 */
@FunctionalInterface
public interface Schedule {

    /**
     * @param baseRate the optimizer's configured learning rate
     * @param step     the step about to be taken, from 1
     * @param steps    the step at which the run will stop (for schedules that span the run, such as cosine)
     * @param state    the schedule's memory ({@link State#EMPTY} before the first step)
     * @return the learning rate of this step, finite and non-negative
     */
    double learningRate(double baseRate, long step, long steps, State state);

    /**
     * Takes note of the training loss. Schedules without memory return the state they were given.
     *
     * @param baseRate the optimizer's configured learning rate
     * @param loss     the training loss (data term plus λ·R) at the parameters the last step started from
     * @param state    the memory before
     * @return the memory after
     */
    default State observe(double baseRate, double loss, State state) {
        return state;
    }

    /** @return the schedule that always answers the base rate */
    static Schedule constant() {
        return (baseRate, step, steps, state) -> baseRate;
    }
}
