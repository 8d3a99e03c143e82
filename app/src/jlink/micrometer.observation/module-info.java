// Explicit descriptor injected by moditect into micrometer-observation 1.17.2 (an automatic module) so jlink accepts it.
// Generated once with jdeps --generate-module-info --ignore-missing-deps; regenerate on upgrade.
// Edited: the generated "provides io.micrometer.context.ThreadLocalAccessor" clause is dropped, because
// context-propagation (the module of that service type) is an optional dependency Tacit does not ship.
module micrometer.observation {
    requires transitive micrometer.commons;
    requires transitive org.jspecify;

    exports io.micrometer.observation;
    exports io.micrometer.observation.annotation;
    exports io.micrometer.observation.aop;
    exports io.micrometer.observation.contextpropagation;
    exports io.micrometer.observation.docs;
    exports io.micrometer.observation.transport;
}
