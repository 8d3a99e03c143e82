package dev.tacit.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.app.ServeModels;
import dev.tacit.study.model.SavedModel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stop answers the requests in flight, turns away those that arrive after it began (503), then closes the port;
 * with a grace period too short it cuts the requests in flight off rather than waiting longer. A request is held in
 * flight by sending its body in two parts over a plain socket.
 */
class GracefulStopTest {

    static SavedModel model;

    @BeforeAll
    static void load() throws IOException {
        model = SavedModel.load(ServeModels.model());
    }

    @Test
    void aStopFinishesTheRequestsInFlightAndTurnsNewOnesAway() throws Exception {
        ModelServer server = ModelServer.start(model, ModelServerTest.settings(), e -> {
            throw new AssertionError("internal error", e);
        });
        InetSocketAddress address = server.address();
        String body = "{\"pairs\":[{\"user\":\"" + model.userId(3) + "\",\"item\":\"" + model.itemId(7) + "\"}]}";
        try (RawHttp inFlight = new RawHttp(address)) {
            inFlight.write("POST /predict HTTP/1.1\r\nHost: test\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body.substring(0, 12));
            awaitTrue(() -> server.active() == 1, "the request reaches its handler");
            CompletableFuture<Boolean> stop = CompletableFuture.supplyAsync(() -> server.stop(Duration.ofSeconds(60)));
            awaitTrue(server::stopping, "the stop begins");

            String late = RawHttp.exchange(address, "GET /health HTTP/1.1\r\nHost: test\r\n\r\n");
            assertTrue(late.startsWith("HTTP/1.1 503 "), late);
            assertTrue(late.contains("the server is stopping"), late);
            assertFalse(stop.isDone(), "the stop waits for the request in flight");

            inFlight.write(body.substring(12));
            String answer = inFlight.read();
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertTrue(answer.contains("\"prediction\":" + model.predict(3, 7) + ","), answer);
            assertTrue(stop.get(60, TimeUnit.SECONDS), "every request in flight finished");
        }
        assertThrows(ConnectException.class, () -> new Socket(address.getAddress(), address.getPort()).close());
        assertTrue(server.stop(Duration.ZERO), "a second stop does nothing");
    }

    @Test
    void theGracePeriodBoundsTheWait() throws Exception {
        ModelServer server = ModelServer.start(model, ModelServerTest.settings(), e -> {
            throw new AssertionError("internal error", e);
        });
        try (RawHttp stuck = new RawHttp(server.address())) {
            stuck.write("POST /predict HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n{\"pairs\":");
            awaitTrue(() -> server.active() == 1, "the request reaches its handler");
            assertFalse(server.stop(Duration.ZERO), "a request was still in flight when the grace period ended");
            assertThrows(IOException.class, stuck::read, "and its connection is closed");
        }
    }

    @Test
    void aFullQueueIsAnswered503NotAReset() throws Exception {
        ServeSettings one = new ServeSettings(ModelServerTest.settings().address(), ModelServerTest.MAX_BODY,
                ModelServerTest.MAX_PAIRS, ModelServerTest.MAX_TOP, 1, 5);
        try (ModelServer server = ModelServer.start(model, one, e -> {
            throw new AssertionError("internal error", e);
        })) {
            String body = "{\"pairs\":[]}";
            java.util.List<RawHttp> waiting = new java.util.ArrayList<>();
            try (RawHttp busy = new RawHttp(server.address())) {
                // The one handler thread is held by a request in flight; the queue then fills up.
                busy.write("POST /predict HTTP/1.1\r\nHost: test\r\nContent-Length: " + body.length() + "\r\n\r\n{");
                awaitTrue(() -> server.active() == 1, "the request reaches its handler");
                for (int k = 0; k < ModelServer.QUEUE_PER_THREAD; k++) {
                    RawHttp c = new RawHttp(server.address());
                    waiting.add(c);
                    c.write("GET /health HTTP/1.1\r\nHost: test\r\n\r\n");
                    int queued = k + 1;
                    awaitTrue(() -> server.queued() == queued, "request " + queued + " waits");
                }
                String refused = RawHttp.exchange(server.address(), "GET /health HTTP/1.1\r\nHost: test\r\n\r\n");
                assertTrue(refused.startsWith("HTTP/1.1 503 "), refused);
                assertTrue(refused.toLowerCase(java.util.Locale.ROOT).contains("retry-after: 1"), refused);
                assertTrue(refused.contains("the server is busy"), refused);

                busy.write(body.substring(1));
                assertTrue(busy.read().startsWith("HTTP/1.1 200 "));
                for (RawHttp c : waiting) {
                    String answer = c.read();
                    assertTrue(answer.startsWith("HTTP/1.1 200 "), "every waiting request is answered: " + answer);
                }
            } finally {
                for (RawHttp c : waiting) {
                    c.close();
                }
            }
        }
    }

    /** Waits for a condition the test has caused (not a timing assertion: the bound only stops a broken test). */
    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(5);
        }
    }
}
