package dev.tacit.optim.catalog;

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
 * The optimizers, penalties and learning-rate schedules available to a run, each with where it came from: built in,
 * or the plugin jar {@link Plugins} loaded it from.
 *
 * @param optimizers the optimizer providers, sorted by name
 * @param penalties  the penalty providers, sorted by name
 * @param schedules  the schedule providers, sorted by name
 */
public record Catalog(List<Entry<OptimizerProvider>> optimizers, List<Entry<PenaltyProvider>> penalties,
                      List<Entry<ScheduleProvider>> schedules) {

    /** Where providers of the Tacit image itself come from. */
    public static final String BUILT_IN = "built-in";

    /** Sorts and copies the lists. */
    public Catalog {
        optimizers = sorted(optimizers);
        penalties = sorted(penalties);
        schedules = sorted(schedules);
    }

    /**
     * A catalog without schedules.
     *
     * @param optimizers the optimizer providers
     * @param penalties  the penalty providers
     */
    public Catalog(List<Entry<OptimizerProvider>> optimizers, List<Entry<PenaltyProvider>> penalties) {
        this(optimizers, penalties, List.of());
    }

    /**
     * A provider and its origin.
     *
     * @param provider the provider
     * @param origin   {@value #BUILT_IN} or the plugin it was loaded from
     * @param <T>      the provider type
     */
    public record Entry<T extends ServiceProvider<?>>(T provider, String origin) {
    }

    /** @return the providers visible to this module's layer (the built-in ones) */
    public static Catalog builtIn() {
        return new Catalog(load(ServiceLoader.load(OptimizerProvider.class)),
                load(ServiceLoader.load(PenaltyProvider.class)), load(ServiceLoader.load(ScheduleProvider.class)));
    }

    private static <T extends ServiceProvider<?>> List<Entry<T>> load(ServiceLoader<T> loader) {
        List<Entry<T>> out = new ArrayList<>();
        loader.forEach(p -> out.add(new Entry<>(p, BUILT_IN)));
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
