package dev.tacit.app.pipeline;

import dev.tacit.api.TrainingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** A test observer: records what it gets, optionally slowly, blocked, or failing at a given event. */
final class Recorder implements Observer {

    private final String name;
    private final Delivery delivery;
    private final List<TrainingEvent> events = new ArrayList<>();
    private long sleepMillis;
    private int failAt = -1;
    private CountDownLatch gate;
    private volatile boolean closed;
    private volatile Thread thread;

    Recorder(String name, Delivery delivery) {
        this.name = name;
        this.delivery = delivery;
    }

    /** Sleeps this long on every event. */
    Recorder sleeping(long millis) {
        this.sleepMillis = millis;
        return this;
    }

    /** Throws on the event with this index (0 = the first). */
    Recorder failingAt(int index) {
        this.failAt = index;
        return this;
    }

    /** Blocks on the first event until the gate opens (or the thread is interrupted). */
    Recorder blockedBy(CountDownLatch gate) {
        this.gate = gate;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Delivery delivery() {
        return delivery;
    }

    @Override
    public void onEvent(TrainingEvent event) throws InterruptedException {
        thread = Thread.currentThread();
        int index;
        synchronized (events) {
            index = events.size();
        }
        if (index == failAt) {
            throw new IllegalStateException("boom at event " + index);
        }
        if (gate != null && index == 0) {
            gate.await();
        }
        if (sleepMillis > 0) {
            Thread.sleep(sleepMillis);
        }
        synchronized (events) {
            events.add(event);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    List<TrainingEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    boolean closed() {
        return closed;
    }

    Thread thread() {
        return thread;
    }
}
