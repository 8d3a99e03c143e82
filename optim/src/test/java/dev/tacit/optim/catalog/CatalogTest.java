package dev.tacit.optim.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.api.Hyperparameter;
import dev.tacit.api.ServiceProvider;
import dev.tacit.api.Settings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The built-in providers are found through ServiceLoader and are well formed. */
class CatalogTest {

    @Test
    void builtInProvidersAreDiscovered() {
        Catalog catalog = Catalog.builtIn();
        Set<String> optimizers = catalog.optimizers().stream().map(e -> e.provider().name()).collect(Collectors.toSet());
        Set<String> penalties = catalog.penalties().stream().map(e -> e.provider().name()).collect(Collectors.toSet());
        assertTrue(optimizers.containsAll(Set.of("gd", "adam")), optimizers.toString());
        assertTrue(penalties.containsAll(Set.of("ratio", "nuclear", "frobenius", "none")), penalties.toString());
        catalog.optimizers().forEach(e -> assertEquals(Catalog.BUILT_IN, e.origin()));
    }

    @Test
    void everyProviderIsDocumentedAndBuildsFromItsDefaults() {
        Catalog catalog = Catalog.builtIn();
        List<ServiceProvider<?>> all = new java.util.ArrayList<>();
        catalog.optimizers().forEach(e -> all.add(e.provider()));
        catalog.penalties().forEach(e -> all.add(e.provider()));
        catalog.schedules().forEach(e -> all.add(e.provider()));
        for (ServiceProvider<?> p : all) {
            assertFalse(p.description().isBlank(), p.name() + " has a description");
            assertTrue(p.name().matches("[a-z][a-z0-9_-]*"), p.name());
            for (Hyperparameter h : p.parameters()) {
                assertFalse(h.description().isBlank(), p.name() + "." + h.name() + " is documented");
            }
            assertTrue(p.create(Map.of()).isValid(), p.name() + " builds from its defaults");
            assertTrue(p.create(Settings.defaults(p.parameters())) != null);
        }
        catalog.optimizers().forEach(e -> assertTrue(e.provider().parameters().stream()
                .anyMatch(h -> h.name().equals("lr")), e.provider().name() + " has a learning rate"));
    }

    @Test
    void classPathRegistrationsMatchTheModuleDescriptor() throws Exception {
        // The module-path registration (provides) and the class-path one (META-INF/services) must list the same classes.
        Module optim = Catalog.class.getModule();
        for (String service : optim.getDescriptor().provides().stream().map(p -> p.service()).toList()) {
            Set<String> provides = optim.getDescriptor().provides().stream()
                    .filter(p -> p.service().equals(service))
                    .flatMap(p -> p.providers().stream()).collect(Collectors.toSet());
            Set<String> listed;
            try (var in = optim.getResourceAsStream("META-INF/services/" + service)) {
                listed = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                        .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .collect(Collectors.toSet());
            }
            assertEquals(provides, listed, service);
        }
    }

    @Test
    void everyBadSettingIsReportedAtOnce() {
        var result = Catalog.builtIn().optimizer("adam").orElseThrow()
                .create(Map.of("beta2", "2", "bogus", "1", "eps", "x"));
        assertTrue(result.isInvalid());
        assertEquals(3, result.getError().size(), result.getError().toString());
    }
}
