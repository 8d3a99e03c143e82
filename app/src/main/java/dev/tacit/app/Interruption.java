package dev.tacit.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns SIGINT and SIGTERM into a request to stop: a shutdown hook raises the flag the trainer checks after every
 * iteration, then holds the JVM's shutdown until the command has written its final checkpoint and its results (or a
 * grace period has passed). The JVM then exits with the signal's status, 130 for SIGINT and 143 for SIGTERM.
 *
 * <p>The shutdown is held only once the work has started ({@link #arm}): before that there is nothing to save, and
 * setting up can block (opening a {@code --events} FIFO waits for a reader), so a signal then ends the process at once.
 */
final class Interruption implements AutoCloseable {

    /** How long a signalled run may take to finish its step and write what it has. */
    static final long GRACE_SECONDS = 120;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private Interruption() {
        hook = new Thread(() -> {
            requested.set(true);
            if (!holdsShutdown()) {
                return;
            }
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tacit-interruption");
    }

    /** @return a handler installed for the JVM's shutdown */
    static Interruption install() {
        Interruption i = new Interruption();
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    /** The work has started: from now on a signal waits for it to stop and write what it has. */
    void arm() {
        armed.set(true);
    }

    /** @return whether a signal now holds the shutdown until the results are written */
    boolean holdsShutdown() {
        return armed.get();
    }

    /** @return whether a signal asked the run to stop */
    boolean requested() {
        return requested.get();
    }

    /** Everything is written: lets a pending shutdown go on, or uninstalls the hook if there is none. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running and now returns.
        }
    }
}
