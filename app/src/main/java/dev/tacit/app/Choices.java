package dev.tacit.app;

import dev.tacit.api.ServiceProvider;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** Turns a provider name and its {@code KEY=VALUE} settings from the command line into a configured service. */
final class Choices {

    private Choices() {
    }

    /**
     * @param commandLine    the command, for usage errors
     * @param provider       the provider found under the name, if any
     * @param option         the option that named it, for example {@code --optimizer}
     * @param name           the name given
     * @param known          the names that exist, for the error message
     * @param settingsOption the option that carries its settings, for example {@code --opt}
     * @param settings       the settings given
     * @param <T>            the service
     * @return the configured service
     * @throws CommandLine.ParameterException naming the option: an unknown name, or every bad setting at once
     */
    static <T> T create(CommandLine commandLine, Optional<? extends ServiceProvider<T>> provider, String option,
                        String name, String known, String settingsOption, Map<String, String> settings) {
        ServiceProvider<T> p = provider.orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                "unknown " + option.substring(2) + " '" + name + "' for " + option + "; choose one of: " + known));
        return p.create(settings).getOrElseGet(problems -> {
            throw new CommandLine.ParameterException(commandLine,
                    "bad " + settingsOption + " for " + name + ": " + String.join("; ", problems));
        });
    }
}
