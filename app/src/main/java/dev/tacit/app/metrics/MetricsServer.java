package dev.tacit.app.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves {@code /metrics} in the Prometheus text format (version 0.0.4) with the JDK's HTTP server.
 *
 * <p>Deliberately small: only {@code GET} and {@code HEAD} on {@code /metrics} (405 for other methods, 404 for other
 * paths); four handler threads and a queue of sixteen connections, beyond which a connection is answered
 * {@code 503 Service Unavailable} with {@code Retry-After: 1} by one of two overflow threads (closing it unanswered
 * would look like a network fault to the scraper: a TCP reset); only beyond their own queue is a connection closed; a
 * request must arrive and a response leave within {@value #EXCHANGE_SECONDS} s (counted from the connection's
 * acceptance, so time spent queued counts); a failure while collecting the metrics is a plain 500 without details.
 * Nothing but the metrics is ever exposed. The JDK server reads a request on a handler thread, so clients that
 * trickle their requests can hold every thread for up to that limit: resources stay bounded, availability under such
 * a flood does not, which is one reason the endpoint listens on loopback by default.
 */
public final class MetricsServer implements AutoCloseable {

    /** Where the metrics are served. */
    public static final String PATH = "/metrics";
    /** The Prometheus text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Seconds a client has to send its request, and the server to send its response. */
    static final int EXCHANGE_SECONDS = 5;
    private static final int THREADS = 4;
    private static final int QUEUE = 16;
    private static final int BACKLOG = 16;
    private static final int OVERFLOW_THREADS = 2;
    private static final int OVERFLOW_QUEUE = 1024;
    /** Set on the overflow threads: the handler answers 503 there without collecting the metrics. */
    private static final ThreadLocal<Boolean> OVERFLOW = ThreadLocal.withInitial(() -> false);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    /** What the server serves: writes the metrics in the text format. */
    @FunctionalInterface
    public interface Scrape {
        /**
         * @param out where to write the metrics
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ThreadPoolExecutor overflow;

    private MetricsServer(HttpServer server, ThreadPoolExecutor executor, ThreadPoolExecutor overflow) {
        this.server = server;
        this.executor = executor;
        this.overflow = overflow;
    }

    /**
     * Binds the address and starts serving.
     *
     * @param address where to listen (port 0 picks a free port)
     * @param scrape  writes the metrics
     * @return the running server
     * @throws IOException if the address cannot be bound (for example the port is in use)
     */
    public static MetricsServer start(InetSocketAddress address, Scrape scrape) throws IOException {
        // The JDK server reads these once, when it is first used; without them a client that never finishes its
        // request would hold a handler thread for ever.
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(EXCHANGE_SECONDS));
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", Integer.toString(EXCHANGE_SECONDS));
        HttpServer server = HttpServer.create(address, BACKLOG);
        ThreadPoolExecutor overflow = new ThreadPoolExecutor(OVERFLOW_THREADS, OVERFLOW_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(OVERFLOW_QUEUE), r -> {
                    Thread t = new Thread(() -> {
                        OVERFLOW.set(true);
                        r.run();
                    }, "tacit-metrics-busy-" + THREAD_NUMBER.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        overflow.allowCoreThreadTimeOut(true);
        // A connection the handler threads cannot take goes to the overflow threads, which answer 503 at once.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "tacit-metrics-http-" + THREAD_NUMBER.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, (task, pool) -> overflow.execute(task));
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, scrape));
        server.start();
        return new MetricsServer(server, executor, overflow);
    }

    /** @return the address actually bound (with the chosen port if 0 was asked for) */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** @return the URL of the metrics, for people */
    public String url() {
        return url(address(), PATH);
    }

    /**
     * @param a    a bound address
     * @param path the path, starting with '/'
     * @return the http URL of that path on that address (an IPv6 host in brackets)
     */
    public static String url(InetSocketAddress a, String path) {
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort() + path;
    }

    /** Stops accepting connections and ends the handler threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        overflow.shutdownNow();
    }

    private static void handle(HttpExchange exchange, Scrape scrape) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = "HEAD".equals(method);
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                send(exchange, head, 404, "not found: the metrics are at " + PATH + "\n");
                return;
            }
            if (!head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, false, 405, "method not allowed: use GET or HEAD\n");
                return;
            }
            if (OVERFLOW.get()) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                send(exchange, head, 503, "busy: too many scrapes at once; retry in a second\n");
                return;
            }
            byte[] body;
            try {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
                scrape.writeTo(buffer);
                body = buffer.toByteArray();
            } catch (IOException | RuntimeException e) {
                send(exchange, head, 500, "internal error while collecting the metrics\n");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            if (head) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        } catch (IOException e) {
            // The client went away mid-response; there is nobody left to tell.
        }
    }

    private static void send(HttpExchange exchange, boolean head, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (head) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
