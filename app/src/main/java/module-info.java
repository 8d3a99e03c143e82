/**
 * The {@code tacit} command-line tool: parses options into configuration records, resolves optimizers and penalties,
 * runs training with its observers (console progress, a JSON-lines event log, Micrometer metrics served to Prometheus)
 * and maps every error to an exit code in one place.
 */
module dev.tacit.app {
    requires dev.tacit.optim;
    requires dev.tacit.data;
    requires info.picocli;
    requires org.jfree.jfreechart;
    requires org.jfree.svg;
    requires java.desktop;
    requires micrometer.core;
    requires micrometer.registry.prometheus;
    requires jdk.httpserver;
    requires java.management;

    uses dev.tacit.api.OptimizerProvider;
    uses dev.tacit.api.PenaltyProvider;
    uses dev.tacit.api.CompletionMethodProvider;

    opens dev.tacit.app to info.picocli;
}
