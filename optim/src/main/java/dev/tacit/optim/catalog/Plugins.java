package dev.tacit.optim.catalog;

import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.PenaltyProvider;
import dev.tacit.api.ScheduleProvider;
import dev.tacit.api.ServiceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads third-party optimizers, penalties, schedules and completion methods from plugin directories, each plugin into its own module
 * layer so that a broken one is reported and skipped while the others load.
 *
 * <p>A plugin is either a jar directly inside a plugin directory, or a subdirectory holding a plugin jar together with
 * the jars it needs; either way its modules are resolved together, against Tacit's own modules, into one layer whose
 * parent is Tacit's layer. Providers are taken from the plugin's own modules only (declared with {@code provides} in a
 * module descriptor, or with {@code META-INF/services} in an automatic module). A plugin cannot replace a Tacit
 * module (Tacit's modules are found first) nor a provider of a name already taken (built-in names and earlier
 * directories win).
 *
 * <p>Every failure is reported as a {@link Problem} naming the plugin: a directory that does not exist, a file that is
 * not a valid jar, a module that does not resolve (for example one that needs a module absent from the runtime
 * image), a provider that cannot be loaded or instantiated or whose name, description or hyperparameters throw, a
 * duplicate name, and a plugin that provides nothing.
 */
public final class Plugins {

    private Plugins() {
    }

    /**
     * A plugin, or a provider in it, that was skipped.
     *
     * @param plugin  the plugin jar or directory, as its path
     * @param message what went wrong
     */
    public record Problem(String plugin, String message) {
    }

    /**
     * The outcome of loading plugins.
     *
     * @param catalog  the base catalog with every provider that loaded added, each with its plugin as its origin
     * @param problems what was skipped and why, in the order met
     */
    public record Loaded(Catalog catalog, List<Problem> problems) {
        /** Copies the list. */
        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Loads every plugin of the given directories, in order, and adds their providers to a catalog.
     *
     * @param base        the providers already available (usually {@link Catalog#builtIn()})
     * @param directories plugin directories; a missing one is reported, not an error
     * @return the extended catalog and every problem met
     */
    public static Loaded load(Catalog base, List<Path> directories) {
        Merger merger = new Merger(base);
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                merger.problem(directory.toString(), "plugin directory does not exist or is not a directory");
                continue;
            }
            List<Path> plugins;
            try (Stream<Path> entries = Files.list(directory)) {
                plugins = entries.filter(Plugins::isPlugin).sorted(Comparator.comparing(Path::toString)).toList();
            } catch (IOException e) {
                merger.problem(directory.toString(), "cannot list the plugin directory: " + e.getMessage());
                continue;
            }
            for (Path plugin : plugins) {
                loadPlugin(plugin, merger);
            }
        }
        return new Loaded(merger.catalog(), merger.problems);
    }

    private static boolean isPlugin(Path p) {
        String name = p.getFileName().toString();
        if (name.startsWith(".")) {
            return false;
        }
        return Files.isDirectory(p) || (Files.isRegularFile(p) && name.endsWith(".jar"));
    }

    private static void loadPlugin(Path plugin, Merger merger) {
        String origin = plugin.toString();
        ModuleLayer layer;
        try {
            layer = defineLayer(plugin);
        } catch (RuntimeException | LinkageError e) {
            merger.problem(origin, describe(e));
            return;
        }
        String fingerprint = fingerprint(plugin);
        int added = merger.add(origin, fingerprint, guarded(OptimizerProvider.class, providers(layer, OptimizerProvider.class,
                origin, merger), origin), merger.optimizers)
                + merger.add(origin, fingerprint, guarded(PenaltyProvider.class, providers(layer, PenaltyProvider.class, origin,
                merger), origin), merger.penalties)
                + merger.add(origin, fingerprint, guarded(ScheduleProvider.class, providers(layer, ScheduleProvider.class, origin,
                merger), origin), merger.schedules)
                + merger.add(origin, fingerprint, guarded(CompletionMethodProvider.class, providers(layer,
                CompletionMethodProvider.class, origin, merger), origin), merger.methods);
        if (added == 0 && merger.problemsOf(origin) == 0) {
            merger.problem(origin, "provides no optimizer, penalty, schedule or completion method (does its "
                    + "module-info declare 'provides dev.tacit.api.OptimizerProvider with ...'?)");
        }
    }

    /**
     * The SHA-256 of a plugin: of its jar, or of the jars of a plugin directory in name order (each file's bytes in
     * turn), so two copies of the same jar at different places have the same fingerprint.
     */
    static String fingerprint(Path plugin) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Path> jars;
            if (Files.isDirectory(plugin)) {
                try (Stream<Path> entries = Files.list(plugin)) {
                    jars = entries.filter(p -> p.getFileName().toString().endsWith(".jar"))
                            .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
                }
            } else {
                jars = List.of(plugin);
            }
            for (Path jar : jars) {
                try (InputStream in = Files.newInputStream(jar)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            // An unreadable plugin fails to load anyway; its fingerprint then only has to be distinct.
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the runtime", e);
        }
    }

    /** Resolves the plugin's modules against Tacit's layer and defines them in a new layer with one class loader. */
    private static ModuleLayer defineLayer(Path plugin) {
        ModuleFinder finder = ModuleFinder.of(plugin);
        Set<String> roots = finder.findAll().stream().map(r -> r.descriptor().name()).collect(Collectors.toSet());
        if (roots.isEmpty()) {
            throw new IllegalStateException("contains no module (no jar, or no jar with classes)");
        }
        ModuleLayer parent = parentLayer();
        // Tacit's own modules come first (the "after" finder is only asked for what the parents lack), so a plugin
        // that bundles a copy of dev.tacit.api still uses the one its services are defined by.
        Configuration configuration = parent.configuration().resolveAndBind(ModuleFinder.of(), finder, roots);
        return parent.defineModulesWithOneLoader(configuration, Plugins.class.getClassLoader());
    }

    private static ModuleLayer parentLayer() {
        ModuleLayer own = Plugins.class.getModule().getLayer();
        return own == null ? ModuleLayer.boot() : own;
    }

    /** The providers of a service defined in the plugin's own layer, each instantiated and checked. */
    private static <T extends ServiceProvider<?>> List<T> providers(ModuleLayer layer, Class<T> service, String origin,
                                                                     Merger merger) {
        List<T> out = new ArrayList<>();
        Iterator<ServiceLoader.Provider<T>> it = ServiceLoader.load(layer, service).stream().iterator();
        // A provider that cannot be loaded throws from the iterator; the loader then goes on with the next one. The
        // bound guards against an iterator that keeps failing.
        for (int failures = 0; failures < 100; ) {
            ServiceLoader.Provider<T> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                merger.problem(origin, describe(e));
                failures++;
                continue;
            }
            if (provider.type().getModule().getLayer() != layer) {
                continue;
            }
            try {
                T instance = provider.get();
                String name = instance.name();
                if (name == null || !name.matches("[a-z][a-z0-9_-]*")) {
                    merger.problem(origin, provider.type().getName() + " has the name '" + name
                            + "'; names must match [a-z][a-z0-9_-]*");
                    continue;
                }
                // A null here would fail later, for everyone with this plugin on the path (tacit list, every name
                // lookup): skip the provider now, by name.
                if (instance.description() == null) {
                    merger.problem(origin, "'" + name + "' (" + provider.type().getName() + ") returns null from "
                            + "description(); it is skipped");
                    continue;
                }
                var parameters = instance.parameters();
                if (parameters == null || parameters.stream().anyMatch(java.util.Objects::isNull)) {
                    merger.problem(origin, "'" + name + "' (" + provider.type().getName() + ") returns "
                            + (parameters == null ? "null from parameters()" : "a null setting in parameters()")
                            + "; it is skipped");
                    continue;
                }
                out.add(instance);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                merger.problem(origin, provider.type().getName() + ": " + describe(e));
                failures++;
            }
        }
        return out;
    }

    /** The plugin's providers, each wrapped so its failures name the plugin ({@link PluginGuard}). */
    private static <T extends ServiceProvider<?>> List<T> guarded(Class<T> type, List<T> providers, String origin) {
        return providers.stream().map(p -> PluginGuard.guard(type, p, origin, p.name())).toList();
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage() == null ? e.getClass().getName()
                : e.getMessage()));
        Set<Throwable> seen = new HashSet<>();
        for (Throwable c = e.getCause(); c != null && seen.add(c); c = c.getCause()) {
            s.append(": ").append(c.getMessage() == null ? c.getClass().getName() : c);
        }
        return s.toString();
    }

    /** Adds providers to the catalog under construction, rejecting names already taken. */
    private static final class Merger {
        final List<Catalog.Entry<OptimizerProvider>> optimizers;
        final List<Catalog.Entry<PenaltyProvider>> penalties;
        final List<Catalog.Entry<ScheduleProvider>> schedules;
        final List<Catalog.Entry<CompletionMethodProvider>> methods;
        final List<Problem> problems = new ArrayList<>();

        Merger(Catalog base) {
            optimizers = new ArrayList<>(base.optimizers());
            penalties = new ArrayList<>(base.penalties());
            schedules = new ArrayList<>(base.schedules());
            methods = new ArrayList<>(base.methods());
        }

        void problem(String plugin, String message) {
            problems.add(new Problem(plugin, message));
        }

        long problemsOf(String plugin) {
            return problems.stream().filter(p -> p.plugin().equals(plugin)).count();
        }

        <T extends ServiceProvider<?>> int add(String origin, String fingerprint, List<T> providers,
                                               List<Catalog.Entry<T>> into) {
            int added = 0;
            for (T p : providers) {
                var taken = into.stream().filter(e -> e.provider().name().equals(p.name())).findFirst();
                if (taken.isPresent()) {
                    problem(origin, "'" + p.name() + "' is already provided by " + taken.get().origin()
                            + "; this one is skipped");
                } else {
                    into.add(new Catalog.Entry<>(p, origin, fingerprint));
                    added++;
                }
            }
            return added;
        }

        Catalog catalog() {
            return new Catalog(optimizers, penalties, schedules, methods);
        }
    }
}
