package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.app.serve.ModelServer;
import dev.tacit.app.serve.ServeSettings;
import dev.tacit.study.model.SavedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tacit serve}: a saved model behind HTTP until SIGINT or SIGTERM (docs/serving.md). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a saved model over HTTP: POST /predict {\"pairs\":[{\"user\":..,\"item\":..}]}, "
                + "POST /recommend {\"user\":..,\"top\":K}, GET /users, GET /health, GET /metrics (Prometheus), "
                + "and a page at / to see a user's recommendations.",
                "Prints the URL it serves on standard output (useful with --port 0), then serves until SIGINT or "
                        + "SIGTERM, which answer the requests in flight (for at most --grace seconds) before exiting."},
        footer = {"", "Every bad request gets a 4xx answer with a JSON message; see docs/serving.md.",
                "Exit codes: 2 bad usage, a bad model file or an address that cannot be bound; 130 after SIGINT, "
                        + "143 after SIGTERM."})
final class ServeCommand implements Callable<Integer> {

    /** Default address: this machine only. */
    static final String DEFAULT_HOST = "127.0.0.1";

    @CommandLine.ParentCommand
    TacitCommand parent;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A model saved by 'tacit fit'.")
    Path modelFile;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "The port; 0 picks a free "
            + "one (the URL is printed). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = DEFAULT_HOST, paramLabel = "HOST", description = "The address to "
            + "listen on. Default: ${DEFAULT-VALUE} (this machine only); 0.0.0.0 serves every interface.")
    String host;

    @Option(names = "--max-pairs", paramLabel = "N", description = "The most pairs one /predict request may hold; "
            + "more is answered 413. Default: " + ServeSettings.DEFAULT_MAX_PAIRS + ".")
    int maxPairs = ServeSettings.DEFAULT_MAX_PAIRS;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "The largest request body; larger is answered "
            + "413. Default: " + ServeSettings.DEFAULT_MAX_BODY + " (1 MiB).")
    int maxBody = ServeSettings.DEFAULT_MAX_BODY;

    @Option(names = "--max-top", paramLabel = "K", description = "The largest top of a /recommend request. "
            + "Default: " + ServeSettings.DEFAULT_MAX_TOP + ".")
    int maxTop = ServeSettings.DEFAULT_MAX_TOP;

    @Option(names = "--threads", paramLabel = "N", description = "Handler threads; further requests wait in a "
            + "bounded queue. Default: twice the processors, at least 4.")
    Integer threads;

    @Option(names = "--grace", paramLabel = "SECONDS", description = "On SIGINT or SIGTERM, how long to wait for "
            + "the requests in flight. Default: " + ServeSettings.DEFAULT_GRACE + ".")
    int grace = ServeSettings.DEFAULT_GRACE;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServeSettings settings = settings();
        SavedModel model = ModelFiles.load(modelFile);
        PrintWriter err = parent.err;
        ModelServer server;
        try {
            server = ModelServer.start(model, settings, e -> {
                synchronized (err) {
                    err.println("tacit: internal error while answering a request, please report it:");
                    e.printStackTrace(err);
                    err.flush();
                }
            });
        } catch (IOException e) {
            throw new UsageException("--port " + port + ": cannot listen on " + host + ":" + port + " ("
                    + e.getMessage() + "); choose another port, or 0 to let the system pick a free one");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // A signal ends the JVM: its shutdown hook is where the requests in flight are finished.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("tacit: stopping: answering the requests in flight (for at most " + grace + " s), "
                    + "turning new ones away");
            err.flush();
            boolean all = server.stop(Duration.ofSeconds(grace));
            err.println(all ? "tacit: stopped" : "tacit: stopped; requests still in flight after " + grace
                    + " s were cut off");
            err.flush();
            stopped.countDown();
        }, "tacit-serve-stop"));
        err.println("tacit: serving " + modelFile + " (" + model.kind().label() + ", " + model.users() + " users, "
                + model.items() + " items) at " + server.url() + "; SIGINT (Ctrl-C) or SIGTERM stops");
        err.flush();
        // Last, so that a script that waits for the URL finds everything in place.
        parent.out.println(server.url());
        parent.out.flush();
        stopped.await();
        return 0;
    }

    private ServeSettings settings() {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535 (0 picks a free port), got " + port);
        }
        require("--max-pairs", maxPairs, 1, Integer.MAX_VALUE);
        require("--max-body", maxBody, 64, ServeSettings.LIMIT_MAX_BODY);
        require("--max-top", maxTop, 1, Integer.MAX_VALUE);
        int t = threads == null ? ServeSettings.defaultThreads() : threads;
        require("--threads", t, 1, ServeSettings.LIMIT_THREADS);
        require("--grace", grace, 0, 3600);
        String h = host.trim();
        InetAddress address;
        try {
            address = InetAddress.getByName(h);
        } catch (UnknownHostException | SecurityException e) {
            throw new UsageException("--host '" + h + "' is not an address or a known host name; use 127.0.0.1 "
                    + "(this machine only) or 0.0.0.0 (every interface)");
        }
        return new ServeSettings(new InetSocketAddress(address, port), maxBody, maxPairs, maxTop, t, grace);
    }

    private static void require(String option, long value, long low, long high) {
        if (value < low || value > high) {
            throw new UsageException(option + " must be from " + low + " to " + high + ", got " + value);
        }
    }
}
