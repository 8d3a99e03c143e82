package dev.tacit.app.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's meters, bound to a registry:
 * <ul>
 *   <li>{@code tacit.http.server.requests} (timer, seconds; tags {@code endpoint}, {@code method}, {@code status}):
 *       every request answered, with its latency from the start of its handling to the last byte of its answer, and a
 *       histogram over fixed buckets from 1 ms to 10 s so that Prometheus can compute quantiles;</li>
 *   <li>{@code tacit.http.server.requests.active} (gauge): requests being handled now;</li>
 *   <li>{@code tacit.serve.predictions} (counter): pairs predicted by {@code /predict};
 *       {@code tacit.serve.recommendations} (counter): lists ranked by {@code /recommend}.</li>
 * </ul>
 * Every tag takes few values: an unknown path is the endpoint {@code other}, an unusual method {@code OTHER}, and the
 * status is one of {@link Status}.
 */
final class ServerMetrics implements MeterBinder {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final AtomicInteger active = new AtomicInteger();
    private MeterRegistry registry;
    private Counter predictions;
    private Counter recommendations;

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("tacit.http.server.requests.active", active, AtomicInteger::get)
                .description("HTTP requests being handled").register(registry);
        predictions = Counter.builder("tacit.serve.predictions").description("Pairs predicted by /predict")
                .register(registry);
        recommendations = Counter.builder("tacit.serve.recommendations")
                .description("Recommendation lists ranked by /recommend").register(registry);
    }

    /** A request starts being handled. */
    void started() {
        active.incrementAndGet();
    }

    /**
     * A request has been answered (or its client went away).
     *
     * @param endpoint the endpoint
     * @param method   the request's method
     * @param status   the answer's status
     * @param nanos    how long it took
     */
    void finished(Endpoint endpoint, String method, Status status, long nanos) {
        active.decrementAndGet();
        String m = method.toUpperCase(Locale.ROOT);
        Timer.builder("tacit.http.server.requests").description("HTTP requests answered by tacit serve")
                .tag("endpoint", endpoint.tag()).tag("method", METHODS.contains(m) ? m : "OTHER")
                .tag("status", Integer.toString(status.code())).serviceLevelObjectives(BUCKETS)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** @param pairs how many pairs a request predicted */
    void predicted(int pairs) {
        predictions.increment(pairs);
    }

    /** One recommendation list was ranked. */
    void recommended() {
        recommendations.increment();
    }

    /** @return requests being handled now */
    int active() {
        return active.get();
    }
}
