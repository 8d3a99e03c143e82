package dev.tacit.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.app.ServeModels;
import dev.tacit.data.io.Json;
import dev.tacit.study.model.SavedModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every endpoint of {@code tacit serve}, in-process on a free loopback port: answers equal to the saved model's bit
 * for bit, and every class of bad request answered with its 4xx and a JSON message.
 */
class ModelServerTest {

    static final int MAX_BODY = 16 * 1024;
    static final int MAX_PAIRS = 100;
    static final int MAX_TOP = 50;

    static SavedModel model;
    static ModelServer server;
    static Http http;

    @BeforeAll
    static void start() throws IOException {
        model = SavedModel.load(ServeModels.model());
        server = ModelServer.start(model, settings(), e -> {
            throw new AssertionError("internal error", e);
        });
        http = new Http(server.url());
    }

    static ServeSettings settings() {
        return new ServeSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), MAX_BODY, MAX_PAIRS,
                MAX_TOP, 4, 5);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthDescribesTheModel() {
        Http.Reply r = http.get("/health");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        Map<String, Object> h = r.json();
        assertEquals("up", h.get("status"));
        assertEquals("embedding", h.get("kind"));
        assertEquals((double) model.users(), h.get("users"));
        assertEquals((double) model.items(), h.get("items"));
        assertEquals(true, h.get("titles"));
        assertEquals(List.of(model.low(), model.high()), h.get("rating_range"));
        Http.Reply head = http.method("HEAD", "/health");
        assertEquals(200, head.status());
        assertEquals("", head.body());
    }

    @Test
    void predictionsAreTheSavedModelsBitForBit() {
        // Every user with every fourth item, then pairs the model cannot know, in batches at the limit.
        List<String[]> pairs = new ArrayList<>();
        for (int u = 0; u < model.users(); u++) {
            for (int i = u % 4; i < model.items(); i += 4) {
                pairs.add(new String[] {model.userId(u), model.itemId(i)});
            }
        }
        pairs.add(new String[] {"newcomer", model.itemId(0)});
        pairs.add(new String[] {model.userId(0), "new-item"});
        pairs.add(new String[] {"newcomer", "new-item"});
        int checked = 0;
        for (int from = 0; from < pairs.size(); from += MAX_PAIRS) {
            List<String[]> batch = pairs.subList(from, Math.min(pairs.size(), from + MAX_PAIRS));
            Http.Reply r = http.post("/predict", body(batch, null));
            assertEquals(200, r.status(), r.body());
            List<?> predictions = (List<?>) r.json().get("predictions");
            assertEquals(batch.size(), predictions.size());
            for (int k = 0; k < batch.size(); k++) {
                Map<?, ?> p = (Map<?, ?>) predictions.get(k);
                SavedModel.Prediction expected = model.predict(batch.get(k)[0], batch.get(k)[1],
                        SavedModel.Unknown.BASELINE);
                assertEquals(batch.get(k)[0], p.get("user"));
                assertEquals(batch.get(k)[1], p.get("item"));
                assertEquals(Double.doubleToLongBits(expected.value()),
                        Double.doubleToLongBits((Double) p.get("prediction")), "pair " + (from + k));
                assertEquals(expected.known(), p.get("known"));
                checked++;
            }
        }
        assertEquals(pairs.size(), checked);
    }

    @Test
    void unknownPairsFollowThePolicyOfPredict() {
        List<String[]> pairs = List.of(new String[] {model.userId(0), model.itemId(1)},
                new String[] {"newcomer", model.itemId(1)});
        List<?> mean = (List<?>) http.post("/predict", body(pairs, "mean")).json().get("predictions");
        assertEquals(model.predict("newcomer", model.itemId(1), SavedModel.Unknown.MEAN).value(),
                ((Map<?, ?>) mean.get(1)).get("prediction"));
        List<?> skip = (List<?>) http.post("/predict", body(pairs, "skip")).json().get("predictions");
        assertEquals(1, skip.size());
        assertEquals(model.userId(0), ((Map<?, ?>) skip.get(0)).get("user"));
        Http.Reply error = http.post("/predict", body(pairs, "error"));
        assertEquals(422, error.status());
        assertEquals("pairs[1]: the model knows no user \"newcomer\"; send \"unknown\":\"baseline\" (or mean, or "
                + "skip) to predict anyway", error.json().get("error"));
        Http.Reply empty = http.post("/predict", "{\"pairs\":[]}");
        assertEquals("{\"predictions\":[]}\n", empty.body());
    }

    @Test
    void recommendationsAreThoseOfTheRecommendCommand() {
        for (int u = 0; u < model.users(); u += 7) {
            String id = model.userId(u);
            Http.Reply r = http.post("/recommend", "{\"user\":\"" + id + "\",\"top\":5}");
            assertEquals(200, r.status(), r.body());
            assertEquals(Json.write(Answers.recommendation(model, id, 5, false)) + "\n", r.body());
            Http.Reply seen = http.post("/recommend", "{\"user\":\"" + id + "\",\"top\":" + MAX_TOP
                    + ",\"include_seen\":true}");
            assertEquals(Json.write(Answers.recommendation(model, id, MAX_TOP, true)) + "\n", seen.body());
        }
        Map<String, Object> r = http.post("/recommend", "{\"user\":\"" + model.userId(0) + "\"}").json();
        List<?> items = (List<?>) r.get("items");
        assertEquals(10, items.size(), "top defaults to 10");
        assertTrue(((Map<?, ?>) items.get(0)).get("title") instanceof String, "titles of the items file: " + r);
    }

    @Test
    void anUnknownUserIsNotFoundUnlessTheBaselineIsAsked() {
        Http.Reply r = http.post("/recommend", "{\"user\":\"nobody\",\"top\":3}");
        assertEquals(404, r.status());
        assertTrue(((String) r.json().get("error")).startsWith("the model knows no user \"nobody\""), r.body());
        Http.Reply baseline = http.post("/recommend", "{\"user\":\"nobody\",\"top\":3,\"unknown\":\"baseline\"}");
        assertEquals(200, baseline.status());
        assertEquals(Json.write(Answers.recommendation(model, "nobody", 3, false)) + "\n", baseline.body());
        assertEquals(false, baseline.json().get("known"));
    }

    @Test
    void usersAreListedByPrefixInTheModelsOrder() {
        Map<String, Object> all = http.get("/users?limit=1000").json();
        List<String> expected = new ArrayList<>();
        for (int u = 0; u < model.users(); u++) {
            expected.add(model.userId(u));
        }
        assertEquals(expected, all.get("users"));
        assertEquals(false, all.get("more"));
        Map<String, Object> some = http.get("/users?prefix=1&limit=3").json();
        assertEquals(expected.stream().filter(id -> id.startsWith("1")).limit(3).toList(), some.get("users"));
        assertEquals(true, some.get("more"));
        assertEquals(400, http.get("/users?limit=0").status());
        assertEquals(400, http.get("/users?limit=many").status());
        assertEquals(400, http.get("/users?top=3").status());
    }

    @Test
    void aQueryThatIsNotUrlEncodedIs400() throws IOException {
        // The JDK's server answers this one itself, before any handler sees it.
        String answer = RawHttp.exchange(server.address(), "GET /users?prefix=%zz HTTP/1.1\r\nHost: test\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertEquals(200, http.get("/health").status(), "and the server goes on");
    }

    @Test
    void thePageAndItsFilesAreServedFromTheResources() {
        Http.Reply page = http.get("/");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'self'"));
        assertTrue(page.body().contains("<script src=\"/app.js\""), page.body());
        Http.Reply script = http.get("/app.js");
        assertTrue(script.header("Content-Type").startsWith("text/javascript"));
        assertTrue(script.body().contains("fetchJson('/recommend'"), "the page asks /recommend");
        assertTrue(http.get("/style.css").header("Content-Type").startsWith("text/css"));
    }

    @Test
    void metricsCountRequestsAndLatencyByEndpointAndStatus() {
        String before = http.get("/metrics").body();
        for (int k = 0; k < 3; k++) {
            http.post("/predict", "{\"pairs\":[{\"user\":\"1\",\"item\":\"3\"}]}");
        }
        http.post("/predict", "{");
        http.get("/nowhere");
        Http.Reply after = http.get("/metrics");
        assertEquals(200, after.status());
        assertTrue(after.header("Content-Type").startsWith("text/plain; version=0.0.4"));
        String text = after.body();
        assertEquals(3, count(text, "/predict", "POST", 200) - count(before, "/predict", "POST", 200), text);
        assertEquals(1, count(text, "/predict", "POST", 400) - count(before, "/predict", "POST", 400), text);
        assertEquals(1, count(text, "other", "GET", 404) - count(before, "other", "GET", 404), text);
        assertTrue(text.contains("tacit_http_server_requests_seconds_bucket{endpoint=\"/predict\",method=\"POST\","
                + "status=\"200\",le=\"0.005\"}"), "a latency histogram: " + text);
        assertTrue(text.contains("tacit_http_server_requests_active "), text);
        assertTrue(text.contains("tacit_serve_predictions_total "), text);
        assertTrue(text.contains("jvm_memory_used_bytes"), text);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "/predict|{\"pairs\":[{\"user\":\"1\",\"item\":\"3\"}|400|the body is not valid JSON: unexpected end",
        "/predict|[]|400|the body must be a JSON object such as",
        "/predict|{}|400|missing member \"pairs\"",
        "/predict|{\"pairs\":{}}|400|\"pairs\" must be an array",
        "/predict|{\"pairs\":[3]}|400|pairs[0] must be an object",
        "/predict|{\"pairs\":[{\"user\":\"1\"}]}|400|missing member \"pairs[0].item\"",
        "/predict|{\"pairs\":[{\"user\":1,\"item\":\"3\"}]}|400|\"pairs[0].user\" must be a string (ids are text",
        "/predict|{\"pairs\":[{\"user\":\"1\",\"item\":\"3\",\"x\":1}]}|400|unknown member \"pairs[0].x\"",
        "/predict|{\"pairs\":[],\"unknown\":\"guess\"}|400|\"unknown\" must be one of baseline, mean, skip, error",
        "/predict|{\"pairs\":[],\"pairs\":[]}|400|duplicate member pairs",
        "/predict|``|400|the body is not valid JSON",
        "/recommend|{\"top\":3}|400|missing member \"user\"",
        "/recommend|{\"user\":\"1\",\"top\":0}|400|\"top\" must be a whole number from 1 to 50",
        "/recommend|{\"user\":\"1\",\"top\":2.5}|400|from 1 to 50 (the server's --max-top), got 2.5",
        "/recommend|{\"user\":\"1\",\"top\":51}|400|\"top\" must be a whole number from 1 to 50 (the server's",
        "/recommend|{\"user\":\"1\",\"top\":\"3\"}|400|from 1 to 50 (the server's --max-top), got \"3\"",
        "/recommend|{\"user\":\"1\",\"include_seen\":1}|400|\"include_seen\" must be true or false, got 1",
        "/recommend|{\"user\":\"1\",\"include_sen\":true}|400|unknown member \"include_sen\"",
        "/recommend|{\"user\":\"1\",\"unknown\":\"mean\"}|400|\"unknown\" must be one of error, baseline",
    })
    void badBodiesAreAnswered400WithAMessage(String path, String body, int status, String message) {
        Http.Reply r = http.post(path, body);
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"));
        Map<String, Object> json = r.json();
        assertEquals((double) status, json.get("status"));
        assertTrue(((String) json.get("error")).contains(message), "message of " + body + ": " + r.body());
    }

    @Test
    void deepNestingAndBadTextAre400() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertEquals(400, http.post("/predict", deep).status());
        assertTrue(http.post("/predict", deep).body().contains("nested deeper than"));
        byte[] latin1 = "{\"user\":\"Mis\u00e9rables\"}".getBytes(StandardCharsets.ISO_8859_1);
        Http.Reply r = http.post("/recommend", latin1);
        assertEquals(400, r.status());
        assertTrue(r.body().contains("not UTF-8"), r.body());
    }

    @Test
    void oversizedBatchesAndBodiesAre413() {
        List<String[]> pairs = new ArrayList<>();
        for (int k = 0; k <= MAX_PAIRS; k++) {
            pairs.add(new String[] {"1", "3"});
        }
        Http.Reply batch = http.post("/predict", body(pairs, null));
        assertEquals(413, batch.status());
        assertTrue(batch.json().get("error").toString().contains("holds 101 pairs, more than the limit of 100"));
        byte[] big = ("{\"pairs\":[]}" + " ".repeat(MAX_BODY)).getBytes(StandardCharsets.UTF_8);
        Http.Reply declared = http.post("/predict", big);
        assertEquals(413, declared.status());
        assertTrue(declared.json().get("error").toString().contains("--max-body"), declared.body());
        // Without a length (chunked), the limit holds as the body is read.
        Http.Reply chunked = http.send(HttpRequest.newBuilder(URI.create(server.url() + "predict"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertEquals(413, chunked.status());
        // A body just at the limit is read.
        byte[] fits = ("{\"pairs\":[]}" + " ".repeat(MAX_BODY - 12)).getBytes(StandardCharsets.UTF_8);
        assertEquals(200, http.post("/predict", fits).status());
    }

    @Test
    void wrongMethodsAre405AndUnknownPaths404() {
        Http.Reply get = http.get("/predict");
        assertEquals(405, get.status());
        assertEquals("POST", get.header("Allow"));
        assertTrue(get.json().get("error").toString().contains("/predict answers POST, not GET"));
        Http.Reply post = http.post("/health", "{}");
        assertEquals(405, post.status());
        assertEquals("GET, HEAD", post.header("Allow"));
        assertEquals(405, http.method("DELETE", "/recommend").status());
        assertEquals(405, http.method("PUT", "/").status());
        Http.Reply missing = http.get("/predictions");
        assertEquals(404, missing.status());
        assertTrue(missing.json().get("error").toString().startsWith("no endpoint /predictions"));
        assertEquals(405, http.post("/", "{}").status(), "the page is GET only");
    }

    /** @return a /predict body for the pairs, with an unknown policy if not null */
    static String body(List<String[]> pairs, String unknown) {
        StringBuilder sb = new StringBuilder("{\"pairs\":[");
        for (int k = 0; k < pairs.size(); k++) {
            sb.append(k == 0 ? "" : ",").append("{\"user\":\"").append(pairs.get(k)[0]).append("\",\"item\":\"")
                    .append(pairs.get(k)[1]).append("\"}");
        }
        sb.append(']');
        if (unknown != null) {
            sb.append(",\"unknown\":\"").append(unknown).append('"');
        }
        return sb.append('}').toString();
    }

    /** @return the count of the request timer for those tags in a scrape, 0 if absent */
    static double count(String scrape, String endpoint, String method, int status) {
        Matcher m = Pattern.compile("tacit_http_server_requests_seconds_count\\{endpoint=\"" + Pattern.quote(endpoint)
                + "\",method=\"" + method + "\",status=\"" + status + "\"} ([0-9.eE+]+)").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void aHeadRequestHasNoBody() {
        Http.Reply head = http.method("HEAD", "/");
        assertEquals(200, head.status());
        assertEquals("", head.body());
        assertNull(head.header("Allow"));
        assertFalse(server.stopping());
    }
}
