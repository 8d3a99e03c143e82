package dev.tacit.app.pipeline;

import dev.tacit.api.TrainingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Publishes the events of one training run to its observers on {@link Flow}, each observer behind its own bounded
 * buffer and on its own thread, with the back-pressure policy of its {@link Delivery}.
 *
 * <p>The trainer sees only a {@code Consumer<TrainingEvent>}: {@link #accept} hands the event to one
 * {@link SubmissionPublisher} per observer (so each has its own buffer and policy) and returns without waiting for
 * any lossy observer. Each publisher runs its subscriber on a dedicated single-thread executor, so a slow observer
 * never delays another one and never borrows the common pool (which on two cores would start a thread per burst).
 *
 * <ul>
 *   <li>{@link Delivery#LOSSY}: a full buffer drops the event for that observer and counts it ({@link #dropped}); the
 *       final event is held back instead and handed over after the buffer drains, so it always arrives.</li>
 *   <li>{@link Delivery#LOSSLESS}: a full buffer makes {@link #accept} wait, at most the stall limit; an observer
 *       still stuck then is detached and reported, so training never waits without bound.</li>
 *   <li>An observer that throws is detached and reported through the failure handler and {@link #failures}; training
 *       and the other observers go on.</li>
 * </ul>
 *
 * <p>{@link #close} waits (at most the close timeout) until every observer has handled its buffered events and been
 * closed. Call {@link #accept} from one thread only, as the trainer does; the {@link #channel}s of several runs may be
 * used from several threads.
 */
public final class EventPipeline implements Consumer<TrainingEvent>, AutoCloseable {

    /**
     * The pipeline's limits.
     *
     * @param bufferCapacity events buffered per observer (rounded up to a power of two by the publisher)
     * @param stallLimit     how long training may wait for room in a lossless observer's buffer
     * @param closeTimeout   how long {@link #close} waits for the observers to catch up and finish
     */
    public record Settings(int bufferCapacity, Duration stallLimit, Duration closeTimeout) {

        /** The defaults: 256 events, a 30 s stall limit, 30 s to finish. */
        public static final Settings DEFAULT = new Settings(256, Duration.ofSeconds(30), Duration.ofSeconds(30));

        /** Validates the limits. */
        public Settings {
            if (bufferCapacity < 1) {
                throw new IllegalArgumentException("buffer capacity must be at least 1, got " + bufferCapacity);
            }
            if (stallLimit.isNegative() || stallLimit.isZero()) {
                throw new IllegalArgumentException("stall limit must be positive, got " + stallLimit);
            }
            if (closeTimeout.isNegative()) {
                throw new IllegalArgumentException("close timeout must be >= 0, got " + closeTimeout);
            }
        }
    }

    private final List<Channel> channels;
    private final Settings settings;
    private final Consumer<? super ObserverFailure> onFailure;
    private final List<ObserverFailure> failures = new CopyOnWriteArrayList<>();
    private volatile long lastIteration;
    private boolean closed;

    /**
     * Subscribes the observers; their threads start with the first event.
     *
     * @param observers the observers, with distinct names
     * @param settings  buffer size and time limits
     * @param onFailure told at once, on the failing observer's thread (or the training thread for a stall), when an
     *                  observer is detached; it must not throw
     */
    public EventPipeline(List<? extends Observer> observers, Settings settings,
                         Consumer<? super ObserverFailure> onFailure) {
        this.settings = Objects.requireNonNull(settings);
        this.onFailure = Objects.requireNonNull(onFailure);
        Set<String> names = new HashSet<>();
        List<Channel> list = new ArrayList<>();
        for (Observer o : observers) {
            if (!names.add(o.name())) {
                throw new IllegalArgumentException("two observers are named '" + o.name() + "'");
            }
            list.add(new Channel(o));
        }
        this.channels = List.copyOf(list);
    }

    /**
     * Publishes an event to every attached observer. Returns at once for lossy observers; waits at most the stall
     * limit for a lossless one whose buffer is full.
     *
     * @param event the next event of the run
     * @throws IllegalStateException after {@link #close}
     */
    @Override
    public void accept(TrainingEvent event) {
        publish(new Published("", event));
    }

    /**
     * A channel for one of several runs of a command (an experiment's runs, which may run at the same time): its
     * events reach every observer with the run's name ({@link Observer#onEvent(String, TrainingEvent)}). Unlike
     * {@link #accept}, a channel may be used from any thread; the events of one run stay in order.
     *
     * @param run the run's name, not empty
     * @return where that run's events go
     */
    public Consumer<TrainingEvent> channel(String run) {
        if (run.isEmpty()) {
            throw new IllegalArgumentException("a run's channel needs a name");
        }
        return event -> publish(new Published(run, event));
    }

    private void publish(Published published) {
        if (closed) {
            throw new IllegalStateException("the event pipeline is closed");
        }
        lastIteration = published.event().iteration();
        for (Channel c : channels) {
            c.publish(published);
        }
    }

    /** An event and the run it belongs to ({@code ""} for the one run of a single-run command). */
    private record Published(String run, TrainingEvent event) {
    }

    /** @return the observers' names, in subscription order */
    public List<String> observers() {
        return channels.stream().map(c -> c.observer.name()).toList();
    }

    /**
     * @param observer an observer's name
     * @return events dropped for it because its buffer was full
     */
    public long dropped(String observer) {
        return channelOf(observer).dropped.sum();
    }

    /**
     * @param observer an observer's name
     * @return events offered to it (dropped ones included; none after it was detached)
     */
    public long published(String observer) {
        return channelOf(observer).published.sum();
    }

    /**
     * @param observer an observer's name
     * @return events it handled without throwing
     */
    public long delivered(String observer) {
        return channelOf(observer).delivered.sum();
    }

    /**
     * @param observer an observer's name
     * @return whether it was detached (it threw, stalled or did not finish in time)
     */
    public boolean failed(String observer) {
        return channelOf(observer).failed.get();
    }

    /** @return every observer failure so far, in the order they happened */
    public List<ObserverFailure> failures() {
        return List.copyOf(failures);
    }

    /**
     * Completes the stream: every observer handles what is in its buffer (and a held-back final event), is closed,
     * and its thread ends. Waits at most the close timeout in all; an observer not done by then is reported as failed
     * and interrupted. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Channel c : channels) {
            c.publisher.close();
        }
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        boolean interrupted = false;
        for (Channel c : channels) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!c.finished.await(left, TimeUnit.NANOSECONDS)) {
                    long pending = c.published.sum() - c.delivered.sum() - c.dropped.sum();
                    c.fail(lastIteration, "did not finish within " + settings.closeTimeout().toSeconds()
                            + " s after the run (" + pending + " events not handled)", null);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Channel c : channels) {
            c.executor.shutdownNow();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Channel channelOf(String name) {
        for (Channel c : channels) {
            if (c.observer.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no observer named '" + name + "'; the observers are " + observers());
    }

    private static boolean isFinal(TrainingEvent e) {
        return e instanceof TrainingEvent.RunFinished || e instanceof TrainingEvent.RunFailed;
    }

    /** One observer: its publisher, its thread and its counts. Subscribes itself to its publisher. */
    private final class Channel implements Flow.Subscriber<Published> {

        final Observer observer;
        final ExecutorService executor;
        final SubmissionPublisher<Published> publisher;
        final LongAdder published = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final AtomicBoolean failed = new AtomicBoolean();
        final AtomicBoolean closedObserver = new AtomicBoolean();
        final CountDownLatch finished = new CountDownLatch(1);
        private volatile Published heldFinal;
        private volatile Flow.Subscription subscription;

        Channel(Observer observer) {
            this.observer = observer;
            this.executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "tacit-observer-" + observer.name());
                t.setDaemon(true);
                return t;
            });
            this.publisher = new SubmissionPublisher<>(executor, settings.bufferCapacity());
            publisher.subscribe(this);
        }

        /** On the training thread. */
        void publish(Published event) {
            if (failed.get()) {
                return;
            }
            published.increment();
            if (observer.delivery() == Delivery.LOSSLESS) {
                publisher.offer(event, settings.stallLimit().toNanos(), TimeUnit.NANOSECONDS, (s, item) -> {
                    dropped.increment();
                    fail(event.event().iteration(), "stalled: its buffer of " + settings.bufferCapacity() + " events stayed full for "
                            + settings.stallLimit().toSeconds() + " s, so training went on without it", null);
                    return false;
                });
            } else {
                boolean last = isFinal(event.event()) && event.run().isEmpty();
                publisher.offer(event, (s, item) -> {
                    if (last) {
                        heldFinal = item;
                    } else {
                        dropped.increment();
                    }
                    return false;
                });
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Published event) {
            if (deliver(event)) {
                return;
            }
            subscription.cancel();
            finish();
        }

        @Override
        public void onError(Throwable t) {
            fail(lastIteration, ObserverFailure.summarize(t), t);
            finish();
        }

        @Override
        public void onComplete() {
            Published last = heldFinal;
            if (last != null) {
                deliver(last);
            }
            finish();
        }

        /** @return whether the observer handled the event */
        private boolean deliver(Published published) {
            try {
                observer.onEvent(published.run(), published.event());
                delivered.increment();
                return true;
            } catch (Exception e) {
                fail(published.event().iteration(), ObserverFailure.summarize(e), e);
                return false;
            }
        }

        private void finish() {
            if (closedObserver.compareAndSet(false, true)) {
                try {
                    observer.close();
                } catch (Exception e) {
                    fail(lastIteration, "failed to close: " + ObserverFailure.summarize(e), e);
                }
                finished.countDown();
            }
        }

        void fail(long iteration, String message, Throwable cause) {
            if (failed.compareAndSet(false, true)) {
                ObserverFailure f = new ObserverFailure(observer.name(), observer.delivery(), iteration, message,
                        cause);
                failures.add(f);
                try {
                    onFailure.accept(f);
                } catch (RuntimeException e) {
                    // The handler only reports; a failing report must not take the pipeline down with it.
                }
            }
        }
    }
}
