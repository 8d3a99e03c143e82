// Explicit descriptor injected by moditect into micrometer-registry-prometheus 1.17.2 (an automatic module) so jlink accepts it.
// Generated once with jdeps --generate-module-info --ignore-missing-deps; regenerate on upgrade.
module micrometer.registry.prometheus {
    requires io.prometheus.metrics.config;
    requires io.prometheus.metrics.core;
    requires io.prometheus.writer.text;
    requires micrometer.commons;
    requires org.jspecify;

    requires transitive io.prometheus.metrics.model;
    requires transitive io.prometheus.metrics.tracer.common;
    requires transitive micrometer.core;

    exports io.micrometer.prometheusmetrics;
}
