package dev.tacit.app.metrics;

import dev.tacit.app.pipeline.EventPipeline;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The health of the event pipeline, per observer (tag {@code observer}: console, events, metrics):
 * {@code tacit.events.published} and {@code tacit.events.dropped} (counters: events offered to the observer, and
 * those dropped because its buffer was full), and {@code tacit.events.observer.failed} (gauge: 1 once the observer
 * has been detached because it threw, stalled or did not finish).
 *
 * @param pipeline the pipeline to report on
 */
public record PipelineMetrics(EventPipeline pipeline) implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String observer : pipeline.observers()) {
            FunctionCounter.builder("tacit.events.published", pipeline, p -> p.published(observer))
                    .description("Events offered to an observer of the run").tag("observer", observer)
                    .register(registry);
            FunctionCounter.builder("tacit.events.dropped", pipeline, p -> p.dropped(observer))
                    .description("Events dropped for an observer because its buffer was full")
                    .tag("observer", observer).register(registry);
            Gauge.builder("tacit.events.observer.failed", pipeline, p -> p.failed(observer) ? 1 : 0)
                    .description("1 once an observer has been detached (it threw, stalled or did not finish)")
                    .tag("observer", observer).strongReference(true).register(registry);
        }
    }
}
