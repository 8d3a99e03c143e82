package dev.tacit.algebra;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The executor behind {@link Parallelism#standard()}: a few daemon threads that, after running a task, keep polling
 * for the next one for a short while ({@value #SPIN_MICROS} µs) before they park.
 *
 * <p>Polling spins for the first {@value Parallelism#SPIN_ONLY_NANOS} ns and then yields between polls, so that on a
 * machine whose processors are all busy a polling worker gives its processor to whatever thread needs it.
 *
 * <p>Why not the common fork-join pool: one decomposition of a 100×100 matrix forks about ten times in half a
 * millisecond, with tasks of 20 to 100 µs. A parked pool thread takes tens of microseconds to wake (on a virtual
 * machine an idle virtual processor halts, and waking it goes through the hypervisor), so it joins late, takes the
 * last task and makes the fork slower than no fork at all (measured: two tasks of 37 µs took 45 µs forked back to
 * back but 90 to 104 µs after 200 µs idle, against 74 µs serially). A worker that is still polling starts at once.
 * The price is up to {@value #SPIN_MICROS} µs of busy waiting per worker after each burst of work, which is what
 * keeps it warm between the steps of a training run.
 */
final class SpinningWorkers implements Parallelism.WakingExecutor {

    /** How long an idle worker keeps polling before it parks. */
    static final long SPIN_MICROS = 500;

    private static final int RUNNING = 0;
    private static final int PARKED = 1;

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Worker[] workers;

    /** @param threads how many worker threads (at least 1) */
    SpinningWorkers(int threads) {
        workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(i);
            workers[i].start();
        }
    }

    @Override
    public void execute(Runnable task) {
        executeWaking(task);
    }

    @Override
    public boolean executeWaking(Runnable task) {
        queue.offer(task);
        for (Worker w : workers) {
            if (w.state.get() == PARKED && w.state.compareAndSet(PARKED, RUNNING)) {
                LockSupport.unpark(w);
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Tacit's spinning workers (" + workers.length + ")";
    }

    private final class Worker extends Thread {
        final AtomicInteger state = new AtomicInteger(RUNNING);

        Worker(int index) {
            super("tacit-algebra-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            long spinNanos = SPIN_MICROS * 1000;
            while (true) {
                Runnable task = queue.poll();
                if (task != null) {
                    runQuietly(task);
                    continue;
                }
                long idleSince = System.nanoTime();
                while (task == null && System.nanoTime() - idleSince < spinNanos) {
                    Parallelism.pause(idleSince);
                    task = queue.poll();
                }
                if (task != null) {
                    runQuietly(task);
                    continue;
                }
                // Park, unless a task arrived after the last poll: execute() flips PARKED back to RUNNING before it
                // unparks, so a task offered in between is seen by the re-check below or wakes the park.
                state.set(PARKED);
                if (queue.isEmpty()) {
                    while (state.get() == PARKED) {
                        LockSupport.park(this);
                    }
                } else {
                    state.set(RUNNING);
                }
            }
        }

        private void runQuietly(Runnable task) {
            try {
                task.run();
            } catch (Throwable t) {
                // Tasks come from Parallelism.forEach, which catches and reports its own failures.
            }
        }
    }
}
