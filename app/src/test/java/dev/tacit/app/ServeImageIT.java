package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.data.io.JsonReader;
import dev.tacit.study.model.SavedModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tacit serve} in the jlink image, as a user runs it: it prints the URL of a free port, answers every endpoint
 * (predictions equal to the saved model's bit for bit), and a SIGTERM or SIGINT stops it with the signal's status
 * after saying so.
 */
class ServeImageIT {

    @TempDir
    Path tmp;

    @Test
    void servesTheModelAndStopsOnSigterm() throws Exception {
        SavedModel model = SavedModel.load(ServeModels.model());
        Process p = start();
        try {
            String url = url(p);
            HttpClient client = HttpClient.newHttpClient();
            assertEquals("up", json(client, url + "health", null).get("status"));
            String user = model.userId(4);
            String item = model.itemId(9);
            Map<String, Object> predicted = json(client, url + "predict",
                    "{\"pairs\":[{\"user\":\"" + user + "\",\"item\":\"" + item + "\"}]}");
            Map<?, ?> first = (Map<?, ?>) ((List<?>) predicted.get("predictions")).get(0);
            assertEquals(Double.doubleToLongBits(model.predict(4, 9)),
                    Double.doubleToLongBits((Double) first.get("prediction")));
            Map<String, Object> recommended = json(client, url + "recommend", "{\"user\":\"" + user + "\",\"top\":3}");
            assertEquals(3, ((List<?>) recommended.get("items")).size());
            HttpResponse<String> bad = client.send(HttpRequest.newBuilder(URI.create(url + "predict"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pairs\":")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            String metrics = client.send(HttpRequest.newBuilder(URI.create(url + "metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("tacit_http_server_requests_seconds_count{endpoint=\"/predict\",method=\"POST\","
                    + "status=\"400\"} 1"), metrics);
            String page = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(page.contains("Tacit recommendations"), page);

            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tacit serve stops on SIGTERM");
            assertEquals(143, p.exitValue());
            String err = Files.readString(tmp.resolve("err.txt"));
            assertTrue(err.contains("tacit: stopping: answering the requests in flight"), err);
            assertTrue(err.contains("tacit: stopped"), err);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sigintStopsItToo() throws Exception {
        Process p = start();
        try {
            url(p);
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tacit serve stops on SIGINT");
            assertEquals(130, p.exitValue());
            assertTrue(Files.readString(tmp.resolve("err.txt")).contains("tacit: stopped"));
        } finally {
            p.destroyForcibly();
        }
    }

    private Process start() throws IOException {
        List<String> command = new ArrayList<>(Image.interruptibleLauncher());
        command.addAll(List.of("serve", "--model", ServeModels.model().toString(), "--port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(tmp.resolve("err.txt").toFile());
        builder.environment().remove(PluginOptions.ENVIRONMENT);
        return builder.start();
    }

    /** @return the URL the server prints first on standard output */
    private static String url(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        assertTrue(line != null && line.matches("http://127\\.0\\.0\\.1:[0-9]+/"), "the URL: " + line);
        return line;
    }

    private static Map<String, Object> json(HttpClient client, String url, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            r.POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JsonReader.object(response.body());
    }
}
