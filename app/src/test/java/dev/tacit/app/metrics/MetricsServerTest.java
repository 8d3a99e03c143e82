package dev.tacit.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /metrics endpoint, in-process over real HTTP on loopback. */
class MetricsServerTest {

    private PrometheusMeterRegistry registry;
    private MetricsServer server;

    /** Status, headers of interest and body of one exchange. */
    private record Reply(int status, String contentType, String allow, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("tacit.test.things").register(registry).increment(3);
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry::scrape);
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private Reply call(String method, String path) throws IOException {
        URL url = new URL("http://127.0.0.1:" + server.address().getPort() + path);
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        if (method.equals("POST")) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write("x=1".getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        c.disconnect();
        return new Reply(status, c.getHeaderField("Content-Type"), c.getHeaderField("Allow"), body);
    }

    @Test
    void getServesThePrometheusTextFormat() throws IOException {
        Reply r = call("GET", "/metrics");
        assertEquals(200, r.status());
        assertEquals(MetricsServer.CONTENT_TYPE, r.contentType());
        assertTrue(r.body().contains("# TYPE tacit_test_things_total counter"), r.body());
        assertTrue(r.body().contains("\ntacit_test_things_total 3.0\n"), r.body());
        assertTrue(server.url().matches("http://127\\.0\\.0\\.1:\\d+/metrics"), server.url());
        assertEquals(200, call("GET", "/metrics?name[]=x").status(), "a query string is ignored");
    }

    @Test
    void headHasTheHeadersAndNoBody() throws IOException {
        Reply r = call("HEAD", "/metrics");
        assertEquals(200, r.status());
        assertEquals(MetricsServer.CONTENT_TYPE, r.contentType());
        assertEquals("", r.body());
    }

    @Test
    void otherMethodsAreRefusedWith405() throws IOException {
        for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS"}) {
            Reply r = call(method, "/metrics");
            assertEquals(405, r.status(), method);
            assertEquals("GET, HEAD", r.allow(), method);
            assertFalse(r.body().contains("tacit_test_things"), method);
        }
    }

    @Test
    void otherPathsAreNotFound() throws IOException {
        for (String path : new String[] {"/", "/metrics/", "/metricsx", "/admin"}) {
            Reply r = call("GET", path);
            assertEquals(404, r.status(), path);
            assertFalse(r.body().contains("tacit_test_things"), path);
        }
    }

    @Test
    void aFailingScrapeIsAPlain500WithoutDetails() throws IOException {
        MetricsServer failing = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), out -> {
            throw new IllegalStateException("secret internal detail");
        });
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(failing.url()).openConnection();
            assertEquals(500, c.getResponseCode());
            String body = new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("internal error while collecting the metrics\n", body);
        } finally {
            failing.close();
        }
    }

    @Test
    void aPortInUseIsRefused() {
        InetSocketAddress taken = server.address();
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> MetricsServer.start(taken, out -> { }));
        assertTrue(e instanceof java.net.BindException, e.toString());
    }

    /**
     * Before the fix a scrape beyond the four handler threads and the queue of sixteen was closed unanswered (a TCP
     * reset for the scraper). Four scrapes are held inside the handler, sixteen wait in the queue: the next ten are
     * answered 503 at once, and the twenty held ones are served when released.
     */
    @Test
    void scrapesBeyondCapacityAre503NotResets() throws Exception {
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(4);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        MetricsServer busy = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), out -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("up 1\n".getBytes(StandardCharsets.UTF_8));
        });
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(30);
        try {
            java.util.concurrent.ExecutorCompletionService<Integer> replies =
                    new java.util.concurrent.ExecutorCompletionService<>(clients);
            for (int k = 0; k < 30; k++) {
                replies.submit(() -> {
                    URL url = new URL("http://127.0.0.1:" + busy.address().getPort() + MetricsServer.PATH);
                    HttpURLConnection c = (HttpURLConnection) url.openConnection();
                    int status = c.getResponseCode();
                    if (status == 503) {
                        assertEquals("1", c.getHeaderField("Retry-After"));
                    }
                    c.disconnect();
                    return status;
                });
            }
            // At most twenty can be held (four inside, sixteen queued): the first ten answers come before the release.
            for (int k = 0; k < 10; k++) {
                assertEquals(503, replies.take().get(), "busy, not reset");
            }
            inside.await();
            release.countDown();
            for (int k = 0; k < 20; k++) {
                assertEquals(200, replies.take().get());
            }
        } finally {
            release.countDown();
            clients.shutdownNow();
            busy.close();
        }
    }
}
