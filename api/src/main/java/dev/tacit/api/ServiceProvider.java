package dev.tacit.api;

import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.List;
import java.util.Map;

/**
 * What every pluggable service has in common: a unique name, a description, documented hyperparameters, and a
 * factory that builds the immutable service from validated settings.
 *
 * @param <T> the service built
 */
public interface ServiceProvider<T> {

    /** @return the name users select it by, lower case, for example {@code adam} */
    String name();

    /** @return one line saying what it is and citing its source */
    String description();

    /** @return its hyperparameters with their defaults, in the order to show them */
    List<Hyperparameter> parameters();

    /**
     * @param settings values for exactly the keys of {@link #parameters()}
     * @return the configured service
     */
    T create(Settings settings);

    /**
     * Validates textual overrides and builds the service.
     *
     * @param overrides key to value as the user wrote them
     * @return the service, or every problem with the overrides
     */
    default Validation<Seq<String>, T> create(Map<String, String> overrides) {
        return Settings.resolve(parameters(), overrides).map(this::create);
    }
}
