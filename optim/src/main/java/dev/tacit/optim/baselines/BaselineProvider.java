package dev.tacit.optim.baselines;

import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Settings;
import java.util.List;
import java.util.function.Function;

/**
 * What the baselines' providers share: a fixed name, description and list of settings, and a factory from resolved
 * settings. Each baseline registers a public subclass with a no-argument constructor, as ServiceLoader needs.
 */
abstract class BaselineProvider implements CompletionMethodProvider {

    private final String name;
    private final String description;
    private final List<Hyperparameter> parameters;
    private final Function<Settings, CompletionMethod> factory;

    /**
     * @param name        the name users select it by
     * @param description one line citing the source
     * @param parameters  its settings, in the order to show them
     * @param factory     builds the method from resolved settings
     */
    BaselineProvider(String name, String description, List<Hyperparameter> parameters,
                     Function<Settings, CompletionMethod> factory) {
        this.name = name;
        this.description = description;
        this.parameters = List.copyOf(parameters);
        this.factory = factory;
    }

    /**
     * @param defaultValue how often to publish metrics unless told otherwise
     * @return the {@code eval_every} setting every baseline has
     */
    static Hyperparameter evalEvery(long defaultValue) {
        return Hyperparameter.integer("eval_every", defaultValue, 0, Long.MAX_VALUE / 2,
                "publish metrics every this many iterations (0: only at the end)");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Hyperparameter> parameters() {
        return parameters;
    }

    @Override
    public CompletionMethod create(Settings settings) {
        return factory.apply(settings);
    }
}
