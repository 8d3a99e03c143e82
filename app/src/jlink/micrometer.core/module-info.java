// Explicit descriptor injected by moditect into micrometer-core 1.17.2 (an automatic module) so jlink accepts it.
// Generated once with jdeps --generate-module-info --ignore-missing-deps; regenerate on upgrade.
// Edited: java.desktop, java.sql and jdk.management are "requires static" so the
// image does not carry AWT or JDBC; jdk.management is an image root of its own, which Micrometer reads when present
// (GC, process CPU metrics).
module micrometer.core {
    requires HdrHistogram;
    requires static java.desktop;
    requires java.logging;
    requires static jdk.management;

    requires transitive java.management;
    requires static java.sql;
    requires transitive micrometer.commons;
    requires transitive micrometer.observation;
    requires transitive org.jspecify;

    exports io.micrometer.core.annotation;
    exports io.micrometer.core.aop;
    exports io.micrometer.core.instrument;
    exports io.micrometer.core.instrument.binder;
    exports io.micrometer.core.instrument.binder.cache;
    exports io.micrometer.core.instrument.binder.commonspool2;
    exports io.micrometer.core.instrument.binder.db;
    exports io.micrometer.core.instrument.binder.grpc;
    exports io.micrometer.core.instrument.binder.http;
    exports io.micrometer.core.instrument.binder.httpcomponents;
    exports io.micrometer.core.instrument.binder.httpcomponents.hc5;
    exports io.micrometer.core.instrument.binder.hystrix;
    exports io.micrometer.core.instrument.binder.jersey.server;
    exports io.micrometer.core.instrument.binder.jetty;
    exports io.micrometer.core.instrument.binder.jpa;
    exports io.micrometer.core.instrument.binder.jvm;
    exports io.micrometer.core.instrument.binder.jvm.convention;
    exports io.micrometer.core.instrument.binder.jvm.convention.micrometer;
    exports io.micrometer.core.instrument.binder.jvm.convention.otel;
    exports io.micrometer.core.instrument.binder.kafka;
    exports io.micrometer.core.instrument.binder.logging;
    exports io.micrometer.core.instrument.binder.mongodb;
    exports io.micrometer.core.instrument.binder.netty4;
    exports io.micrometer.core.instrument.binder.okhttp3;
    exports io.micrometer.core.instrument.binder.system;
    exports io.micrometer.core.instrument.binder.tomcat;
    exports io.micrometer.core.instrument.composite;
    exports io.micrometer.core.instrument.config;
    exports io.micrometer.core.instrument.config.validate;
    exports io.micrometer.core.instrument.cumulative;
    exports io.micrometer.core.instrument.distribution;
    exports io.micrometer.core.instrument.distribution.pause;
    exports io.micrometer.core.instrument.docs;
    exports io.micrometer.core.instrument.dropwizard;
    exports io.micrometer.core.instrument.internal;
    exports io.micrometer.core.instrument.kotlin;
    exports io.micrometer.core.instrument.logging;
    exports io.micrometer.core.instrument.noop;
    exports io.micrometer.core.instrument.observation;
    exports io.micrometer.core.instrument.push;
    exports io.micrometer.core.instrument.search;
    exports io.micrometer.core.instrument.simple;
    exports io.micrometer.core.instrument.step;
    exports io.micrometer.core.instrument.util;
    exports io.micrometer.core.ipc.http;
    exports io.micrometer.core.util.internal.logging;
}
