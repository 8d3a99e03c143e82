package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tacit.data.io.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tacit train with its observers: --events, --metrics-port, --metrics-host, --linger; run in-process. */
class MonitoringCliTest {

    private static final String[] SMALL = {"train", "--size", "20", "--rank", "2", "--observed", "150",
        "--iterations", "60", "--eval-every", "20"};

    @TempDir
    Path dir;

    private static String[] small(String... more) {
        List<String> args = new ArrayList<>(List.of(SMALL));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void theEventLogHoldsEveryEventAsValidJsonLines() throws IOException {
        Path file = dir.resolve("run.jsonl");
        CliRun run = CliRun.of(small("--events", file.toString(), "--json", "--quiet"));
        assertEquals(0, run.code(), run.err());
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Object> kinds = new ArrayList<>();
        for (String line : lines) {
            kinds.add(JsonReader.object(line).get("event"));
        }
        assertEquals(List.of("run_started", "step_statistics", "evaluated", "step_statistics", "evaluated",
                "step_statistics", "evaluated", "run_finished"), kinds);
        Map<String, Object> last = JsonReader.object(lines.get(lines.size() - 1));
        assertEquals(run.number("test_rmse"), (Double) last.get("test_rmse"), 0.0);
        Map<?, ?> config = (Map<?, ?>) JsonReader.object(lines.get(0)).get("configuration");
        assertEquals("20x20", config.get("size"));
        assertTrue(run.err().isEmpty(), "--quiet: " + run.err());
    }

    @Test
    void aFailingEventLogIsReportedTrainingGoesOnAndTheExitCodeSaysTheLogIsIncomplete() {
        Path full = Path.of("/dev/full");  // every write fails with "no space left on device"
        assumeTrue(Files.isWritable(full), "needs /dev/full");
        CliRun run = CliRun.of(small("--events", full.toString(), "--json"));
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("tacit: the event log /dev/full is incomplete: the events observer stopped at "
                + "iteration 0: IOException: No space left on device"), run.err());
        assertEquals(60, run.number("iterations"), "training went on and its result is printed");
        assertTrue(run.err().contains("[60/60 100%]"), "the console went on too: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void theEndpointServesTheRunAndLingersWithTheFinalValues() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String[] args = {"train", "--size", "30", "--rank", "2", "--observed", "300", "--iterations", "400",
            "--eval-every", "100", "--json", "--quiet", "--metrics-port", Integer.toString(port), "--linger", "3"};
        CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> CliRun.of(args));
        String url = "http://127.0.0.1:" + port + "/metrics";
        String lingering = null;
        boolean finished = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lingering == null && System.nanoTime() < deadline && !running.isDone()) {
            String text = get(url);
            if (finished && text != null) {
                lingering = text;  // the run is over and the endpoint still serves its final values
            } else if (text != null && text.contains("\ntacit_training_running{")
                    && sample(text, "tacit_training_running") == 0 && sample(text, "tacit_training_steps_total") > 0) {
                // A scrape reads the gauges one by one, so the one that first sees the run over may have read some
                // values just before the final event set them; the next scrape sees them all.
                finished = true;
            }
            Thread.sleep(100);
        }
        CliRun run = running.get(60, TimeUnit.SECONDS);
        assertEquals(0, run.code(), run.err());
        assertTrue(lingering != null, "scraped the finished run while it lingered; stderr: " + run.err());
        assertTrue(run.err().contains("tacit: metrics at " + url), run.err());
        assertTrue(run.err().contains("for 3 s more (--linger)"), run.err());
        assertEquals(400, sample(lingering, "tacit_training_steps_total"));
        assertEquals(run.number("test_rmse"), sample(lingering, "tacit_evaluation_test_rmse"), 0.0);
        assertEquals(run.number("effective_rank"), sample(lingering, "tacit_evaluation_effective_rank"), 0.0);
        assertTrue(lingering.contains("optimizer=\"adam\"") && lingering.contains("dataset=\"synthetic\""));
        assertTrue(get(url) == null, "the endpoint is closed after the linger");
    }

    private static double sample(String text, String metric) {
        Matcher m = Pattern.compile("\n" + metric + "\\{[^}]*\\} (\\S+)\n").matcher(text);
        assertTrue(m.find(), metric + " in:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    /** @return the body of a GET, or null if nothing answers */
    private static String get(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return null;
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--metrics-port 70000|--metrics-port must be between 0 and 65535 (0 picks a free port), got 70000",
        "--metrics-port -1|--metrics-port must be between 0 and 65535",
        "--metrics-port x|Invalid value for option '--metrics-port'",
        "--linger 5|--linger needs --metrics-port",
        "--metrics-host 0.0.0.0|--metrics-host needs --metrics-port",
        "--metrics-port 0 --linger -1|--linger must be a number of seconds >= 0, got -1.0",
        "--metrics-port 0 --metrics-host no-such-host.invalid|--metrics-host 'no-such-host.invalid' is not an address",
        "--events /no-such-directory/run.jsonl|--events /no-such-directory/run.jsonl: the directory "
                + "/no-such-directory does not exist",
    })
    void badMonitoringOptionsAreUsageErrorsThatNameTheOption(String options, String message) {
        CliRun run = CliRun.of(small(options.split(" ")));
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertFalse(run.err().contains("Exception"), "no stack trace: " + run.err());
        assertTrue(run.out().isEmpty(), run.out());
    }

    @Test
    void theEventsPathMustBeAFileInADirectory() throws IOException {
        CliRun intoDirectory = CliRun.of(small("--events", dir.toString()));
        assertEquals(2, intoDirectory.code());
        assertTrue(intoDirectory.err().contains("is a directory; give the name of a file"), intoDirectory.err());
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        CliRun underAFile = CliRun.of(small("--events", file.resolve("run.jsonl").toString()));
        assertEquals(2, underAFile.code());
        assertTrue(underAFile.err().contains("is not a directory"), underAFile.err());
    }

    @Test
    void aPortInUseIsAUsageErrorAndNothingIsWritten() throws IOException {
        Path events = dir.resolve("never.jsonl");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of(small("--metrics-port", Integer.toString(taken.getLocalPort()), "--events",
                    events.toString()));
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains("--metrics-port " + taken.getLocalPort() + ": cannot serve the metrics on "
                    + "127.0.0.1:" + taken.getLocalPort()), run.err());
            assertTrue(run.err().contains("choose another port, or 0 to let the system pick a free one"), run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }
        assertFalse(Files.exists(events), "the event log is not created when the run cannot start");
    }
}
