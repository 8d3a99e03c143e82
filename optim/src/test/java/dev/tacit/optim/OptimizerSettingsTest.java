package dev.tacit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.api.Hyperparameter;
import dev.tacit.api.InvalidValueException;
import dev.tacit.api.OptimizerProvider;
import dev.tacit.api.Settings;
import dev.tacit.optim.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in optimizer validates its settings the same way: a value just outside a declared bound is refused by
 * the command line's resolution and, given directly to the optimizer's constructor, by the constructor too, naming
 * the setting; the value at a closed bound is accepted by both.
 */
class OptimizerSettingsTest {

    static Stream<Arguments> boundsOfEveryOptimizer() {
        List<Arguments> cases = new ArrayList<>();
        for (Catalog.Entry<OptimizerProvider> e : Catalog.builtIn().optimizers()) {
            for (Hyperparameter h : e.provider().parameters()) {
                if (h.kind() == Hyperparameter.Kind.REAL || h.kind() == Hyperparameter.Kind.INTEGER) {
                    cases.add(Arguments.of(e.provider().name(), h.name()));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("boundsOfEveryOptimizer")
    void outsideADeclaredBoundIsRefusedByResolutionAndConstructorAlike(String optimizer, String setting) {
        OptimizerProvider p = Catalog.builtIn().optimizer(optimizer).orElseThrow();
        Hyperparameter h = p.parameters().stream().filter(x -> x.name().equals(setting)).findFirst().orElseThrow();
        for (Hyperparameter.Bound b : List.of(h.lower(), h.upper())) {
            if (Double.isInfinite(b.value())) {
                continue;
            }
            double step = h.integral() ? 1 : Math.max(1e-9, Math.abs(b.value()) * 1e-9);
            double outside = b == h.lower() ? (b.inclusive() ? b.value() - step : b.value())
                    : (b.inclusive() ? b.value() + step : b.value());
            assertTrue(p.create(java.util.Map.of(setting, Hyperparameter.format(outside))).isInvalid(),
                    optimizer + " " + setting + "=" + outside + " is refused when resolved");
            InvalidValueException e = assertThrows(InvalidValueException.class, () -> p.create(with(h, p, outside)),
                    optimizer + " " + setting + "=" + outside + " is refused by the constructor");
            assertEquals(setting, e.setting());
            if (b.inclusive()) {
                p.create(with(h, p, b.value()));
            }
        }
    }

    private static Settings with(Hyperparameter h, OptimizerProvider p, double value) {
        TreeMap<String, Double> values = new TreeMap<>(Settings.defaults(p.parameters()).values());
        values.put(h.name(), value);
        return new Settings(values);
    }
}
