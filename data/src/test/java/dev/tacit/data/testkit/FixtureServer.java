package dev.tacit.data.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server on the loopback address for download tests: each path answers with fixed bytes, an error
 * status, a slow trickle, or a stall (headers and part of the body, then nothing). Unknown paths answer 404. Every
 * request is counted. Nothing leaves the machine.
 */
public final class FixtureServer implements AutoCloseable {

    /** How a path answers. */
    private interface Answer {
        void send(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    private FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fixture-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            try {
                answers.getOrDefault(path, e -> status(e, 404)).send(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | UncheckedIOException e) {
                // the client went away: nothing to answer
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /**
     * @return a started server
     * @throws IOException if no port can be opened
     */
    public static FixtureServer start() throws IOException {
        return new FixtureServer();
    }

    /** @return the server's root, {@code http://127.0.0.1:PORT/} */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /**
     * @param path a path such as {@code /ml-1m.zip}
     * @return its full address
     */
    public URI uri(String path) {
        return base().resolve(path.substring(1));
    }

    /**
     * @param path the path
     * @param body what it answers with status 200
     * @return this server
     */
    public FixtureServer serve(String path, byte[] body) {
        answers.put(path, e -> {
            e.sendResponseHeaders(200, body.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(body);
            }
        });
        return this;
    }

    /**
     * @param path the path
     * @param text what it answers with status 200, UTF-8
     * @return this server
     */
    public FixtureServer serve(String path, String text) {
        return serve(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param path   the path
     * @param status the HTTP status it answers with, with a short body
     * @return this server
     */
    public FixtureServer fail(String path, int status) {
        answers.put(path, e -> status(e, status));
        return this;
    }

    /**
     * @param path    the path
     * @param body    what it answers with status 200
     * @param chunk   bytes per write
     * @param pauseMs pause after each write
     * @return this server
     */
    public FixtureServer trickle(String path, byte[] body, int chunk, long pauseMs) {
        answers.put(path, e -> {
            e.sendResponseHeaders(200, body.length);
            try (OutputStream out = e.getResponseBody()) {
                for (int from = 0; from < body.length; from += chunk) {
                    out.write(body, from, Math.min(chunk, body.length - from));
                    out.flush();
                    Thread.sleep(pauseMs);
                }
            }
        });
        return this;
    }

    /**
     * @param path  the path
     * @param body  the body whose length the headers announce
     * @param first how many of its bytes are sent before the server stops sending (until it is closed)
     * @return this server
     */
    public FixtureServer stall(String path, byte[] body, int first) {
        answers.put(path, e -> {
            e.sendResponseHeaders(200, body.length);
            OutputStream out = e.getResponseBody();
            out.write(body, 0, first);
            out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(60));
        });
        return this;
    }

    /**
     * @param path a path
     * @return how many requests it received
     */
    public int requests(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    /** @return how many requests all paths received */
    public int requests() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static void status(HttpExchange e, int status) {
        byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
        try {
            e.sendResponseHeaders(status, body.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Stops the server, cutting stalled answers short. */
    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
