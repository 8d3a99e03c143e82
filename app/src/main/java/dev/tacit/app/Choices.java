package dev.tacit.app;

import dev.tacit.api.ServiceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Turns provider names and their {@code KEY=VALUE} settings from the command line into configured services,
 * collecting every problem (unknown names, bad keys, bad values) so that one usage error reports them all.
 */
final class Choices {

    private final List<String> problems = new ArrayList<>();

    /**
     * @param provider       the provider found under the name, if any
     * @param option         the option that named it, for example {@code --optimizer}
     * @param name           the name given
     * @param known          the names that exist, for the error message
     * @param settingsOption the option that carries its settings, for example {@code --opt}
     * @param settings       the settings given
     * @param <T>            the service
     * @return the configured service, or empty after recording what is wrong with it
     */
    <T> Optional<T> create(Optional<? extends ServiceProvider<T>> provider, String option, String name, String known,
                           String settingsOption, Map<String, String> settings) {
        if (provider.isEmpty()) {
            problems.add("unknown " + option.substring(2) + " '" + name + "' for " + option + "; choose one of: "
                    + known + " (or load a plugin with --plugin-path)");
            return Optional.empty();
        }
        return provider.get().create(settings).fold(errors -> {
            problems.add("bad " + settingsOption + " for " + name + ": " + String.join("; ", errors));
            return Optional.empty();
        }, Optional::of);
    }

    /**
     * @param commandLine the command, for the usage error
     * @throws CommandLine.ParameterException listing every problem recorded, one per line
     */
    void check(CommandLine commandLine) {
        if (!problems.isEmpty()) {
            // One line per problem, each with the prefix the error handler gives the first.
            throw new CommandLine.ParameterException(commandLine, String.join("\ntacit: ", problems));
        }
    }
}
