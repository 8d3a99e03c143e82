package dev.tacit.optim.catalog;

import dev.tacit.api.CompletionMethod;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.Schedule;
import dev.tacit.api.ServiceProvider;
import dev.tacit.api.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns names and textual settings into configured services from a {@link Catalog}, collecting every problem
 * (unknown names, unknown keys, bad values) so that one error reports them all. The one way every command, experiment
 * and protocol resolves what a user chose.
 */
public final class Choices {

    private final Catalog catalog;
    private final List<Problem> problems = new ArrayList<>();

    /**
     * What is wrong with one choice.
     *
     * @param kind     the kind of service
     * @param name     the name given
     * @param known    the names that exist, comma separated, when the name is unknown; empty otherwise
     * @param settings what is wrong with the settings, when the name is known
     */
    public record Problem(ServiceKind kind, String name, Optional<String> known, List<String> settings) {

        /** Copies the list. */
        public Problem {
            settings = List.copyOf(settings);
        }

        /**
         * @return the problem as the command line says it, for example
         *         {@code unknown optimizer 'sgdx' for --optimizer; choose one of: adam, gd (or load a plugin with
         *         --plugin-path)} or {@code bad --opt for adam: beta2 must be in [0, 1), got 2}
         */
        public String describe() {
            return known.map(k -> "unknown " + kind.label() + " '" + name + "' for " + kind.nameOption()
                    + "; choose one of: " + k + " (or load a plugin with --plugin-path)")
                    .orElseGet(() -> "bad " + kind.settingsOption() + " for " + name + ": "
                            + String.join("; ", settings));
        }
    }

    /** @param catalog the services available */
    public Choices(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param name     an optimizer name
     * @param settings its hyperparameters as the user wrote them
     * @return the optimizer, or empty after recording what is wrong
     */
    public Optional<Optimizer> optimizer(String name, Map<String, String> settings) {
        return create(ServiceKind.OPTIMIZER, catalog.optimizer(name), name, settings);
    }

    /**
     * @param name     a penalty name
     * @param settings its hyperparameters
     * @return the penalty, or empty after recording what is wrong
     */
    public Optional<Penalty> penalty(String name, Map<String, String> settings) {
        return create(ServiceKind.PENALTY, catalog.penalty(name), name, settings);
    }

    /**
     * @param name     a schedule name
     * @param settings its hyperparameters
     * @return the schedule, or empty after recording what is wrong
     */
    public Optional<Schedule> schedule(String name, Map<String, String> settings) {
        return create(ServiceKind.SCHEDULE, catalog.schedule(name), name, settings);
    }

    /**
     * @param name     a completion method name
     * @param settings its hyperparameters
     * @return the method, or empty after recording what is wrong
     */
    public Optional<CompletionMethod> method(String name, Map<String, String> settings) {
        return create(ServiceKind.METHOD, catalog.method(name), name, settings);
    }

    private <T> Optional<T> create(ServiceKind kind, Optional<? extends ServiceProvider<T>> provider, String name,
                                   Map<String, String> settings) {
        if (provider.isEmpty()) {
            problems.add(new Problem(kind, name, Optional.of(catalog.names(kind)), List.of()));
            return Optional.empty();
        }
        return provider.get().create(settings).fold(errors -> {
            problems.add(new Problem(kind, name, Optional.empty(), errors.asJava()));
            return Optional.empty();
        }, Optional::of);
    }

    /**
     * The settings of an optimizer with the learning rate given on its own (as {@code --lr} is) added as {@code lr}.
     *
     * @param lr       the learning rate, or null for the optimizer's default
     * @param settings the other settings, which must not hold {@code lr} too
     * @return the settings to create the optimizer with
     * @throws UsageException if the learning rate is given twice
     */
    public static Map<String, String> withLearningRate(Double lr, Map<String, String> settings) {
        if (lr == null) {
            return settings;
        }
        if (!Double.isFinite(lr) || lr < 0) {
            throw new UsageException("--lr must be a finite number >= 0, got " + lr);
        }
        if (settings.containsKey("lr")) {
            throw new UsageException("the learning rate is given twice, by --lr and by --opt lr=...; keep one");
        }
        Map<String, String> all = new TreeMap<>(settings);
        all.put("lr", Double.toString(lr));
        return all;
    }

    /** @return every problem recorded so far, in order */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /**
     * @throws UsageException listing every problem recorded, one per line, as the command line says them
     */
    public void check() {
        check(Problem::describe);
    }

    /**
     * @param describe how to say one problem where the choices were written (an experiment file, say)
     * @throws UsageException listing every problem recorded, one per line
     */
    public void check(Function<Problem, String> describe) {
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("\n", problems.stream().map(describe).toList()));
        }
    }
}
