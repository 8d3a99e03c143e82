package dev.tacit.app.serve;

import dev.tacit.data.io.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A client of one server for the tests: plain HTTP/1.1 requests, answers with their status, headers and body. */
final class Http {

    /**
     * An answer.
     *
     * @param status   the status code
     * @param response the whole response
     * @param body     the body as text
     */
    record Reply(int status, HttpResponse<byte[]> response, String body) {
        /** @return the body as a JSON object */
        Map<String, Object> json() {
            return JsonReader.object(body);
        }

        /** @return the first value of a header, or null */
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient client;
    private final String base;

    /** @param base the server's URL, ending with a slash */
    Http(String base) {
        this.base = base.substring(0, base.length() - 1);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path, String body) {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    Reply post(String path, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Reply method(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r, new String(r.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
