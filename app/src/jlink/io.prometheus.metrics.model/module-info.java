// Explicit descriptor injected by moditect into prometheus-metrics-model 1.7.0 (an automatic module) so jlink accepts it.
// Generated once with jdeps --generate-module-info --ignore-missing-deps; regenerate on upgrade.
module io.prometheus.metrics.model {
    requires transitive io.prometheus.metrics.config;

    exports io.prometheus.metrics.model.registry;
    exports io.prometheus.metrics.model.snapshots;
}
