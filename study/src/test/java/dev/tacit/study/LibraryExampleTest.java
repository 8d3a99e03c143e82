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
import dev.tacit.study.model.SavedModel;
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
    void theModelExampleLoadsPredictsAndRecommends(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path ratingsCsv = Files.writeString(dir.resolve("ratings.csv"), "user,item,rating\n196,242,3\n196,302,4\n"
                + "186,302,3\n22,377,1\n244,51,2\n166,346,1\n298,474,4\n115,265,2\n253,465,5\n305,451,3\n"
                + "6,86,3\n62,257,2\n286,1014,5\n200,222,5\n210,40,3\n224,29,3\n303,785,3\n122,387,5\n"
                + "194,274,2\n291,1042,4\n");
        Path file = dir.resolve("model.npz");
        // The model that 'tacit fit --ratings ratings.csv --out model.npz --epochs 3' would save.
        dev.tacit.data.ratings.RatingFile data = dev.tacit.data.ratings.RatingFile.of(
                dev.tacit.data.ratings.RatingsReader.read(ratingsCsv));
        RatingConfig config = new RatingConfig(dev.tacit.optim.models.ModelKind.EMBEDDING, 1, 1e-3, 0, 8, "adam",
                null, Map.of(), "none", Map.of(), 0, 0, 0, List.of(), new dev.tacit.data.movielens.SplitSpec.All(), 0,
                0, 3, 1, 1, 4, dev.tacit.optim.models.Scaling.Kind.NONE, Protocol.STUDY, 1, dev.tacit.optim.models.EmbeddingStep.AUTO, 0);
        RatingExperiment.Outcome o = RatingExperiment.run(data, config, Catalog.builtIn(), e -> { }, () -> false);
        dev.tacit.study.model.SavedModel.of(config.model(), o.model(), o.chosenCandidate().result().selection()
                .params(), o.scaling(), data, o.seen(), null, Map.of()).save(file, "test");
        Path modelFile = file;
        // library.md example 2 begins
        SavedModel model = SavedModel.load(modelFile);   // verified: format, version, shapes, checksums

        // A prediction by ids; a user or item the model never saw gets the baseline μ + b_u + b_i.
        SavedModel.Prediction p = model.predict("196", "302", SavedModel.Unknown.BASELINE);
        System.out.printf("user 196, item 302: %.2f (known: %b)%n", p.value(), p.known());

        // The five items user 196 has not rated with the highest predicted ratings.
        int user = model.user("196").orElseThrow();
        for (SavedModel.Recommendation r : model.recommend(user, 5, false)) {
            System.out.printf("%s %.2f%n", r.item(), r.score());
        }
        // library.md example 2 ends
        assertTrue(p.known());
        assertEquals(5, model.recommend(user, 5, false).size());
    }

    @Test
    void theDocumentShowsExactlyThisCode() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docs/library.md"))) {
            root = root.getParent();
        }
        String doc = Files.readString(root.resolve("docs/library.md"));
        String source = Files.readString(root.resolve("study/src/test/java/dev/tacit/study/LibraryExampleTest.java"));
        int from = 0;
        for (String marker : List.of("example", "example 2")) {
            int open = doc.indexOf("```java\n", from) + "```java\n".length();
            from = doc.indexOf("```\n", open);
            String block = doc.substring(open, from);
            String region = source.substring(source.indexOf('\n', source.indexOf("// library.md " + marker
                    + " begins")) + 1, source.indexOf("        // library.md " + marker + " ends"));
            assertEquals(region.stripTrailing().stripIndent() + "\n", block, "docs/library.md's Java block is the "
                    + "tested " + marker);
        }
    }
}
