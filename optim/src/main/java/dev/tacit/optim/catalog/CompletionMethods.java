package dev.tacit.optim.catalog;

import dev.tacit.api.CompletionMethodProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The completion methods available to a run, each with where it came from: the linear network ({@code lnn}), the
 * classical baselines ({@code cp}, {@code softimpute}, {@code optspace}) and any plugin that provides
 * {@link CompletionMethodProvider}.
 *
 * @param methods the providers, sorted by name
 */
public record CompletionMethods(List<Catalog.Entry<CompletionMethodProvider>> methods) {

    /** Sorts and copies the list. */
    public CompletionMethods {
        methods = methods.stream().sorted(Comparator.comparing(e -> e.provider().name())).toList();
    }

    /** @return the providers visible to this module's layer (the built-in ones) */
    public static CompletionMethods builtIn() {
        List<Catalog.Entry<CompletionMethodProvider>> found = new ArrayList<>();
        ServiceLoader.load(CompletionMethodProvider.class).forEach(p -> found.add(new Catalog.Entry<>(p,
                Catalog.BUILT_IN)));
        return new CompletionMethods(found);
    }

    /**
     * @param name a method name
     * @return its provider, if any
     */
    public Optional<CompletionMethodProvider> method(String name) {
        return methods.stream().map(Catalog.Entry::provider).filter(p -> p.name().equals(name)).findFirst();
    }

    /** @return the method names, sorted, comma separated */
    public String names() {
        return methods.stream().map(e -> e.provider().name()).collect(Collectors.joining(", "));
    }
}
