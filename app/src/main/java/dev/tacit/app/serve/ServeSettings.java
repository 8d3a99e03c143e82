package dev.tacit.app.serve;

import java.net.InetSocketAddress;

/**
 * How a {@link ModelServer} listens and what it bounds: every resource a client can make it spend has a limit.
 *
 * @param address      where to listen (port 0 picks a free port)
 * @param maxBodyBytes the largest request body read; a larger one is answered 413
 * @param maxPairs     the most pairs one {@code /predict} request may hold; more is answered 413
 * @param maxTop       the largest {@code top} of a {@code /recommend} request
 * @param threads      the handler threads; requests beyond them wait in a bounded queue
 * @param graceSeconds how long a stop waits for the requests in flight to finish
 */
public record ServeSettings(InetSocketAddress address, int maxBodyBytes, int maxPairs, int maxTop, int threads,
                            int graceSeconds) {

    /** Default {@link #maxBodyBytes}: 1 MiB, which holds about 25,000 pairs of MovieLens-sized ids. */
    public static final int DEFAULT_MAX_BODY = 1 << 20;
    /** Default {@link #maxPairs}. */
    public static final int DEFAULT_MAX_PAIRS = 10_000;
    /** Default {@link #maxTop}. */
    public static final int DEFAULT_MAX_TOP = 1_000;
    /** Default {@link #graceSeconds}. */
    public static final int DEFAULT_GRACE = 10;
    /** The largest {@link #maxBodyBytes}: a body is held in memory as text while it is parsed. */
    public static final int LIMIT_MAX_BODY = 256 << 20;
    /** The most handler threads. */
    public static final int LIMIT_THREADS = 256;

    /** Checks every bound. */
    public ServeSettings {
        if (address == null) {
            throw new IllegalArgumentException("no address");
        }
        check("maxBodyBytes", maxBodyBytes, 64, LIMIT_MAX_BODY);
        check("maxPairs", maxPairs, 1, Integer.MAX_VALUE);
        check("maxTop", maxTop, 1, Integer.MAX_VALUE);
        check("threads", threads, 1, LIMIT_THREADS);
        check("graceSeconds", graceSeconds, 0, 3600);
    }

    /**
     * @param address where to listen
     * @return the defaults, with as many handler threads as {@link #defaultThreads}
     */
    public static ServeSettings defaults(InetSocketAddress address) {
        return new ServeSettings(address, DEFAULT_MAX_BODY, DEFAULT_MAX_PAIRS, DEFAULT_MAX_TOP, defaultThreads(),
                DEFAULT_GRACE);
    }

    /** @return twice the processors, at least 4: handlers compute, but also wait on slow clients */
    public static int defaultThreads() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    private static void check(String name, long value, long low, long high) {
        if (value < low || value > high) {
            throw new IllegalArgumentException(name + " must be from " + low + " to " + high + ", got " + value);
        }
    }
}
