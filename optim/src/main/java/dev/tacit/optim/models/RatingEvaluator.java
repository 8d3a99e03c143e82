package dev.tacit.optim.models;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Evaluation;
import dev.tacit.api.Metrics;
import dev.tacit.optim.training.Evaluator;
import java.util.List;

/**
 * The metrics of a rating model: RMSE over the training, validation and test ratings of the raw problem, after
 * undoing the training {@link Scaling} and clipping each prediction to the rating scale [{@code low}, {@code high}].
 *
 * <p>The test ratings are scored only when {@code scoreTest} is set. Under the honest protocol it is not: nothing
 * that steers training (early stopping, the choice of epoch or λ) can see them, and they are scored once, at the
 * end, with {@link #withTest()}. The spectral metrics (effective rank, singular values) are not computed here (NaN):
 * they would cost a full SVD of the users×items matrix at every evaluation.
 *
 * @param model     the model
 * @param problem   the raw ratings: train (without validation), validation and test
 * @param scaling   the scaling the model was trained with
 * @param low       the lowest rating, predictions are clipped to it
 * @param high      the highest rating
 * @param scoreTest whether to score the test ratings (otherwise the test RMSE is NaN)
 */
public record RatingEvaluator(CompletionModel model, CompletionProblem problem, Scaling scaling, double low,
                              double high, boolean scoreTest) implements Evaluator {

    /** Validates the range. */
    public RatingEvaluator {
        if (!(low < high)) {
            throw new IllegalArgumentException("rating range [" + low + ", " + high + "] is empty");
        }
    }

    @Override
    public Metrics measure(List<Matrix> params, Evaluation evaluation) {
        Matrix.EntryFunction f = model.predictor(params);
        double train = rmse(f, problem.train());
        double validation = problem.validation().size() == 0 ? Double.NaN : rmse(f, problem.validation());
        double test = scoreTest ? rmse(f, problem.test()) : Double.NaN;
        return new Metrics(evaluation.loss(), evaluation.penalty(), train, test, Double.NaN, Double.NaN, Double.NaN,
                List.of(), validation);
    }

    /** @return the same evaluator, scoring the test ratings too */
    public RatingEvaluator withTest() {
        return new RatingEvaluator(model, problem, scaling, low, high, true);
    }

    /**
     * @param f       the model's predictions on the training scale
     * @param ratings raw ratings
     * @return the RMSE of the unscaled, clipped predictions, NaN when there are no ratings
     */
    public double rmse(Matrix.EntryFunction f, Entries ratings) {
        int n = ratings.size();
        if (n == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
            double e = predictRating(f, ratings.row(k), ratings.col(k)) - ratings.value(k);
            s += e * e;
        }
        return Math.sqrt(s / n);
    }

    /**
     * @param f the model's predictions on the training scale
     * @param u a row (user)
     * @param i a column (item)
     * @return the predicted rating, unscaled and clipped
     */
    public double predictRating(Matrix.EntryFunction f, int u, int i) {
        double y = scaling.invert(u, i, f.value(u, i));
        return Math.max(low, Math.min(high, y));
    }
}
