package dev.tacit.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tacit.app.ServeModels;
import dev.tacit.data.io.Json;
import dev.tacit.study.model.SavedModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A bounded load: 16 clients at once (each its own {@link java.net.http.HttpClient} and connection), 40 requests each,
 * a seeded mix of one-pair and 20-pair predictions, recommendations and health checks. Every request is answered,
 * and answered right: predictions equal to the saved model's bit for bit, recommendations to {@code tacit
 * recommend}'s. Speed is not asserted; scripts/serve-bench.sh measures it.
 */
class ConcurrentClientsTest {

    static final int CLIENTS = 16;
    static final int REQUESTS = 40;

    @Test
    void sixteenClientsAtOnceAreAllAnsweredCorrectly() throws Exception {
        SavedModel model = SavedModel.load(ServeModels.model());
        try (ModelServer server = ModelServer.start(model, ModelServerTest.settings(), e -> {
            throw new AssertionError("internal error", e);
        })) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            try {
                for (int c = 0; c < CLIENTS; c++) {
                    long seed = 100 + c;
                    results.add(clients.submit(() -> {
                        go.await();
                        return client(model, new Http(server.url()), new SplittableRandom(seed));
                    }));
                }
                go.countDown();
                int answered = 0;
                for (Future<Integer> f : results) {
                    answered += f.get(5, TimeUnit.MINUTES);
                }
                assertEquals(CLIENTS * REQUESTS, answered);
                String metrics = new Http(server.url()).get("/metrics").body();
                double counted = ModelServerTest.count(metrics, "/predict", "POST", 200)
                        + ModelServerTest.count(metrics, "/recommend", "POST", 200)
                        + ModelServerTest.count(metrics, "/health", "GET", 200);
                assertEquals(CLIENTS * REQUESTS, counted, "every request counted once in the metrics");
            } finally {
                clients.shutdownNow();
            }
        }
    }

    /** @return how many requests were answered correctly (all of them, or an assertion fails) */
    private static int client(SavedModel model, Http http, SplittableRandom r) throws IOException {
        int ok = 0;
        for (int k = 0; k < REQUESTS; k++) {
            switch (r.nextInt(4)) {
                case 0, 1 -> {
                    int n = r.nextBoolean() ? 1 : 20;
                    List<String[]> pairs = new ArrayList<>();
                    for (int p = 0; p < n; p++) {
                        pairs.add(new String[] {model.userId(r.nextInt(model.users())),
                            model.itemId(r.nextInt(model.items()))});
                    }
                    Http.Reply reply = http.post("/predict", ModelServerTest.body(pairs, null));
                    assertEquals(200, reply.status(), reply.body());
                    List<?> got = (List<?>) reply.json().get("predictions");
                    assertEquals(n, got.size());
                    for (int p = 0; p < n; p++) {
                        double expected = model.predict(pairs.get(p)[0], pairs.get(p)[1],
                                SavedModel.Unknown.BASELINE).value();
                        assertEquals(Double.doubleToLongBits(expected),
                                Double.doubleToLongBits((Double) ((Map<?, ?>) got.get(p)).get("prediction")));
                    }
                }
                case 2 -> {
                    String user = model.userId(r.nextInt(model.users()));
                    Http.Reply reply = http.post("/recommend", "{\"user\":\"" + user + "\",\"top\":10}");
                    assertEquals(200, reply.status(), reply.body());
                    assertEquals(Json.write(Answers.recommendation(model, user, 10, false)) + "\n", reply.body());
                }
                default -> assertEquals("up", http.get("/health").json().get("status"));
            }
            ok++;
        }
        return ok;
    }
}
