package dev.tacit.optim.testkit;

import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.optim.catalog.Catalog;
import java.util.Map;

/** The built-in services by name, configured, for tests of every package. */
public final class BuiltIns {

    private BuiltIns() {
    }

    /**
     * @param name     a built-in optimizer
     * @param settings its settings as text
     * @return the configured optimizer
     */
    public static Optimizer optimizer(String name, Map<String, String> settings) {
        return Catalog.builtIn().optimizer(name).orElseThrow().create(settings).get();
    }

    /**
     * @param name a built-in penalty
     * @return it with its default settings
     */
    public static Penalty penalty(String name) {
        return Catalog.builtIn().penalty(name).orElseThrow().create(Map.of()).get();
    }
}
