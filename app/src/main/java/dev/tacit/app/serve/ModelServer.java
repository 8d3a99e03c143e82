package dev.tacit.app.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tacit.app.metrics.JvmMetrics;
import dev.tacit.app.metrics.MetricsServer;
import dev.tacit.data.io.Json;
import dev.tacit.study.model.SavedModel;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A saved model served over HTTP by the JDK's built-in server (docs/serving.md):
 * <ul>
 *   <li>{@code POST /predict} {@code {"pairs":[{"user":…,"item":…}]}}: predictions, as {@code tacit predict};</li>
 *   <li>{@code POST /recommend} {@code {"user":…,"top":K}}: a ranked list, as {@code tacit recommend --json};</li>
 *   <li>{@code GET /users?prefix=P&limit=N}: the ids the model knows, for the page's suggestions;</li>
 *   <li>{@code GET /health}, {@code GET /metrics} (Prometheus), and the page at {@code /}.</li>
 * </ul>
 *
 * <p>Every resource a client can make it spend is bounded: {@link ServeSettings#threads} handler threads and a queue
 * of {@value #QUEUE_PER_THREAD} connections per thread, beyond which a request is answered 503 with
 * {@code Retry-After: 1} at once by one of {@value #OVERFLOW_THREADS} overflow threads (closing it unanswered would look
 * like a network fault to the client; only beyond their own queue is a connection closed); bodies up to
 * {@link ServeSettings#maxBodyBytes} (413 beyond, after reading and discarding up to {@value #DRAIN_BYTES} bytes so
 * that the client sees the answer); batches up to {@link ServeSettings#maxPairs}; JSON nested at most {@value
 * dev.tacit.data.io.JsonReader#MAX_DEPTH} levels; a request must arrive, and its answer leave, within {@value #EXCHANGE_SECONDS} s.
 * Any bad request is a 4xx with a JSON message {@code {"error":…,"status":…}}; a 500 means a fault of the server,
 * reported to the error consumer.
 *
 * <p>{@link #stop} is graceful: requests that reached a handler thread before it are answered (up to the grace
 * period), requests that arrive after it get 503, then the listening socket and every connection are closed.
 */
public final class ModelServer implements AutoCloseable {

    /** Seconds a client has to send its request, and the server to send its answer. */
    public static final int EXCHANGE_SECONDS = 10;
    /** Connections that may wait for a handler thread, per thread. */
    static final int QUEUE_PER_THREAD = 64;
    /** Threads that answer 503 to what the handler threads and their queue cannot take. */
    static final int OVERFLOW_THREADS = 2;
    private static final int OVERFLOW_QUEUE = 1024;
    /** The most bytes of an oversized body read (and discarded) before its 413 is sent. */
    static final int DRAIN_BYTES = 64 << 20;
    /** The default and largest {@code limit} of {@code /users}. */
    static final int USERS_DEFAULT = 50;
    static final int USERS_MAX = 1000;
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"style.css", "text/css; charset=utf-8"});
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    /** Set on a handler thread whose request was dispatched after {@link #stop} began. */
    private static final ThreadLocal<Boolean> LATE = ThreadLocal.withInitial(() -> false);
    /** Set on an overflow thread: the request is answered 503 without being read. */
    private static final ThreadLocal<Boolean> BUSY = ThreadLocal.withInitial(() -> false);

    private final SavedModel model;
    private final ServeSettings settings;
    private final Consumer<Throwable> internalErrors;
    private final PrometheusMeterRegistry registry;
    private final JvmMetrics jvm;
    private final ServerMetrics metrics;
    private final Map<String, byte[]> assets;
    private final Object lock = new Object();
    private HttpServer server;
    private ThreadPoolExecutor pool;
    private ThreadPoolExecutor overflow;
    /** Requests dispatched to the pool and not yet finished; guarded by {@link #lock}. */
    private int dispatched;
    private volatile boolean stopping;
    private boolean stopped;

    private ModelServer(SavedModel model, ServeSettings settings, Consumer<Throwable> internalErrors) {
        this.model = model;
        this.settings = settings;
        this.internalErrors = internalErrors;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.jvm = new JvmMetrics();
        this.metrics = new ServerMetrics();
        jvm.bindTo(registry);
        metrics.bindTo(registry);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : ASSETS.entrySet()) {
            try (InputStream in = ModelServer.class.getResourceAsStream(e.getValue()[0])) {
                if (in == null) {
                    throw new IllegalStateException("the page's file " + e.getValue()[0] + " is missing from the build");
                }
                files.put(e.getKey(), in.readAllBytes());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        this.assets = files;
    }

    /**
     * Binds the address and starts serving.
     *
     * @param model          the model to serve
     * @param settings       where to listen and the limits
     * @param internalErrors receives every fault of the server (a 500), for the log
     * @return the running server
     * @throws IOException if the address cannot be bound (for example the port is in use)
     */
    public static ModelServer start(SavedModel model, ServeSettings settings, Consumer<Throwable> internalErrors)
            throws IOException {
        // The JDK server reads these once, when it is first used; without them a client that never finishes its
        // request (or never reads the answer) would hold a handler thread for ever.
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(EXCHANGE_SECONDS));
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", Integer.toString(EXCHANGE_SECONDS));
        // The server writes an answer's headers and its body separately: with Nagle's algorithm on, the body waits
        // for the client's delayed acknowledgement of the headers, 40 ms on Linux, for every small answer.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        ModelServer s = new ModelServer(model, settings, internalErrors);
        try {
            s.listen();
        } catch (IOException | RuntimeException e) {
            s.jvm.close();
            s.registry.close();
            throw e;
        }
        return s;
    }

    private void listen() throws IOException {
        int threads = settings.threads();
        int queue = QUEUE_PER_THREAD * threads;
        server = HttpServer.create(settings.address(), Math.min(queue, 1024));
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "tacit-serve-" + THREAD_NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        overflow = new ThreadPoolExecutor(OVERFLOW_THREADS, OVERFLOW_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(OVERFLOW_QUEUE), r -> {
                    Thread t = new Thread(r, "tacit-serve-busy-" + THREAD_NUMBER.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        overflow.allowCoreThreadTimeOut(true);
        // Counts what was dispatched, so that a stop knows when the requests in flight are done, and marks what was
        // dispatched after the stop began, so that only those requests are turned away.
        server.setExecutor(task -> {
            boolean late;
            synchronized (lock) {
                dispatched++;
                late = stopping;
            }
            try {
                pool.execute(() -> {
                    LATE.set(late);
                    try {
                        task.run();
                    } finally {
                        LATE.remove();
                        done();
                    }
                });
            } catch (RejectedExecutionException full) {
                try {
                    overflow.execute(() -> {
                        BUSY.set(true);
                        try {
                            task.run();
                        } finally {
                            BUSY.remove();
                            done();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    done();
                    throw e;
                }
            }
        });
        server.createContext("/", this::handle);
        server.start();
    }

    private void done() {
        synchronized (lock) {
            dispatched--;
            lock.notifyAll();
        }
    }

    /** @return the address actually bound (with the chosen port if 0 was asked for) */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** @return the URL of the page, for people and scripts */
    public String url() {
        return MetricsServer.url(address(), "/");
    }

    /** @return the requests being handled now (for tests that wait for one to be in flight) */
    int active() {
        return metrics.active();
    }

    /** @return the requests waiting for a handler thread (for tests that fill the queue) */
    int queued() {
        return pool.getQueue().size();
    }

    /** @return whether a stop has begun */
    boolean stopping() {
        return stopping;
    }

    /**
     * Stops gracefully: from now on new requests get 503; the requests already dispatched are answered, waiting at
     * most {@code grace}; then the socket and every connection are closed. Idempotent.
     *
     * @param grace the longest wait for the requests in flight
     * @return whether every request in flight finished within the grace period
     */
    public boolean stop(Duration grace) {
        boolean finished;
        synchronized (lock) {
            if (stopped) {
                return true;
            }
            stopping = true;
            long end = System.nanoTime() + grace.toNanos();
            try {
                while (dispatched > 0 && System.nanoTime() < end) {
                    lock.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished = dispatched == 0;
            stopped = true;
        }
        // The JDK 17 server's own stop(delay) waits the whole delay even with nothing in flight; the waiting is done
        // above, so it is asked to stop at once.
        server.stop(0);
        pool.shutdownNow();
        overflow.shutdownNow();
        jvm.close();
        registry.close();
        return finished;
    }

    /** Stops at once: {@link #stop} with no grace. */
    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Exchanges

    /** An answer: status, content type, body, and whether the connection must close after it. */
    private record Answer(Status status, String type, byte[] body, boolean close) {
        static Answer json(Status status, Object value) {
            return new Answer(status, JSON_TYPE, (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8), false);
        }

        static Answer error(Status status, String message) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", message);
            m.put("status", status.code());
            return json(status, m);
        }

        Answer closing() {
            return new Answer(status, type, body, true);
        }
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String path = exchange.getRequestURI().getRawPath();
        Endpoint endpoint = Endpoint.of(path, ASSETS.containsKey(path));
        String method = exchange.getRequestMethod();
        metrics.started();
        Status status = Status.INTERNAL_ERROR;
        try (exchange) {
            status = respond(exchange, endpoint, method, path);
        } finally {
            metrics.finished(endpoint, method, status, System.nanoTime() - start);
        }
    }

    private Status respond(HttpExchange exchange, Endpoint endpoint, String method, String path) {
        Answer answer;
        try {
            answer = answer(exchange, endpoint, method, path);
        } catch (HttpFailure f) {
            answer = Answer.error(f.status(), f.getMessage());
            if (f.status() == Status.PAYLOAD_TOO_LARGE) {
                // What is left of a body over the limit is not worth reading; the connection is not reused.
                answer = answer.closing();
            }
        } catch (IOException e) {
            return Status.CLIENT_CLOSED;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            internalErrors.accept(e);
            answer = Answer.error(Status.INTERNAL_ERROR, "internal error of the server (reported in its log); "
                    + "the request may be retried");
        }
        try {
            send(exchange, method.equals("HEAD"), answer);
            return answer.status();
        } catch (IOException e) {
            return Status.CLIENT_CLOSED;
        }
    }

    private Answer answer(HttpExchange exchange, Endpoint endpoint, String method, String path) throws IOException {
        if (LATE.get()) {
            return Answer.error(Status.UNAVAILABLE, "the server is stopping; send the request to another instance")
                    .closing();
        }
        if (BUSY.get()) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            return Answer.error(Status.UNAVAILABLE, "the server is busy: every handler thread is taken and "
                    + QUEUE_PER_THREAD * settings.threads() + " requests wait; retry in a second (or start it with "
                    + "more --threads)").closing();
        }
        if (endpoint == Endpoint.OTHER) {
            return Answer.error(Status.NOT_FOUND, "no endpoint " + abbreviate(path) + ": the endpoints are POST "
                    + "/predict, POST /recommend, GET /users, GET /health, GET /metrics and the page at /");
        }
        if (!endpoint.methods().contains(method)) {
            exchange.getResponseHeaders().set("Allow", endpoint.allow());
            return Answer.error(Status.METHOD_NOT_ALLOWED, endpoint.tag() + " answers " + endpoint.allow()
                    + ", not " + abbreviate(method));
        }
        switch (endpoint) {
            case PAGE:
                return new Answer(Status.OK, ASSETS.get(path)[1], assets.get(path), false);
            case HEALTH:
                return Answer.json(Status.OK, health());
            case METRICS:
                return new Answer(Status.OK, MetricsServer.CONTENT_TYPE,
                        registry.scrape().getBytes(StandardCharsets.UTF_8), false);
            case USERS:
                return Answer.json(Status.OK, users(exchange.getRequestURI().getRawQuery()));
            case PREDICT: {
                Requests.Predict request = Requests.predict(body(exchange), settings.maxPairs());
                Map<String, Object> a = Answers.predict(model, request);
                metrics.predicted(request.pairs().size());
                return Answer.json(Status.OK, a);
            }
            case RECOMMEND: {
                Requests.Recommend request = Requests.recommend(body(exchange), settings.maxTop());
                Map<String, Object> a = Answers.recommend(model, request);
                metrics.recommended();
                return Answer.json(Status.OK, a);
            }
            default:
                throw new IllegalStateException("unrouted endpoint " + endpoint);
        }
    }

    private Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "up");
        m.put("kind", model.kind().label());
        m.put("users", model.users());
        m.put("items", model.items());
        m.put("titles", model.hasTitles());
        m.put("rating_range", List.of(model.low(), model.high()));
        return m;
    }

    /** {@code GET /users?prefix=P&limit=N}: the first N ids starting with P, in the model's order. */
    private Map<String, Object> users(String query) {
        String prefix = "";
        int limit = USERS_DEFAULT;
        if (query != null && !query.isEmpty()) {
            for (String part : query.split("&", -1)) {
                int eq = part.indexOf('=');
                String key = decode(eq < 0 ? part : part.substring(0, eq));
                String value = eq < 0 ? "" : decode(part.substring(eq + 1));
                switch (key) {
                    case "prefix" -> prefix = value;
                    case "limit" -> limit = limit(value);
                    default -> throw new HttpFailure(Status.BAD_REQUEST, "unknown parameter \"" + abbreviate(key)
                            + "\": /users takes prefix and limit, as in /users?prefix=19&limit=20");
                }
            }
        }
        List<String> ids = new ArrayList<>(Math.min(limit, model.users()));
        boolean more = false;
        for (int u = 0; u < model.users(); u++) {
            String id = model.userId(u);
            if (id.startsWith(prefix)) {
                if (ids.size() == limit) {
                    more = true;
                    break;
                }
                ids.add(id);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("users", ids);
        m.put("more", more);
        m.put("total", model.users());
        return m;
    }

    private static int limit(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= USERS_MAX) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Answered below, with the same message as an out-of-range number.
        }
        throw new HttpFailure(Status.BAD_REQUEST, "limit must be a whole number from 1 to " + USERS_MAX + ", got \""
                + abbreviate(value) + "\"");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(Status.BAD_REQUEST, "the query is not URL-encoded text: " + e.getMessage());
        }
    }

    /** Reads the body, at most {@link ServeSettings#maxBodyBytes} of it, as strict UTF-8. */
    private String body(HttpExchange exchange) throws IOException {
        int max = settings.maxBodyBytes();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > max) {
                drain(exchange.getRequestBody());
                throw tooLarge(length + " bytes", max);
            }
        }
        byte[] bytes = exchange.getRequestBody().readNBytes(max + 1);
        if (bytes.length > max) {
            drain(exchange.getRequestBody());
            throw tooLarge("more than " + max + " bytes", max);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new HttpFailure(Status.BAD_REQUEST, "the body is not UTF-8 text: send JSON encoded as UTF-8");
        }
    }

    private static HttpFailure tooLarge(String size, int max) {
        return new HttpFailure(Status.PAYLOAD_TOO_LARGE, "the body holds " + size + ", more than the limit of " + max
                + " bytes: split the batch (or start the server with a larger --max-body)");
    }

    /**
     * Reads and discards what is left of an oversized body (up to {@link #DRAIN_BYTES}), so that a client that
     * writes its whole body before reading sees the 413 rather than a reset connection.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        for (int n; read < DRAIN_BYTES && (n = in.read(buffer)) > 0; ) {
            read += n;
        }
    }

    private static void send(HttpExchange exchange, boolean head, Answer answer) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", answer.type());
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        if (answer.type().startsWith("text/html")) {
            // The page runs only its own script and talks only to this server.
            headers.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        }
        if (answer.close()) {
            headers.set("Connection", "close");
        }
        if (head) {
            exchange.sendResponseHeaders(answer.status().code(), -1);
        } else {
            exchange.sendResponseHeaders(answer.status().code(), answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
