// Explicit descriptor injected by moditect into prometheus-metrics-exposition-textformats 1.7.0 (an automatic module) so jlink accepts it.
// Generated once with jdeps --generate-module-info --ignore-missing-deps; regenerate on upgrade.
module io.prometheus.writer.text {
    requires transitive io.prometheus.metrics.config;
    requires transitive io.prometheus.metrics.model;

    exports io.prometheus.metrics.expositionformats;
}
