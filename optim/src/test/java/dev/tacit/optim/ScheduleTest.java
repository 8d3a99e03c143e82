package dev.tacit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.api.Schedule;
import dev.tacit.api.State;
import dev.tacit.optim.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The learning-rate schedules, step by step. */
class ScheduleTest {

    private static Schedule schedule(String name, Map<String, String> settings) {
        return Catalog.builtIn().schedule(name).orElseThrow().create(settings).get();
    }

    @Test
    void theFourSchedulesAreRegistered() {
        Set<String> names = Catalog.builtIn().schedules().stream().map(e -> e.provider().name())
                .collect(Collectors.toSet());
        assertEquals(Set.of("constant", "plateau", "step", "cosine"), names);
    }

    @Test
    void constantIsTheBaseRate() {
        Schedule s = schedule("constant", Map.of());
        assertEquals(0.01, s.learningRate(0.01, 1, 100, State.EMPTY));
        assertEquals(0.01, s.learningRate(0.01, 100, 100, s.observe(0.01, 5.0, State.EMPTY)));
    }

    @Test
    void stepDecaysEveryStepSizeSteps() {
        // lr·γ^⌊(t − 1)/3⌋: steps 1–3 at lr, 4–6 at lr/2, 7 at lr/4.
        Schedule s = schedule("step", Map.of("step_size", "3", "gamma", "0.5"));
        double[] expected = {1, 1, 1, 0.5, 0.5, 0.5, 0.25};
        for (int t = 1; t <= expected.length; t++) {
            assertEquals(expected[t - 1], s.learningRate(1, t, 100, State.EMPTY), "step " + t);
        }
    }

    @Test
    void cosineAnnealsOverTheRun() {
        // 0 + (1 − 0)(1 + cos(π(t − 1)/T))/2 with T = the run's 5 steps: 1, 0.9045, 0.6545, 0.3455, 0.0955.
        Schedule s = schedule("cosine", Map.of());
        double[] expected = {1, 0.9045084971874737, 0.6545084971874737, 0.34549150281252633, 0.09549150281252633};
        for (int t = 1; t <= 5; t++) {
            Tolerance.ROUNDING.assertClose(expected[t - 1], s.learningRate(1, t, 5, State.EMPTY), "step " + t);
        }
        // With a period and a floor: halfway through a period of 10, (0.1 + 0.01)/2.
        Schedule floored = schedule("cosine", Map.of("period", "10", "min_lr", "0.01"));
        Tolerance.ROUNDING.assertClose(0.055, floored.learningRate(0.1, 6, 1000, State.EMPTY), "midpoint");
    }

    /** Feeds losses to a plateau schedule and records the rate before each observation. */
    private static List<Double> rates(Schedule s, double base, double... losses) {
        List<Double> out = new ArrayList<>();
        State state = State.EMPTY;
        for (int t = 0; t < losses.length; t++) {
            out.add(s.learningRate(base, t + 1, losses.length, state));
            state = s.observe(base, losses[t], state);
        }
        out.add(s.learningRate(base, losses.length + 1, losses.length, state));
        return out;
    }

    @Test
    void plateauHalvesTheRateAfterPatienceBadObservations() {
        // patience 2, threshold 0.1 (relative): 10 is the first best; 9.5 is not 10% better (bad 1), 9.2 neither
        // (bad 2), 9.1 (bad 3 > 2): halve, counter reset; 8.0 < 10·0.9 is an improvement (best 8).
        Schedule s = schedule("plateau", Map.of("patience", "2"));
        List<Double> r = rates(s, 1.0, 10, 9.5, 9.2, 9.1, 8.0, 7.9, 7.8, 7.7);
        assertEquals(List.of(1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.25), r);
    }

    @Test
    void plateauDefaultsAreTheStudysAndItsMemoryIsAState() {
        Schedule s = schedule("plateau", Map.of());
        State state = State.EMPTY;
        // 101 observations without a 10% improvement over the first: the 102nd rate is halved (patience 100).
        state = s.observe(0.01, 1.0, state);
        for (int i = 0; i < 100; i++) {
            state = s.observe(0.01, 0.95, state);
        }
        assertEquals(0.01, s.learningRate(0.01, 102, 1000, state), "100 bad observations are tolerated");
        State before = state;
        state = s.observe(0.01, 0.95, state);
        assertEquals(0.005, s.learningRate(0.01, 103, 1000, state), "the 101st halves the rate");
        assertEquals(1.0, state.scalar("best"));
        assertEquals(0, state.count("bad"));
        assertEquals(100, before.count("bad"), "observing returns a new state and leaves the old one alone");
    }

    @Test
    void plateauRespectsCooldownAndFloor() {
        // patience 0: every non-improving observation reduces, except during the 1-observation cooldown; min_lr 0.3.
        Schedule s = schedule("plateau", Map.of("patience", "0", "cooldown", "1", "min_lr", "0.3"));
        List<Double> r = rates(s, 1.0, 5, 5, 5, 5, 5, 5);
        assertEquals(List.of(1.0, 1.0, 0.5, 0.5, 0.3, 0.3, 0.3), r);
    }

    @Test
    void badSettingsAreCollected() {
        var r = Catalog.builtIn().schedule("plateau").orElseThrow()
                .create(Map.of("factor", "1.5", "patience", "2.5", "bogus", "1"));
        assertTrue(r.isInvalid());
        assertEquals(3, r.getError().size(), r.getError().toString());
    }
}
