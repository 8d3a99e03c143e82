package dev.tacit.app.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.TrainingEvent;
import dev.tacit.app.pipeline.ConsoleProgress;
import dev.tacit.app.pipeline.EventLog;
import dev.tacit.app.pipeline.EventPipeline;
import dev.tacit.data.Seeds;
import dev.tacit.data.Synthetic;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.models.CompletionEvaluator;
import dev.tacit.optim.models.LinearNetwork;
import dev.tacit.optim.models.LinearNetworkObjective;
import dev.tacit.optim.training.Trainer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The cost of the observers on the default problem (100×100, rank 5, 2000 observed, depth 1, Adam lr 1e-3, ratio
 * penalty λ 1e-3): time per iteration with every observer attached (console in plain mode, the event log, Micrometer
 * with its endpoint scraped every second) against none, in alternating blocks inside one JVM so that the load of a
 * shared machine hits both sides alike. Wall time per iteration and CPU time of the whole process per iteration
 * (observers, scrapes, GC and JIT included; less sensitive to other processes' load) are compared; the median
 * ratios go to {@code target/pipeline-overhead.txt}.
 *
 * <p>Not part of the default suite (its name matches no test pattern). Run it with
 * {@code mvn -B -q -pl app -am test -Dtest=PipelineOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PipelineOverheadBenchmark {

    private static final int BLOCK = 500;
    private static final int PAIRS = 12;

    private static Trainer.Run run() {
        Catalog catalog = Catalog.builtIn();
        Optimizer opt = catalog.optimizer("adam").orElseThrow().create(Map.of("lr", "1e-3")).get();
        Penalty pen = catalog.penalty("ratio").orElseThrow().create(Map.of()).get();
        CompletionProblem problem = new Synthetic(100, 100, 5, 2000, 0).problem();
        LinearNetwork net = new LinearNetwork(100, 100, 1, 1e-3);
        LinearNetworkObjective objective = new LinearNetworkObjective(net, problem.train(), pen, 1e-3);
        var init = net.initialParameters(Seeds.stream(0, Seeds.Purpose.INIT));
        // The command line's event rate: statistics every 100 steps, an evaluation every 250 (1000 by default).
        return new Trainer.Run(objective, opt, new CompletionEvaluator(net, problem),
                Trainer.Run.freshStart(objective, opt, init), BLOCK, 250, 100, new TreeMap<>());
    }

    /** Wall and CPU time of one block, per iteration, in ms. */
    private record Cost(double wall, double cpu) {
    }

    /** CPU time of the whole process (every thread: training, observers, scrapes, GC, JIT), in ms. */
    private static double processCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e6;
    }

    private static Cost cost(Trainer.Run run, Consumer<TrainingEvent> sink, Runnable after) {
        double cpu0 = processCpuMillis();
        double wall = 1e3 * Trainer.train(run, sink).seconds() / BLOCK;
        after.run();
        return new Cost(wall, (processCpuMillis() - cpu0) / BLOCK);
    }

    @Test
    void allObserversAgainstNone() throws Exception {
        Trainer.Run run = run();
        Path dir = Files.createTempDirectory("tacit-overhead");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JvmMetrics jvm = new JvmMetrics();
        jvm.bindTo(registry);
        MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                registry::scrape);
        Thread scraper = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try (InputStream in = new URL(server.url()).openStream()) {
                    in.transferTo(OutputStream.nullOutputStream());
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        scraper.setDaemon(true);
        scraper.start();
        List<Double> none = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        double[] ratios = new double[PAIRS];
        double[] cpuRatios = new double[PAIRS];
        try {
            for (int k = -2; k < PAIRS; k++) {  // two warm-up pairs
                boolean allFirst = (k & 1) == 1;   // alternate the order, so a drift in load favours neither side
                Cost a = null;
                Cost n = null;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == allFirst) {
                        a = withAllObservers(run, registry, dir);
                    } else {
                        n = cost(run, e -> { }, () -> { });
                    }
                }
                if (k >= 0) {
                    none.add(n.wall());
                    all.add(a.wall());
                    ratios[k] = a.wall() / n.wall();
                    cpuRatios[k] = a.cpu() / n.cpu();
                }
            }
        } finally {
            scraper.interrupt();
            server.close();
            jvm.close();
            registry.close();
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        double median = (sorted[PAIRS / 2 - 1] + sorted[PAIRS / 2]) / 2;
        double[] cpuSorted = cpuRatios.clone();
        Arrays.sort(cpuSorted);
        double cpuMedian = (cpuSorted[PAIRS / 2 - 1] + cpuSorted[PAIRS / 2]) / 2;
        String report = String.format(Locale.ROOT, "pipeline overhead, default problem, %d pairs of %d-iteration "
                        + "blocks, alternating%nnone wall ms/it: %s%nall  wall ms/it: %s%n"
                        + "wall time ratio all/none: median %.3f, min %.3f, max %.3f%n"
                        + "process CPU time ratio all/none: median %.3f, min %.3f, max %.3f%n", PAIRS, BLOCK,
                format(none), format(all), median, sorted[0], sorted[PAIRS - 1], cpuMedian, cpuSorted[0],
                cpuSorted[PAIRS - 1]);
        report += unitCosts(registry, dir, none);
        Files.writeString(Path.of("target", "pipeline-overhead.txt"), report);
        assertTrue(median < 1.25, report);
    }

    /**
     * The same overhead from the bottom up, which the load of a shared machine blurs much less: the cost of one
     * event (the pipeline's offers plus what each observer does with it) and of one scrape, times how often they
     * happen at the command line's defaults (statistics every 100 steps, an evaluation every 1000, a scrape a second).
     */
    private static String unitCosts(PrometheusMeterRegistry registry, Path dir, List<Double> noneWall)
            throws java.io.IOException {
        List<TrainingEvent> events = new ArrayList<>();
        dev.tacit.api.Metrics m = new dev.tacit.api.Metrics(0.01, 0.001, 0.02, 0.03, 0.04, 4.9, 100,
                List.of(9.0, 8.0, 7.0, 6.0, 5.0));
        for (int it = 100; it <= 100_000; it += 100) {
            events.add(new TrainingEvent.StepStatistics(it, it * 2e-3, 100, 2e-3, 0.5, 0.01, 1, 1e-3));
            if (it % 1000 == 0) {
                events.add(new TrainingEvent.Evaluated(it, it * 2e-3, m));
            }
        }
        TrainingMetrics metrics = new TrainingMetrics();
        metrics.bindTo(registry);
        double observers = 0;
        for (int round = 0; round < 3; round++) {  // the last round counts, after the JIT has seen the code
            EventLog log = EventLog.create(dir.resolve("unit.jsonl"));
            ConsoleProgress console = new ConsoleProgress(new PrintWriter(OutputStream.nullOutputStream()), false);
            long t0 = System.nanoTime();
            for (TrainingEvent e : events) {
                console.onEvent(e);
                log.onEvent(e);
                metrics.onEvent(e);
            }
            observers = (System.nanoTime() - t0) / 1e3 / events.size();
            log.close();
        }
        double offer = 0;
        for (int round = 0; round < 3; round++) {
            List<dev.tacit.app.pipeline.Observer> idle = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                idle.add(new dev.tacit.app.pipeline.Observer() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public dev.tacit.app.pipeline.Delivery delivery() {
                        return dev.tacit.app.pipeline.Delivery.LOSSY;
                    }

                    @Override
                    public void onEvent(TrainingEvent event) {
                    }
                });
            }
            EventPipeline pipeline = new EventPipeline(idle, EventPipeline.Settings.DEFAULT, f -> { });
            long t0 = System.nanoTime();
            events.forEach(pipeline);
            offer = (System.nanoTime() - t0) / 1e3 / events.size();
            pipeline.close();
        }
        double scrape = 0;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < 200; k++) {
                registry.scrape(OutputStream.nullOutputStream());
            }
            scrape = (System.nanoTime() - t0) / 1e3 / 200;
        }
        double msPerIteration = noneWall.stream().mapToDouble(Double::doubleValue).sorted()
                .skip(noneWall.size() / 2).findFirst().orElseThrow();
        double eventsPerIteration = 1 / 100.0 + 1 / 1000.0;
        double scrapesPerIteration = msPerIteration / 1000;
        double perIteration = (offer + observers) * eventsPerIteration + scrape * scrapesPerIteration;
        return String.format(Locale.ROOT, "bottom-up: an event costs %.1f us to publish and %.1f us in the three "
                        + "observers; a scrape %.0f us; at %.3f events and %.4f scrapes per iteration of %.2f ms that "
                        + "is %.2f us per iteration, %.3f%%%n", offer, observers, scrape, eventsPerIteration,
                scrapesPerIteration, msPerIteration, perIteration, 100 * perIteration / (1e3 * msPerIteration));
    }

    private static Cost withAllObservers(Trainer.Run run, PrometheusMeterRegistry registry, Path dir)
            throws java.io.IOException {
        TrainingMetrics metrics = new TrainingMetrics();
        metrics.bindTo(registry);
        EventLog log = EventLog.create(dir.resolve("events.jsonl"));
        ConsoleProgress console = new ConsoleProgress(new PrintWriter(OutputStream.nullOutputStream()), false);
        EventPipeline pipeline = new EventPipeline(List.of(console, log, metrics), EventPipeline.Settings.DEFAULT,
                f -> {
                    throw new AssertionError(f.describe());
                });
        return cost(run, pipeline, pipeline::close);
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList().toString();
    }
}
