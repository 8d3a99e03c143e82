/**
 * The {@code tacit} command-line tool: parses options into configuration records, resolves optimizers, penalties and
 * schedules (built in, or from plugin jars loaded into their own module layers), runs training with its observers and
 * maps every error to an exit code in one place.
 */
module dev.tacit.app {
    requires dev.tacit.optim;
    requires dev.tacit.data;
    requires info.picocli;

    uses dev.tacit.api.OptimizerProvider;
    uses dev.tacit.api.PenaltyProvider;
    uses dev.tacit.api.ScheduleProvider;

    opens dev.tacit.app to info.picocli;
}
