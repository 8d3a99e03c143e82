package dev.tacit.app;

import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.ServiceProvider;
import dev.tacit.optim.catalog.Catalog;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Resolves optimizer and penalty names given on the command line into configured services. */
final class Providers {

    private final Catalog catalog = Catalog.builtIn();

    /**
     * @param name     optimizer name
     * @param lr       learning rate, or null for the optimizer's default
     * @param settings further hyperparameters
     * @return the optimizer
     * @throws InputException naming {@code --optimizer} or {@code --opt} if the name or a setting is bad
     */
    Optimizer optimizer(String name, Double lr, Map<String, String> settings) {
        Map<String, String> all = new TreeMap<>(settings);
        if (lr != null) {
            if (settings.containsKey("lr")) {
                throw new InputException("the learning rate is given twice, by --lr and by --opt lr=...; keep one");
            }
            all.put("lr", Double.toString(lr));
        }
        return create(catalog.optimizer(name), "--optimizer", name, catalog.optimizerNames(), "--opt", all);
    }

    /**
     * @param name     penalty name
     * @param settings its hyperparameters
     * @return the penalty
     * @throws InputException naming {@code --penalty} or {@code --penalty-opt} if the name or a setting is bad
     */
    Penalty penalty(String name, Map<String, String> settings) {
        return create(catalog.penalty(name), "--penalty", name, catalog.penaltyNames(), "--penalty-opt", settings);
    }

    private static <T> T create(Optional<? extends ServiceProvider<T>> provider, String option, String name,
                                String known, String settingsOption, Map<String, String> settings) {
        ServiceProvider<T> p = provider.orElseThrow(() -> new InputException("unknown " + option.substring(2) + " '"
                + name + "' for " + option + "; choose one of: " + known));
        return p.create(settings).getOrElseGet(problems -> {
            throw new InputException("bad " + settingsOption + " for " + name + ": " + String.join("; ", problems));
        });
    }
}
