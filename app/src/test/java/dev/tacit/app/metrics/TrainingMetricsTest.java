package dev.tacit.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.api.Metrics;
import dev.tacit.api.StopReason;
import dev.tacit.api.TrainingEvent;
import dev.tacit.app.pipeline.Delivery;
import dev.tacit.app.pipeline.EventPipeline;
import dev.tacit.app.pipeline.Observer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The meters of a run, as Prometheus sees them. */
class TrainingMetricsTest {

    private static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        r.config().commonTags("optimizer", "adam", "penalty", "ratio", "depth", "1", "dataset", "synthetic");
        return r;
    }

    @Test
    void eventsBecomeMetersWithMicrometerNamesAndBoundedTags() {
        PrometheusMeterRegistry registry = registry();
        TrainingMetrics metrics = new TrainingMetrics();
        metrics.bindTo(registry);
        String before = registry.scrape();
        assertTrue(Double.isNaN(Scrapes.value(before, "tacit_evaluation_test_rmse", "")), "unknown yet: NaN");
        assertEquals(0, Scrapes.value(before, "tacit_training_steps_total", ""));

        Metrics m = new Metrics(0.25, 0.01, 0.2, 0.3, 0.4, 4.9, 50, List.of(9.0, 8.0, 7.0, 6.0, 5.0));
        metrics.onEvent(new TrainingEvent.RunStarted(0, 0, 300, new TreeMap<>()));
        metrics.onEvent(new TrainingEvent.StepStatistics(100, 0.5, 100, 0.004, 0.3, 0.02, 1.5, 1e-3));
        metrics.onEvent(new TrainingEvent.StepStatistics(200, 1.0, 100, 0.006, 0.28, 0.02, 1.4, 1e-3));
        metrics.onEvent(new TrainingEvent.Evaluated(200, 1.1, m));
        String during = registry.scrape();
        assertEquals(200, Scrapes.value(during, "tacit_training_steps_total", ""));
        assertEquals(300, Scrapes.value(during, "tacit_training_steps_planned", ""));
        assertEquals(1, Scrapes.value(during, "tacit_training_running", ""));
        assertEquals(200, Scrapes.value(during, "tacit_training_step_duration_seconds_count", ""));
        assertEquals(1.0, Scrapes.value(during, "tacit_training_step_duration_seconds_sum", ""), 1e-12);
        assertEquals(0.3, Scrapes.value(during, "tacit_evaluation_test_rmse", ""));
        assertEquals(0.2, Scrapes.value(during, "tacit_evaluation_train_rmse", ""));
        assertEquals(4.9, Scrapes.value(during, "tacit_evaluation_effective_rank", ""));
        assertEquals(0.25, Scrapes.value(during, "tacit_training_loss", ""), "the evaluation's loss is the latest");
        assertEquals(1e-3, Scrapes.value(during, "tacit_training_learning_rate", ""));
        assertEquals(1.4, Scrapes.value(during, "tacit_training_gradient_norm", ""));
        for (int i = 1; i <= 5; i++) {
            assertEquals(10.0 - i, Scrapes.value(during, "tacit_evaluation_singular_value", "index=\"" + i + "\""));
        }
        assertTrue(during.contains("tacit_evaluation_test_rmse{dataset=\"synthetic\",depth=\"1\",optimizer=\"adam\","
                + "penalty=\"ratio\"} 0.3"), during);

        metrics.onEvent(new TrainingEvent.RunFinished(300, 1.6, m, StopReason.PLANNED));
        String after = registry.scrape();
        assertEquals(300, Scrapes.value(after, "tacit_training_steps_total", ""),
                "the step counter follows the iteration, so a dropped statistics event loses no steps");
        assertEquals(0, Scrapes.value(after, "tacit_training_running", ""));
        registry.close();
    }

    @Test
    void thePipelinesDropsAndFailuresAreExported() {
        PrometheusMeterRegistry registry = registry();
        Observer slow = new Observer() {
            @Override
            public String name() {
                return "console";
            }

            @Override
            public Delivery delivery() {
                return Delivery.LOSSY;
            }

            @Override
            public void onEvent(TrainingEvent event) throws InterruptedException {
                Thread.sleep(50);
            }
        };
        EventPipeline pipeline = new EventPipeline(List.of(slow),
                new EventPipeline.Settings(1, Duration.ofSeconds(5), Duration.ofSeconds(30)), f -> { });
        new PipelineMetrics(pipeline).bindTo(registry);
        pipeline.accept(new TrainingEvent.RunStarted(0, 0, 100, new TreeMap<>()));
        for (int it = 1; it <= 20; it++) {
            pipeline.accept(new TrainingEvent.StepStatistics(it, it, 1, 1e-3, 1, 0, 1, 1e-3));
        }
        pipeline.close();
        String text = registry.scrape();
        long dropped = pipeline.dropped("console");
        assertTrue(dropped > 0);
        assertEquals(dropped, Scrapes.value(text, "tacit_events_dropped_total", "observer=\"console\""));
        assertEquals(21, Scrapes.value(text, "tacit_events_published_total", "observer=\"console\""));
        assertEquals(0, Scrapes.value(text, "tacit_events_observer_failed", "observer=\"console\""));
        registry.close();
    }

    @Test
    void jvmMetricsAreThere() {
        PrometheusMeterRegistry registry = registry();
        try (JvmMetrics jvm = new JvmMetrics()) {
            jvm.bindTo(registry);
            String text = registry.scrape();
            for (String name : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "jvm_gc_live_data_size_bytes",
                    "process_cpu_usage", "system_cpu_count", "process_uptime_seconds", "jvm_classes_loaded_classes")) {
                assertTrue(text.contains("\n" + name + "{"), name + " in:\n" + text);
            }
        }
        registry.close();
    }
}
