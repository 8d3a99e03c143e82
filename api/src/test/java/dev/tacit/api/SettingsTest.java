package dev.tacit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private final List<Hyperparameter> specs = List.of(
            Hyperparameter.real("lr", 0.01, 0, 10, "learning rate"),
            Hyperparameter.integer("history", 10, 1, 100, "pairs kept"));

    @Test
    void defaultsAndOverrides() {
        Settings s = Settings.resolve(specs, Map.of("lr", "0.5")).get();
        assertEquals(0.5, s.get("lr"));
        assertEquals(10.0, s.get("history"));
        assertEquals(Settings.defaults(specs), Settings.resolve(specs, Map.of()).get());
    }

    @Test
    void collectsEveryProblem() {
        var r = Settings.resolve(specs, Map.of("lr", "-1", "history", "2.5", "momentum", "0.9", "x", "y"));
        assertTrue(r.isInvalid());
        List<String> problems = r.getError().toJavaList();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("lr must be in [0, 10], got -1")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("whole number")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("unknown setting 'momentum'")), problems.toString());
    }

    @Test
    void hyperparametersValidateThemselves() {
        assertThrows(IllegalArgumentException.class, () -> Hyperparameter.real("lr", 5, 0, 1, "out of range"));
        assertThrows(IllegalArgumentException.class, () -> Hyperparameter.real("Bad-Name", 0, 0, 1, "bad name"));
        assertEquals("3", Hyperparameter.format(3.0));
    }
}
