// Explicit descriptor injected by moditect into micrometer-commons 1.17.2 (an automatic module) so jlink accepts it.
// Generated once with jdeps --generate-module-info --ignore-missing-deps; regenerate on upgrade.
module micrometer.commons {
    requires java.logging;
    requires org.jspecify;

    exports io.micrometer.common;
    exports io.micrometer.common.annotation;
    exports io.micrometer.common.docs;
    exports io.micrometer.common.lang;
    exports io.micrometer.common.lang.internal;
    exports io.micrometer.common.util;
    exports io.micrometer.common.util.internal.logging;
}
