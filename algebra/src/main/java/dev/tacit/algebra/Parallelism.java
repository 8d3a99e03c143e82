package dev.tacit.algebra;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * How many threads the products and decompositions of this package may use, and where those threads come from.
 *
 * <p>Results never depend on it. Every operation cuts its work into tasks fixed by the shapes alone (blocks of rows of
 * a product, the two halves of a divide-and-conquer split, groups of roots of a secular equation), each task writes
 * only its own outputs, and partial results are combined in a fixed order; the tasks are the same whether one thread
 * runs them in order or several run them at once. So a run is bit-for-bit the same under {@link #serial()}, the
 * common pool or any executor.
 *
 * <p>Choosing it: decomposers take one explicitly ({@link SvdRoute#decomposer(Parallelism)}); every other operation
 * (the products of {@link Matrix}, {@link Spectra}, a decomposer made without one) uses {@link #current()}, which is
 * the {@link #standard()} setting unless the calling thread is inside {@link #call} or {@link #run} of another. To run
 * one training run on one thread: {@code Parallelism.serial().run(() -> ...)}; on an executor of your own:
 * {@code Parallelism.using(executor, 4).call(() -> ...)}.
 *
 * <p>The standard setting uses all available processors: the calling thread and one daemon worker thread per further
 * processor ({@code tacit-algebra-N}, started on first use), which after each task keep polling for the next one for
 * half a millisecond before they park, so that the many short parallel phases of one decomposition do not each wait
 * for a parked thread to wake (see the measurements in docs/performance.md). It is serial when there is one
 * processor or the system property {@value #PROPERTY} is {@code false} at start-up (read once).
 *
 * <p>How tasks run: the calling thread asks the executor for up to threads − 1 helpers and then works through the
 * tasks itself, each participant claiming the next unclaimed task; it waits only for tasks other threads have already
 * started. A helper that starts late finds nothing to claim and returns. So nested operations (a task that itself
 * runs a parallel product) cannot deadlock even on a bounded executor, and an executor that never runs the helpers
 * only costs the parallelism, never the result. When several operations in a row find no helper in time (the
 * processors are busy with other programs), the next few thousand run on the calling thread alone before helpers are
 * tried again: on a shared machine waiting for a thread that is not scheduled costs more than the work.
 */
public final class Parallelism {

    /** How long the calling thread polls for the tasks other threads still run before it parks. */
    private static final long AWAIT_SPIN_NANOS = 500_000;

    /** The system property that switches the standard setting to serial when {@code false}. */
    public static final String PROPERTY = "dev.tacit.algebra.parallel";

    private static final Parallelism SERIAL = new Parallelism(null, 1, "serial");

    private static final Parallelism STANDARD = !"false".equals(System.getProperty(PROPERTY))
            && Runtime.getRuntime().availableProcessors() > 1 ? spinning() : SERIAL;

    /** The setting in effect inside {@link #call}/{@link #run} on this thread; null outside (then the standard). */
    private static final ThreadLocal<Parallelism> CURRENT = new ThreadLocal<>();

    private final Executor executor;
    private final int threads;
    private final String description;
    /** Consecutive parallel operations that no helper joined; see {@link #backingOff()}. */
    private final AtomicInteger lateBatches = new AtomicInteger();
    /** Operations still to run serially after helpers were found not to join. */
    private final AtomicInteger serialBatches = new AtomicInteger();

    private static final long LATE_NANOS = 50_000;
    private static final int LATE_LIMIT = 8;
    private static final long LATE_SPAN_NANOS = 10_000_000;
    /** When the current run of late operations began (meaningful while {@link #lateBatches} is positive). */
    private volatile long lateSince;
    private static final int BACK_OFF_BATCHES = 2_000;

    private Parallelism(Executor executor, int threads, String description) {
        this.executor = executor;
        this.threads = threads;
        this.description = description;
    }

    /** @return one thread: every task runs in order on the calling thread */
    public static Parallelism serial() {
        return SERIAL;
    }

    /**
     * @return the common fork-join pool, with as many threads as available processors (the caller included)
     */
    public static Parallelism commonPool() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        return threads == 1 ? SERIAL : new Parallelism(ForkJoinPool.commonPool(), threads, "common pool, " + threads
                + " threads");
    }

    /**
     * An executor that can tell whether accepting a task woke a parked thread, whose start is then slow for reasons
     * that say nothing about how busy the processors are.
     */
    interface WakingExecutor extends Executor {
        /**
         * Executes the task as {@link #execute} does.
         *
         * @param task the task
         * @return whether a parked thread had to be woken for it
         */
        boolean executeWaking(Runnable task);
    }

    /** The standard setting's own workers, started on first use. */
    private static final class Workers {
        static final SpinningWorkers SHARED = new SpinningWorkers(
                Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    private static Parallelism spinning() {
        int threads = Runtime.getRuntime().availableProcessors();
        Executor lazy = new WakingExecutor() {
            @Override
            public void execute(Runnable task) {
                Workers.SHARED.execute(task);
            }

            @Override
            public boolean executeWaking(Runnable task) {
                return Workers.SHARED.executeWaking(task);
            }

            @Override
            public String toString() {
                return "Tacit's workers";
            }
        };
        return new Parallelism(lazy, threads, "Tacit's workers, " + threads + " threads");
    }

    /**
     * @param executor where helper threads come from; not shut down by this class
     * @param threads  how many threads may work on one operation, the calling thread included (at least 1; 1 means
     *                 serial and the executor is never used)
     * @return the setting
     */
    public static Parallelism using(Executor executor, int threads) {
        Objects.requireNonNull(executor, "executor");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return threads == 1 ? SERIAL : new Parallelism(executor, threads, executor + ", " + threads + " threads");
    }

    /**
     * @return the documented default: every processor, with Tacit's own polling worker threads (see the class
     *         comment), unless there is one processor or the system property {@value #PROPERTY} is {@code false},
     *         then {@link #serial()}
     */
    public static Parallelism standard() {
        return STANDARD;
    }

    /** @return the setting of the innermost {@link #call}/{@link #run} on this thread, else {@link #standard()} */
    public static Parallelism current() {
        Parallelism p = CURRENT.get();
        return p == null ? STANDARD : p;
    }

    /**
     * Runs {@code work} on the calling thread with this setting as {@link #current()}, restoring the previous one
     * after, also on an exception.
     *
     * @param work what to run
     * @param <T>  its result type
     * @return its result
     */
    public <T> T call(Supplier<T> work) {
        Parallelism before = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /**
     * Runs {@code work} on the calling thread with this setting as {@link #current()}.
     *
     * @param work what to run
     */
    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** @return how many threads may work on one operation, the calling thread included */
    public int threads() {
        return threads;
    }

    /** @return whether every task runs on the calling thread */
    public boolean isSerial() {
        return executor == null;
    }

    @Override
    public String toString() {
        return "Parallelism[" + description + "]";
    }

    /**
     * Runs tasks 0..count−1 with this setting's threads, for callers outside this package that cut their own work into
     * tasks fixed by the sizes alone (as the sparse embedding trainer does with the rows of a batch). Each task must
     * write only its own outputs; then the result does not depend on the number of threads. An exception from a task
     * is rethrown here after every started task has finished.
     *
     * @param count how many tasks
     * @param task  task i, given its index
     */
    public void forEach(int count, IntConsumer task) {
        forEach(count, true, task);
    }

    /**
     * Runs tasks 0..count−1: in order on this thread when {@code worthIt} is false or this setting is serial, else
     * spread over up to {@link #threads()} threads. Each task must write only its own outputs, so the result never
     * depends on which path ran. An exception from a task is rethrown here after every started task has finished.
     */
    void forEach(int count, boolean worthIt, IntConsumer task) {
        if (!worthIt || executor == null || count <= 1 || backingOff()) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        long start = System.nanoTime();
        Batch batch = new Batch(count, task, Thread.currentThread());
        int helpers = Math.min(threads - 1, count - 1);
        boolean woke = false;
        for (int h = 0; h < helpers; h++) {
            try {
                if (executor instanceof WakingExecutor waking) {
                    woke |= waking.executeWaking(batch::work);
                } else {
                    executor.execute(batch::work);
                }
            } catch (RuntimeException rejected) {
                break;      // a saturated or shut-down executor: this thread does the rest
            }
        }
        batch.work();
        batch.await();
        long end = System.nanoTime();
        if (batch.helped || woke || end - start <= LATE_NANOS) {
            lateBatches.set(0);
        } else {
            if (lateBatches.getAndIncrement() == 0) {
                lateSince = start;
            }
            if (lateBatches.get() >= LATE_LIMIT && end - lateSince > LATE_SPAN_NANOS) {
                lateBatches.set(0);
                serialBatches.set(BACK_OFF_BATCHES);
            }
        }
    }

    /** @return whether a parallel operation started now would ask for helpers (not serial, not backing off) */
    boolean helpersAvailable() {
        return executor != null && serialBatches.get() <= 0;
    }

    /**
     * Whether to run the next parallel operation on the calling thread alone: after at least {@value #LATE_LIMIT}
     * operations in a row that lasted over {@value #LATE_NANOS} ns without any helper taking a task, for longer than
     * {@value #LATE_SPAN_NANOS} ns in all (the processors are busy with other work, so the helpers are not scheduled in
     * time), the next {@value #BACK_OFF_BATCHES} run serially, then the helpers are tried again. Two kinds of lateness
     * do not count, because an idle machine shows them too: a helper that missed one scheduler time slice (a few
     * milliseconds: the span), and an operation that had to wake a parked helper (tens to hundreds of microseconds on
     * a virtual machine). Counting them made the back-off permanent: after a back-off every helper had parked, every
     * retry found one asleep, and the sparse embedding step ran on one core while the other idled. Only the speed
     * depends on this: every result is the same on any number of threads.
     */
    private boolean backingOff() {
        return serialBatches.get() > 0 && serialBatches.getAndDecrement() > 0;
    }

    /**
     * One wait in a polling loop that started at {@code since}: a spin hint for the first {@value #SPIN_ONLY_NANOS} ns,
     * then a yield, so that a thread that polls for long never keeps the thread it waits for off a shared processor.
     *
     * @param since when the polling began ({@link System#nanoTime()})
     */
    static void pause(long since) {
        if (System.nanoTime() - since < SPIN_ONLY_NANOS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    /** How long a polling thread only spins before it starts yielding between polls. */
    static final long SPIN_ONLY_NANOS = 50_000;

    /** One parallel loop: tasks are claimed by index; the owner waits for the tasks others have claimed. */
    private static final class Batch {
        private final int count;
        private final IntConsumer task;
        private final Thread owner;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger unfinished;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** Whether a thread other than the owner ran a task. */
        private volatile boolean helped;

        Batch(int count, IntConsumer task, Thread owner) {
            this.count = count;
            this.task = task;
            this.owner = owner;
            this.unfinished = new AtomicInteger(count);
        }

        void work() {
            int i;
            while ((i = next.getAndIncrement()) < count) {
                try {
                    if (failure.get() == null) {
                        task.accept(i);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    boolean helper = Thread.currentThread() != owner;
                    if (helper) {
                        helped = true;
                    }
                    if (unfinished.decrementAndGet() == 0 && helper) {
                        LockSupport.unpark(owner);
                    }
                }
            }
        }

        void await() {
            // The remaining tasks are running on other threads. They are usually short, and a parked thread takes tens of
            // microseconds to wake (on a virtual machine, through the hypervisor): poll for up to AWAIT_SPIN_NANOS
            // first, and only then park.
            long spinStart = System.nanoTime();
            while (unfinished.get() > 0 && System.nanoTime() - spinStart < AWAIT_SPIN_NANOS) {
                pause(spinStart);
            }
            // The running tasks write into the caller's arrays, so the wait cannot be cut short: an interrupt is
            // kept for the caller to see afterwards.
            boolean interrupted = false;
            while (unfinished.get() > 0) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                owner.interrupt();
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }
}
