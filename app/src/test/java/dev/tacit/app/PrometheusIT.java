package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tacit.data.io.JsonReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) scrapes a short training run of the built image,
 * and the run's step counter and test RMSE are then found through Prometheus' HTTP query API.
 *
 * <p>Prometheus runs on loopback on a free port, with its own configuration and storage in a temporary directory,
 * and is stopped at the end. Where {@value #REQUIRE} is 1 (CI sets it) a missing or failing Prometheus fails this
 * test; elsewhere, without a {@code prometheus} executable on the PATH (or in the directories of the system property
 * {@code tacit.prometheus.path}), the test is skipped with a message.
 */
class PrometheusIT {

    /** The environment variable that makes a missing Prometheus a failure rather than a skip. */
    static final String REQUIRE = "TACIT_REQUIRE_PROMETHEUS";
    private static final int ITERATIONS = 1500;

    @TempDir
    Path dir;

    @Test
    void prometheusScrapesARunOfTheImageAndAnswersQueriesAboutIt() throws Exception {
        Path prometheus = prometheusExecutable();
        int[] ports = freePorts(2);
        int tacitPort = ports[0];
        int prometheusPort = ports[1];
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "scrape_configs:",
                "  - job_name: tacit",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + tacitPort + "']",
                ""));
        Path log = dir.resolve("prometheus.log");
        Process server = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String api = "http://127.0.0.1:" + prometheusPort;
        Process tacit = null;
        try {
            awaitReady(server, api, log);
            Path out = dir.resolve("tacit.out");
            Path err = dir.resolve("tacit.err");
            // The linger outlasts Prometheus' first scrape delay (up to a few seconds after start) even when
            // the training itself takes only a second or two, so "scraped several times" holds.
            tacit = new ProcessBuilder(Image.launcher().toString(), "train", "--iterations", Integer.toString(ITERATIONS),
                    "--eval-every", "250", "--json", "--quiet", "--metrics-port", Integer.toString(tacitPort),
                    "--linger", "8").redirectOutput(out.toFile()).redirectError(err.toFile()).start();

            // While the run goes on (training, then lingering), Prometheus must already see its step counter.
            double seenLive = Double.NaN;
            long liveTime = 0;
            while (tacit.isAlive()) {
                Optional<Double> v = query(api, "tacit_training_steps_total{job=\"tacit\"}");
                if (v.isPresent() && tacit.isAlive()) {
                    seenLive = v.get();
                    liveTime = System.currentTimeMillis() / 1000;
                }
                Thread.sleep(500);
            }
            assertTrue(tacit.waitFor(5, TimeUnit.MINUTES));
            String stderr = Files.readString(err);
            assertEquals(0, tacit.exitValue(), stderr);
            assertTrue(seenLive > 0, "Prometheus saw the step counter of the live run; tacit said: " + stderr
                    + "\nprometheus log:\n" + tail(log));
            String json = Files.readString(out);

            // After the run the series are marked stale, so ask for their last sample in a range.
            assertEquals(ITERATIONS, last(api, "tacit_training_steps_total{job=\"tacit\",optimizer=\"adam\","
                    + "penalty=\"ratio\",depth=\"1\",dataset=\"synthetic\"}"));
            assertEquals(CliRun.number(json, "test_rmse"), last(api, "tacit_evaluation_test_rmse{job=\"tacit\"}"),
                    0.0, "the test RMSE Prometheus stored is the one the run printed");
            assertEquals(CliRun.number(json, "effective_rank"),
                    last(api, "tacit_evaluation_effective_rank{job=\"tacit\"}"), 0.0);
            assertTrue(query(api, "count_over_time(tacit_training_steps_total{job=\"tacit\"}[10m])").orElseThrow()
                    >= 3, "scraped several times");
            assertEquals(1, query(api, "max_over_time(up{job=\"tacit\"}[10m])").orElseThrow());
            assertEquals(0, last(api, "tacit_events_dropped_total{job=\"tacit\",observer=\"metrics\"}"));
            assertTrue(last(api, "jvm_gc_live_data_size_bytes{job=\"tacit\"}") >= 0,
                    "GC metrics, which need jdk.management in the image");
            assertTrue(last(api, "process_cpu_usage{job=\"tacit\"}") >= 0);
            dashboardQueriesAreValid(api, liveTime);
        } finally {
            if (tacit != null) {
                tacit.destroyForcibly();
            }
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Every query of the committed Grafana dashboard is valid PromQL for this Prometheus, and those about the
     * training itself return series for the moment the run was live.
     */
    private static void dashboardQueriesAreValid(String api, long liveTime) throws IOException {
        Path dashboard = Path.of(System.getProperty("tacit.docs", "../docs")).resolve("grafana-dashboard.json");
        Map<String, Object> model = JsonReader.object(Files.readString(dashboard));
        int checked = 0;
        for (Object panel : (List<?>) model.get("panels")) {
            for (Object target : (List<?>) ((Map<?, ?>) panel).get("targets")) {
                String expr = ((String) ((Map<?, ?>) target).get("expr")).replaceAll("\\$[a-z]+", ".*");
                List<?> result = evaluate(api, expr, liveTime);
                boolean aboutTraining = expr.startsWith("tacit_training") || expr.startsWith("tacit_evaluation");
                assertTrue(!aboutTraining || !result.isEmpty(), "no data for the dashboard's " + expr);
                checked++;
            }
        }
        assertTrue(checked >= 10, "dashboard queries checked: " + checked);
    }

    /** @return the series an instant query at the given time returns; fails if Prometheus rejects the query */
    private static List<?> evaluate(String api, String promql, long time) {
        String url = api + "/api/v1/query?time=" + time + "&query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        Optional<String> body = get(url);
        assertTrue(body.isPresent(), "Prometheus rejected the query " + promql);
        Map<String, Object> reply = JsonReader.object(body.get());
        assertEquals("success", reply.get("status"), promql);
        return (List<?>) ((Map<?, ?>) reply.get("data")).get("result");
    }

    /** The prometheus executable, or a skip (developer machine) or a failure (CI) when there is none. */
    private static Path prometheusExecutable() {
        // -Dtacit.prometheus.path=DIRS searches other directories than the PATH (for example an unpacked release).
        String search = System.getProperty("tacit.prometheus.path", System.getenv().getOrDefault("PATH", "/usr/bin"));
        for (String d : search.split(File.pathSeparator)) {
            Path p = Path.of(d, "prometheus");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        if ("1".equals(System.getenv(REQUIRE))) {
            fail(REQUIRE + "=1 but there is no 'prometheus' executable on the PATH; install Debian's package "
                    + "(apt-get install prometheus), as .ci/run does");
        }
        Assumptions.abort("skipped: no 'prometheus' executable on the PATH. Install Debian's prometheus package to "
                + "run this test; CI sets " + REQUIRE + "=1, which makes this a failure instead of a skip");
        throw new AssertionError("unreachable");
    }

    private static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    private static void awaitReady(Process server, String api, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("Prometheus exited with code " + server.exitValue() + " at start-up:\n" + tail(log));
            }
            if (get(api + "/-/ready").isPresent()) {
                return;
            }
            Thread.sleep(200);
        }
        fail("Prometheus was not ready within 60 s:\n" + tail(log));
    }

    /** The value of the one sample of an instant query over the last 10 minutes of a series. */
    private static double last(String api, String selector) throws IOException {
        return query(api, "last_over_time(" + selector + "[10m])")
                .orElseThrow(() -> new AssertionError("Prometheus has no sample of " + selector));
    }

    /** @return the value of the single sample an instant query returns, or empty if it returns none */
    private static Optional<Double> query(String api, String promql) throws IOException {
        String body = get(api + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .orElseThrow(() -> new AssertionError("Prometheus did not answer the query " + promql));
        Map<String, Object> reply = JsonReader.object(body);
        assertEquals("success", reply.get("status"), body);
        Map<?, ?> data = (Map<?, ?>) reply.get("data");
        List<?> result = (List<?>) data.get("result");
        if (result.isEmpty()) {
            return Optional.empty();
        }
        assertEquals(1, result.size(), "one series for " + promql + ": " + body);
        List<?> value = (List<?>) ((Map<?, ?>) result.get(0)).get("value");
        return Optional.of(Double.parseDouble((String) value.get(1)));
    }

    private static Optional<String> get(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(10000);
            if (c.getResponseCode() != 200) {
                return Optional.empty();
            }
            try (InputStream in = c.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
