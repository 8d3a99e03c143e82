/**
 * The {@code tacit} command-line tool: parses options into configuration records, resolves optimizers, penalties,
 * schedules and completion methods (built in, or from plugin jars loaded into their own module layers), runs training
 * and experiments with their observers (console progress, a JSON-lines event log, Micrometer metrics served to
 * Prometheus), draws charts, and maps every error to an exit code in one place.
 */
module dev.tacit.app {
    requires dev.tacit.study;
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
    uses dev.tacit.api.ScheduleProvider;

    opens dev.tacit.app to info.picocli;
}
