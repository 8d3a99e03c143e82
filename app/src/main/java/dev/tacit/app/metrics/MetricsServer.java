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
 * paths); four handler threads and a queue of sixteen connections, beyond which connections are closed unanswered; a
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

    private MetricsServer(HttpServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
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
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "tacit-metrics-http-" + THREAD_NUMBER.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, scrape));
        server.start();
        return new MetricsServer(server, executor);
    }

    /** @return the address actually bound (with the chosen port if 0 was asked for) */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** @return the URL of the metrics, for people */
    public String url() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort() + PATH;
    }

    /** Stops accepting connections and ends the handler threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
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
