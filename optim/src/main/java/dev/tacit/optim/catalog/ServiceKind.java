package dev.tacit.optim.catalog;

import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.Named;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.PenaltyProvider;
import dev.tacit.api.ScheduleProvider;
import dev.tacit.api.ServiceProvider;

/**
 * The kinds of pluggable services, each with its provider interface and the command-line options that choose one
 * and set its hyperparameters (the spelling every message about a choice uses).
 */
public enum ServiceKind implements Named {
    /** Optimizers, chosen with {@code --optimizer} and set with {@code --opt}. */
    OPTIMIZER("optimizer", OptimizerProvider.class, "--optimizer", "--opt"),
    /** Penalties R(W), chosen with {@code --penalty} and set with {@code --penalty-opt}. */
    PENALTY("penalty", PenaltyProvider.class, "--penalty", "--penalty-opt"),
    /** Learning-rate schedules, chosen with {@code --schedule} and set with {@code --schedule-opt}. */
    SCHEDULE("schedule", ScheduleProvider.class, "--schedule", "--schedule-opt"),
    /** Completion methods, chosen with {@code --method} and set with {@code --method-opt}. */
    METHOD("method", CompletionMethodProvider.class, "--method", "--method-opt");

    private final String label;
    private final Class<? extends ServiceProvider<?>> providerType;
    private final String nameOption;
    private final String settingsOption;

    ServiceKind(String label, Class<? extends ServiceProvider<?>> providerType, String nameOption,
                String settingsOption) {
        this.label = label;
        this.providerType = providerType;
        this.nameOption = nameOption;
        this.settingsOption = settingsOption;
    }

    @Override
    public String label() {
        return label;
    }

    /** @return the service interface its providers implement, for {@link java.util.ServiceLoader} */
    public Class<? extends ServiceProvider<?>> providerType() {
        return providerType;
    }

    /** @return the option that names the service, for example {@code --optimizer} */
    public String nameOption() {
        return nameOption;
    }

    /** @return the option that sets its hyperparameters, for example {@code --opt} */
    public String settingsOption() {
        return settingsOption;
    }

    @Override
    public String toString() {
        return label;
    }
}
