package dev.tacit.optim.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.Hyperparameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The completion methods are found through ServiceLoader and are well formed. */
class CompletionMethodsTest {

    @Test
    void theBuiltInMethodsAreDiscovered() {
        Catalog methods = Catalog.builtIn();
        assertEquals("cp, lnn, optspace, softimpute", methods.names(ServiceKind.METHOD));
        methods.methods().forEach(e -> assertEquals(Catalog.BUILT_IN, e.origin()));
        assertTrue(methods.method("softimpute").isPresent());
        assertTrue(methods.method("svt").isEmpty());
    }

    @Test
    void everyMethodIsDocumentedAndBuildsFromItsDefaults() {
        for (Catalog.Entry<CompletionMethodProvider> e : Catalog.builtIn().methods()) {
            CompletionMethodProvider p = e.provider();
            assertFalse(p.description().isBlank(), p.name() + " has a description");
            List<String> names = p.parameters().stream().map(Hyperparameter::name).toList();
            assertEquals(names.stream().distinct().count(), names.size(), p.name() + " has distinct settings");
            for (Hyperparameter h : p.parameters()) {
                assertFalse(h.description().isBlank(), p.name() + "." + h.name() + " is documented");
            }
            assertTrue(p.create(Map.of()).isValid(), p.name() + " builds from its defaults");
        }
    }

    @Test
    void everyBadSettingIsReportedAtOnce() {
        var result = Catalog.builtIn().method("cp").orElseThrow()
                .create(Map.of("box", "-1", "bogus", "1", "tolerance", "x"));
        assertTrue(result.isInvalid());
        assertEquals(3, result.getError().size(), result.getError().toString());
    }
}
