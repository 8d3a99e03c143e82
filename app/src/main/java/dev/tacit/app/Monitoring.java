package dev.tacit.app;

import dev.tacit.api.TrainingEvent;
import dev.tacit.api.UsageException;
import dev.tacit.app.metrics.JvmMetrics;
import dev.tacit.app.metrics.MetricsServer;
import dev.tacit.app.metrics.PipelineMetrics;
import dev.tacit.app.metrics.TrainingMetrics;
import dev.tacit.app.pipeline.ConsoleProgress;
import dev.tacit.app.pipeline.Delivery;
import dev.tacit.app.pipeline.EventLog;
import dev.tacit.app.pipeline.EventPipeline;
import dev.tacit.app.pipeline.Observer;
import dev.tacit.app.pipeline.ObserverFailure;
import dev.tacit.app.pipeline.SweepProgress;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The observers of one run, wired from the command line: console progress (unless {@code --quiet}), the event log
 * ({@code --events}), Micrometer with its Prometheus endpoint ({@code --metrics-port}). Everything the user gave is
 * checked, the port bound and the log file created before training starts, so bad input stops the run with exit code
 * 2 and leaves nothing behind.
 *
 * <p>Use ({@link Execution} does): {@link #open}, {@link #observe} (which waits until the observers have handled every
 * event, and cleans up if the work fails), print the result, then {@link #finish}, which lingers if asked and stops
 * the endpoint.
 */
final class Monitoring implements AutoCloseable {

    /** Default address of the metrics endpoint: this machine only. */
    static final String DEFAULT_HOST = "127.0.0.1";

    private final PrintWriter err;
    private final EventPipeline pipeline;
    private final EventLog log;
    private final PrometheusMeterRegistry registry;
    private final JvmMetrics jvm;
    private final MetricsServer server;
    private final double linger;
    private final BooleanSupplier stop;

    private Monitoring(PrintWriter err, EventPipeline pipeline, EventLog log, PrometheusMeterRegistry registry,
                       JvmMetrics jvm, MetricsServer server, double linger, BooleanSupplier stop) {
        this.err = err;
        this.pipeline = pipeline;
        this.log = log;
        this.registry = registry;
        this.jvm = jvm;
        this.server = server;
        this.linger = linger;
        this.stop = stop;
    }

    /**
     * Checks the options, binds the endpoint and creates the event log.
     *
     * @param options the monitoring options
     * @param quiet   no console progress
     * @param err     standard error: progress, the endpoint's URL, observer failures
     * @param runTags the bounded tags of the run: optimizer, penalty, depth, dataset
     * @param sweep   for a command of several runs, the progress of the sweep, shown instead of one run's
     * @param stop    a stop request (a signal), which ends a linger early
     * @return the observers, not started
     * @throws UsageException if an option is wrong, the port cannot be bound or the file cannot be created
     */
    static Monitoring open(MonitoringOptions options, boolean quiet, PrintWriter err, Map<String, String> runTags,
                           Optional<SweepProgress> sweep, BooleanSupplier stop) {
        InetSocketAddress address = address(options);
        if (options.events != null) {
            checkEventsPath(options.events);
        }
        List<Observer> observers = new ArrayList<>();
        if (!quiet) {
            observers.add(sweep.<Observer>map(s -> s).orElseGet(() -> new ConsoleProgress(err,
                    ConsoleProgress.stderrIsTerminal())));
        }
        PrometheusMeterRegistry registry = null;
        JvmMetrics jvm = null;
        MetricsServer server = null;
        TrainingMetrics metrics = null;
        EventLog log = null;
        try {
            if (address != null) {
                registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                registry.config().commonTags(runTags.entrySet().stream()
                        .map(e -> Tag.of(e.getKey(), e.getValue())).toList());
                server = bind(address, registry);
                jvm = new JvmMetrics();
                jvm.bindTo(registry);
                metrics = new TrainingMetrics();
                metrics.bindTo(registry);
            }
            if (options.events != null) {
                log = createLog(options.events);
                observers.add(log);
            }
            if (metrics != null) {
                observers.add(metrics);
            }
            EventPipeline pipeline = observers.isEmpty() ? null
                    : new EventPipeline(observers, EventPipeline.Settings.DEFAULT, failureReporter(err, log));
            if (registry != null && pipeline != null) {
                new PipelineMetrics(pipeline).bindTo(registry);
            }
            if (server != null) {
                err.println("tacit: metrics at " + server.url());
                err.flush();
            }
            return new Monitoring(err, pipeline, log, registry, jvm, server, options.linger, stop);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (jvm != null) {
                jvm.close();
            }
            if (registry != null) {
                registry.close();
            }
            throw e;
        }
    }

    /**
     * Runs a body of work (training, or any completion method) with the observers attached to its event stream and
     * waits until they have handled every event. If the work fails, the observers still see the final event, the
     * endpoint lingers if asked, and everything is closed before the exception goes on.
     *
     * @param work receives the event sink and does the work
     * @param <T>  what the work returns
     * @return what the work returned
     */
    <T> T observe(Function<Consumer<TrainingEvent>, T> work) {
        try {
            T result = work.apply(events());
            drain();
            return result;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Ends the monitoring after the result is printed: lingers if asked (until a stop request), stops the endpoint.
     *
     * @param out standard output, flushed first so the result is out before any linger
     * @return the exit code of the run: 0, or 1 if the event log is incomplete
     */
    int finish(PrintWriter out) {
        out.flush();
        close();
        return exitCode();
    }

    /** @return where the trainer sends its events */
    Consumer<TrainingEvent> events() {
        return pipeline == null ? event -> { } : pipeline;
    }

    /**
     * @param run the name of one of several runs
     * @return where that run's events go; usable from any thread
     */
    Consumer<TrainingEvent> channel(String run) {
        return pipeline == null ? event -> { } : pipeline.channel(run);
    }

    /** Waits until every observer has handled the run's events; call it before printing the result. */
    void drain() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** @return 0, or 1 if the event log is incomplete (its observer failed) */
    int exitCode() {
        if (pipeline == null) {
            return 0;
        }
        boolean lost = pipeline.failures().stream().anyMatch(f -> f.delivery() == Delivery.LOSSLESS);
        return lost ? Main.FAILURE : 0;
    }

    /** Keeps the endpoint up for the linger time, checking for a stop request ten times a second. */
    private void linger() {
        if (server == null || linger <= 0) {
            return;
        }
        err.println(String.format(Locale.ROOT, "tacit: the run is over; serving the final metrics at %s for %s s more "
                + "(--linger)", server.url(), trim(linger)));
        err.flush();
        long end = System.nanoTime() + Math.round(linger * 1e9);
        try {
            while (!stop.getAsBoolean() && System.nanoTime() < end) {
                Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lingers if asked (until a stop request), then stops the endpoint. */
    @Override
    public void close() {
        drain();
        if (server == null) {
            return;
        }
        linger();
        server.close();
        jvm.close();
        registry.close();
    }

    private static String trim(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    private static Consumer<ObserverFailure> failureReporter(PrintWriter err, EventLog log) {
        return f -> {
            if (f.delivery() == Delivery.LOSSLESS && log != null) {
                err.println("tacit: the event log " + log.file() + " is incomplete: " + f.describe());
            } else {
                err.println("tacit: warning: " + f.describe() + "; training goes on without it");
            }
            err.flush();
        };
    }

    /** @return the endpoint's address, or null without --metrics-port */
    private static InetSocketAddress address(MonitoringOptions o) {
        if (o.metricsPort == null) {
            if (o.metricsHost != null) {
                throw new UsageException("--metrics-host needs --metrics-port: give the port to serve the metrics on, "
                        + "for example --metrics-port 9464");
            }
            if (o.linger != 0) {
                throw new UsageException("--linger needs --metrics-port: it keeps the metrics endpoint open after the "
                        + "run");
            }
            return null;
        }
        if (o.metricsPort < 0 || o.metricsPort > 65535) {
            throw new UsageException("--metrics-port must be between 0 and 65535 (0 picks a free port), got "
                    + o.metricsPort);
        }
        if (!(o.linger >= 0) || Double.isInfinite(o.linger)) {
            throw new UsageException("--linger must be a number of seconds >= 0, got " + o.linger);
        }
        String host = o.metricsHost == null ? DEFAULT_HOST : o.metricsHost.trim();
        try {
            return new InetSocketAddress(InetAddress.getByName(host), o.metricsPort);
        } catch (UnknownHostException | SecurityException e) {
            throw new UsageException("--metrics-host '" + host + "' is not an address or a known host name; use "
                    + "127.0.0.1 (this machine only) or 0.0.0.0 (every interface)");
        }
    }

    private static MetricsServer bind(InetSocketAddress address, PrometheusMeterRegistry registry) {
        try {
            return MetricsServer.start(address, registry::scrape);
        } catch (IOException e) {
            String where = address.getAddress().getHostAddress() + ":" + address.getPort();
            throw new UsageException("--metrics-port " + address.getPort() + ": cannot serve the metrics on " + where
                    + " (" + e.getMessage() + "); choose another port, or 0 to let the system pick a free one"
                    + (address.getAddress().isLoopbackAddress() ? "" : ", or check --metrics-host"));
        }
    }

    /**
     * Checks the monitoring options without binding or creating anything, for a command that writes files of its own
     * before the run starts: a bad option must stop it before those are written.
     *
     * @param options the monitoring options
     * @throws UsageException if an option is wrong
     */
    static void check(MonitoringOptions options) {
        address(options);
        if (options.events != null) {
            checkEventsPath(options.events);
        }
    }

    private static void checkEventsPath(Path file) {
        if (file.toString().isBlank()) {
            throw new UsageException("--events needs the name of a file to write the events to");
        }
        if (Files.isDirectory(file)) {
            throw new UsageException("--events " + file + " is a directory; give the name of a file to write");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            String problem = Files.exists(parent) ? parent + " is not a directory"
                    : "the directory " + parent + " does not exist";
            throw new UsageException("--events " + file + ": " + problem + "; give a path in an existing directory");
        }
    }

    private static EventLog createLog(Path file) {
        try {
            return EventLog.create(file);
        } catch (IOException e) {
            throw new UsageException("--events " + file + ": cannot write this file (" + describe(e)
                    + "); give a path in a directory you can write to");
        }
    }

    /** The text of an I/O error for a person: its type, and its message if it has one. */
    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
