package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code tacit serve}'s options, in-process: every bad one is exit code 2 with a message naming it, before anything
 * is served. (Serving itself is tested on {@link dev.tacit.app.serve.ModelServer} and, with signals, on the image.)
 */
class ServeCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port -1|--port must be between 0 and 65535 (0 picks a free port), got -1",
        "--port 70000|--port must be between 0 and 65535",
        "--max-pairs 0|--max-pairs must be from 1 to",
        "--max-body 10|--max-body must be from 64 to",
        "--max-top 0|--max-top must be from 1 to",
        "--threads 0|--threads must be from 1 to 256, got 0",
        "--grace -1|--grace must be from 0 to 3600, got -1",
        "--host no.such.host.invalid|--host 'no.such.host.invalid' is not an address or a known host name",
    })
    void badOptionsAreUsageErrors(String option, String message) {
        String[] parts = option.split(" ");
        CliRun run = CliRun.of("serve", "--model", ServeModels.model().toString(), parts[0], parts[1]);
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertFalse(run.err().contains("at dev.tacit"), run.err());
        assertEquals("", run.out(), "no URL: nothing is served");
    }

    @Test
    void aMissingModelIsAUsageError() {
        CliRun run = CliRun.of("serve", "--model", Path.of("no-such-model.npz").toString(), "--port", "0");
        assertEquals(2, run.code());
        assertTrue(run.err().contains("--model"), run.err());
        CliRun none = CliRun.of("serve", "--port", "0");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("Missing required option: '--model=MODEL'"), none.err());
    }

    @Test
    void aPortInUseIsAUsageErrorThatSaysWhatToDo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("serve", "--model", ServeModels.model().toString(), "--port",
                    Integer.toString(taken.getLocalPort()));
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains("--port " + taken.getLocalPort() + ": cannot listen on 127.0.0.1:"), run.err());
            assertTrue(run.err().contains("choose another port, or 0"), run.err());
        }
    }

    @Test
    void theHelpNamesTheEndpointsAndTheLimits() {
        CliRun run = CliRun.of("serve", "--help");
        assertEquals(0, run.code());
        for (String s : new String[] {"POST /predict", "POST /recommend", "GET /health", "GET /metrics", "--max-pairs",
            "--max-body", "--grace", "--host"}) {
            assertTrue(run.out().contains(s), s + " in " + run.out());
        }
    }
}
