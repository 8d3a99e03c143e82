package dev.tacit.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.Metrics;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.Schedule;
import dev.tacit.api.TrainingEvent;
import dev.tacit.data.Seeds;
import dev.tacit.data.Synthetic;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.catalog.Choices;
import dev.tacit.optim.models.LinearNetworkMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/library.md, run as it is written there: the code between the markers below is the document's
 * Java block, character for character (the second test checks that), so the page cannot go stale.
 */
class LibraryExampleTest {

    @Test
    void theExampleTrainsEvaluatesAndReadsEvents() {
        // library.md example begins
        // The problem: a rank-5 100×100 matrix of which 2,000 entries are observed, from seed 0.
        CompletionProblem problem = new Synthetic(100, 100, 5, 2000, 0).problem();

        // Services by name from the catalog (Plugins.load adds those of plugin jars); every bad name or
        // setting is reported at once by check().
        Choices choices = new Choices(Catalog.builtIn());
        Optimizer adam = choices.optimizer("adam", Map.of("lr", "1e-3")).orElseThrow();
        Penalty ratio = choices.penalty("ratio", Map.of()).orElseThrow();
        choices.check();

        // The depth-1 network, initial scale 1e-3, λ = 1e-3, 3,000 full-batch steps, evaluated every 1,000.
        LinearNetworkMethod network = new LinearNetworkMethod(1, 1e-3, adam, ratio, Schedule.constant(), 1e-3,
                3_000, 1_000, new TreeMap<>());

        // Events arrive in order, on the calling thread: keep the periodic evaluations.
        List<TrainingEvent.Evaluated> evaluations = new ArrayList<>();
        CompletionResult result = network.complete(problem, Seeds.stream(0, Seeds.Purpose.INIT), event -> {
            if (event instanceof TrainingEvent.Evaluated e) {
                evaluations.add(e);
            }
        });

        Metrics m = result.metrics();
        System.out.printf("test RMSE %.3g, effective rank %.2f after %d steps%n", m.testRmse(), m.effectiveRank(),
                result.convergence().iterations());
        // library.md example ends
        assertEquals(3, evaluations.size(), "at steps 1,000, 2,000 and 3,000");
        assertEquals(3_000, result.convergence().iterations());
        // 3,000 of the 30,000 steps of 'tacit train': the observed entries are fitted, the others still moving.
        assertTrue(m.trainRmse() < 0.2, "the observed entries are fitted: " + m.trainRmse());
        assertTrue(m.testRmse() < 1, "the unobserved ones have started to move: " + m.testRmse());
        assertTrue(evaluations.get(2).metrics().trainRmse() < evaluations.get(0).metrics().trainRmse());
    }

    @Test
    void theDocumentShowsExactlyThisCode() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docs/library.md"))) {
            root = root.getParent();
        }
        String doc = Files.readString(root.resolve("docs/library.md"));
        String block = doc.substring(doc.indexOf("```java\n") + "```java\n".length(), doc.indexOf("```\n",
                doc.indexOf("```java\n") + 1));
        String source = Files.readString(root.resolve("study/src/test/java/dev/tacit/study/LibraryExampleTest.java"));
        String region = source.substring(source.indexOf('\n', source.indexOf("// library.md example begins")) + 1,
                source.indexOf("        // library.md example ends"));
        assertEquals(region.stripTrailing().stripIndent() + "\n", block, "docs/library.md's Java block is the tested "
                + "example");
    }
}
