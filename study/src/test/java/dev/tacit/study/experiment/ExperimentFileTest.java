package dev.tacit.study.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExperimentFileTest {

    static final Set<String> BASELINES = Set.of("cp", "softimpute", "optspace");

    static ExperimentSpec parse(String text, String... overrides) {
        return ExperimentFile.parse("test.exp", text, List.of(overrides), BASELINES);
    }

    @Test
    void readsTheGridAndTheMethods() {
        ExperimentSpec e = parse("""
                # a comment
                name = demo
                observed = 1000, 2000..2002   # ranges too
                seeds = 0..2
                iterations = 500
                method = Adam:1+R
                method = GD:3 lr=5 iterations=20000
                method = SoftImpute
                """);
        assertEquals("demo", e.name());
        assertEquals(List.of(1000, 2000, 2001, 2002), e.observed());
        assertEquals(List.of(0L, 1L, 2L), e.seeds());
        assertEquals("500", e.defaults().get("iterations"));
        MethodSpec adam = e.methods().get(0);
        assertEquals("lnn", adam.method());
        assertEquals(Optional.of("adam"), adam.optimizer());
        assertEquals(Optional.of(1), adam.depth());
        assertEquals("ratio", adam.penalty());
        MethodSpec gd = e.methods().get(1);
        assertEquals("none", gd.penalty());
        assertEquals("5", gd.settings().get("lr"));
        assertEquals("softimpute", e.methods().get(2).method());
        assertEquals("SoftImpute", e.methods().get(2).label());
    }

    @Test
    void methodsWrittenAlikeAreToldApartByTheirSettingsWithoutChangingTheirRuns() {
        ExperimentSpec e = parse("""
                method = Adam+R
                method = Adam+R lr=3e-4 iterations=100
                method = GD:3 lr=5
                """);
        assertEquals(List.of("Adam+R", "Adam+R iterations=100 lr=3e-4", "GD:3"),
                e.methods().stream().map(MethodSpec::label).toList(), "a unique notation keeps its label");
        ExperimentSpec alone = parse("method = Adam+R lr=3e-4 iterations=100\n");
        assertEquals("Adam+R", alone.methods().get(0).label(), "alone, the notation is the label");
        assertEquals(alone.expand().get(0).id(), e.expand().get(1).id(), "the label is not part of a run's id");
    }

    @Test
    void theGridExpandsAlongEveryAxisThatApplies() {
        ExperimentSpec e = parse("""
                observed = 1000, 2000
                depth = 1..3
                lambda = 1e-3, 1e-2
                seeds = 0..1
                method = adam+R
                method = gd:2
                method = cp
                """);
        // adam+R: 2 observed × 3 depths × 2 λ × 2 seeds = 24; gd:2: 2 × 1 × 1 × 2 = 4; cp: 2 × 2 = 4
        assertEquals(32, e.expand().size());
        assertEquals(32, e.expand().stream().map(RunSpec::id).distinct().count(), "distinct runs, distinct ids");
        assertEquals(e.expand().get(0).id(), parse("""
                observed = 1000, 2000
                depth = 1..3
                lambda = 1e-3, 1e-2
                seeds = 0..1
                method = adam+R
                """).expand().get(0).id(), "ids are stable");
    }

    @Test
    void overridesReplaceKeysAndMethods() {
        ExperimentSpec e = parse("observed = 1000\nmethod = adam:1+R\nmethod = cp\n", "observed=500", "seeds=3",
                "method=optspace");
        assertEquals(List.of(500), e.observed());
        assertEquals(List.of(3L), e.seeds());
        assertEquals(1, e.methods().size());
        assertEquals("optspace", e.methods().get(0).method());
    }

    @Test
    void errorsNameTheSourceAndLine() {
        assertTrue(assertThrows(ExperimentFile.ParseException.class, () -> parse("method = adam\nobserverd = 3\n"))
                .getMessage().startsWith("test.exp line 2: unknown key 'observerd'"));
        assertTrue(assertThrows(ExperimentFile.ParseException.class, () -> parse("method = adam\nseeds = 5..1\n"))
                .getMessage().contains("test.exp line 2"));
        assertTrue(assertThrows(ExperimentFile.ParseException.class, () -> parse("method = adam:x\n"))
                .getMessage().contains("line 1"));
        assertTrue(assertThrows(ExperimentFile.ParseException.class, () -> parse("observed = 10\n"))
                .getMessage().contains("no method"));
        assertTrue(assertThrows(ExperimentFile.ParseException.class, () -> parse("method = adam lr\n"))
                .getMessage().contains("not key=value"));
        assertTrue(assertThrows(ExperimentFile.ParseException.class, () -> parse("method = adam\n", "x=colour"))
                .getMessage().contains("x must be one of"));
    }

    @Test
    void presetsParse() throws Exception {
        for (String preset : List.of("figure4", "figure4-quick", "depth", "depth-quick")) {
            String text = new String(ExperimentFile.class.getResourceAsStream(preset + ".exp").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            ExperimentSpec e = parse(text);
            assertEquals(preset, e.name());
            assertTrue(e.expand().size() > 0);
        }
    }
}
