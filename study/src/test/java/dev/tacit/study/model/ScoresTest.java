package dev.tacit.study.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.testkit.Tolerance;
import dev.tacit.data.ratings.RatingFile;
import dev.tacit.data.ratings.RatingsReader;
import dev.tacit.optim.models.EmbeddingModel;
import dev.tacit.optim.models.ModelKind;
import dev.tacit.optim.models.Scaling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ranking metrics against an example computed by hand. */
class ScoresTest {

    @Test
    void theMetricsOfAHandComputedExample(@TempDir Path dir) throws IOException {
        // User b rated every item (so the model knows five; ratings span 1..5), user a only i5. With d = 1, P_a = 1 and
        // Q = (5, 4, 3, 2, 1), user a's predictions for i1..i5 are 5, 4, 3, 2, 1.
        Path file = Files.writeString(dir.resolve("r.csv"), "b,i1,5\nb,i2,3\nb,i3,3\nb,i4,3\nb,i5,3\na,i5,1\n");
        RatingFile data = RatingFile.of(RatingsReader.read(file));
        List<Matrix> params = List.of(Matrix.of(2, 1, 1, 0), Matrix.of(5, 1, 5, 4, 3, 2, 1), Matrix.zeros(2, 1),
                Matrix.zeros(5, 1));
        SavedModel m = SavedModel.of(ModelKind.EMBEDDING, EmbeddingModel.reference(2, 5, 1), params, Scaling.NONE,
                data, data.observations(new int[] {0, 1, 2, 3, 4, 5}), null, Map.of());
        // Held out for a: i2 = 5 and i4 = 4 (relevant at 4), i3 = 2 (not); one rating of an unknown user.
        Scores s = Scores.of(m, List.of(new Scores.Rating("a", "i2", 5), new Scores.Rating("a", "i4", 4),
                new Scores.Rating("a", "i3", 2), new Scores.Rating("z", "i1", 4)), 2, 4);
        // Errors 4 − 5, 2 − 4, 3 − 2: RMSE sqrt(6/3), MAE 4/3; the unknown user is counted apart.
        assertEquals(3, s.ratings());
        assertEquals(1, s.unknown());
        Tolerance.ROUNDING.assertClose(Math.sqrt(2), s.rmse(), "RMSE");
        Tolerance.ROUNDING.assertClose(4.0 / 3, s.mae(), "MAE");
        // a's ranking without the seen i5: i1, i2, i3, i4; the top 2 hold one of the two relevant items, at rank 2.
        assertEquals(1, s.rankedUsers());
        Tolerance.ROUNDING.assertClose(0.5, s.precision(), "precision@2 = 1/2");
        Tolerance.ROUNDING.assertClose(0.5, s.recall(), "recall@2 = 1/2");
        double dcg = 1 / (Math.log(3) / Math.log(2));
        Tolerance.ROUNDING.assertClose(dcg / (1 + dcg), s.ndcg(), "NDCG@2 = (1/log2 3) / (1 + 1/log2 3)");
        Tolerance.ROUNDING.assertClose(0.25, s.map(), "AP@2 = (1/2)·precision@2");
    }
}
