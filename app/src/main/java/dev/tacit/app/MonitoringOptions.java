package dev.tacit.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that attach observers to a run: the event log and the Prometheus endpoint (a picocli mixin). */
final class MonitoringOptions {

    @Option(names = "--events", paramLabel = "FILE",
            description = "Write every event of the run to FILE, one JSON object per line (FILE is replaced).")
    Path events;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics during the run; 0 picks a free port "
                    + "(the URL is printed on standard error).")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST",
            description = "Address to serve the metrics on. Default: 127.0.0.1 (this machine only); 0.0.0.0 serves "
                    + "every interface.")
    String metricsHost;

    @Option(names = "--linger", paramLabel = "SECONDS",
            description = "Keep serving the metrics this many seconds after the run ends, so that Prometheus scrapes "
                    + "the final values. Default: 0.")
    double linger;
}
