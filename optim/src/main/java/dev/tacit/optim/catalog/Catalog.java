package dev.tacit.optim.catalog;

import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.PenaltyProvider;
import dev.tacit.api.ScheduleProvider;
import dev.tacit.api.ServiceProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The optimizers, penalties, learning-rate schedules and completion methods available to a run, each with where it
 * came from: built in, or the plugin jar {@link Plugins} loaded it from. {@link Choices} turns names in it into
 * configured services.
 *
 * @param optimizers the optimizer providers, sorted by name
 * @param penalties  the penalty providers, sorted by name
 * @param schedules  the schedule providers, sorted by name
 * @param methods    the completion method providers (the network {@code lnn}, the classical baselines and any from
 *                   plugins), sorted by name
 */
public record Catalog(List<Entry<OptimizerProvider>> optimizers, List<Entry<PenaltyProvider>> penalties,
                      List<Entry<ScheduleProvider>> schedules, List<Entry<CompletionMethodProvider>> methods) {

    /** Where providers of the Tacit image itself come from. */
    public static final String BUILT_IN = "built-in";

    /** Sorts and copies the lists. */
    public Catalog {
        optimizers = sorted(optimizers);
        penalties = sorted(penalties);
        schedules = sorted(schedules);
        methods = sorted(methods);
    }

    /**
     * A provider and its origin.
     *
     * @param provider    the provider
     * @param origin      {@value #BUILT_IN} or the plugin it was loaded from (its jar or directory)
     * @param fingerprint the SHA-256 of the plugin's jars (hex, in name order), so a resumed run can tell whether it
     *                    has the same plugin; empty for a built-in provider
     * @param <T>         the provider type
     */
    public record Entry<T extends ServiceProvider<?>>(T provider, String origin, String fingerprint) {

        /**
         * A built-in provider.
         *
         * @param provider the provider
         * @return it, with its origin
         */
        public static <T extends ServiceProvider<?>> Entry<T> builtIn(T provider) {
            return new Entry<>(provider, BUILT_IN, "");
        }

        /** @return whether it came from a plugin */
        public boolean fromPlugin() {
            return !fingerprint.isEmpty();
        }
    }

    /**
     * @param kind a kind of service
     * @param name a name
     * @return the provider of that name with its origin, if any
     */
    public Optional<Entry<? extends ServiceProvider<?>>> entry(ServiceKind kind, String name) {
        return entries(kind).stream().filter(e -> e.provider().name().equals(name)).findFirst();
    }

    /** @return the providers visible to this module's layer (the built-in ones) */
    public static Catalog builtIn() {
        return new Catalog(load(ServiceLoader.load(OptimizerProvider.class)),
                load(ServiceLoader.load(PenaltyProvider.class)), load(ServiceLoader.load(ScheduleProvider.class)),
                load(ServiceLoader.load(CompletionMethodProvider.class)));
    }

    private static <T extends ServiceProvider<?>> List<Entry<T>> load(ServiceLoader<T> loader) {
        List<Entry<T>> out = new ArrayList<>();
        loader.forEach(p -> out.add(Entry.builtIn(p)));
        return out;
    }

    private static <T extends ServiceProvider<?>> List<Entry<T>> sorted(List<Entry<T>> entries) {
        return entries.stream().sorted(Comparator.comparing(e -> e.provider().name())).toList();
    }

    /**
     * @param name an optimizer name
     * @return its provider, if any
     */
    public Optional<OptimizerProvider> optimizer(String name) {
        return find(optimizers, name);
    }

    /**
     * @param name a penalty name
     * @return its provider, if any
     */
    public Optional<PenaltyProvider> penalty(String name) {
        return find(penalties, name);
    }

    /**
     * @param name a schedule name
     * @return its provider, if any
     */
    public Optional<ScheduleProvider> schedule(String name) {
        return find(schedules, name);
    }

    /**
     * @param name a completion method name
     * @return its provider, if any
     */
    public Optional<CompletionMethodProvider> method(String name) {
        return find(methods, name);
    }

    /**
     * @param kind a kind of service
     * @return its providers with their origins, sorted by name
     */
    public List<Entry<? extends ServiceProvider<?>>> entries(ServiceKind kind) {
        return List.copyOf(switch (kind) {
            case OPTIMIZER -> optimizers;
            case PENALTY -> penalties;
            case SCHEDULE -> schedules;
            case METHOD -> methods;
        });
    }

    /**
     * @param kind a kind of service
     * @return its names, sorted, comma separated
     */
    public String names(ServiceKind kind) {
        return entries(kind).stream().map(e -> e.provider().name()).collect(Collectors.joining(", "));
    }

    /** @return the optimizer names, sorted */
    public String optimizerNames() {
        return names(optimizers);
    }

    /** @return the penalty names, sorted */
    public String penaltyNames() {
        return names(penalties);
    }

    /** @return the schedule names, sorted */
    public String scheduleNames() {
        return names(schedules);
    }

    private static <T extends ServiceProvider<?>> Optional<T> find(List<Entry<T>> entries, String name) {
        return entries.stream().map(Entry::provider).filter(p -> p.name().equals(name)).findFirst();
    }

    private static <T extends ServiceProvider<?>> String names(List<Entry<T>> entries) {
        return entries.stream().map(e -> e.provider().name()).collect(Collectors.joining(", "));
    }
}
