package dev.tacit.optim.models;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Spectra;
import dev.tacit.algebra.Svd;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Evaluation;
import dev.tacit.api.Metrics;
import dev.tacit.optim.training.Evaluator;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics of docs/method.md §5 for a model's completed matrix: train RMSE over the observed entries, test RMSE over
 * the held-out ones, validation RMSE when the problem has validation entries, the relative Frobenius error when the truth is known, the effective rank and the top singular
 * values.
 *
 * @param model   the model
 * @param problem the data it is trained and scored on
 * @param top     how many of the largest singular values to report
 */
public record CompletionEvaluator(CompletionModel model, CompletionProblem problem, int top) implements Evaluator {

    /** Default number of singular values reported. */
    public static final int DEFAULT_TOP = 5;

    /**
     * @param model   the model
     * @param problem the data
     */
    public CompletionEvaluator(CompletionModel model, CompletionProblem problem) {
        this(model, problem, DEFAULT_TOP);
    }

    @Override
    public Metrics measure(List<Matrix> params, Evaluation evaluation) {
        return of(model.predict(params), problem, evaluation.loss(), evaluation.penalty(), top);
    }

    /**
     * The metrics of any completed matrix, however it was produced.
     *
     * @param w       the completed matrix
     * @param problem the data
     * @param loss    the training loss that produced it (NaN if not applicable)
     * @param penalty its weighted penalty part (NaN if not applicable)
     * @param top     how many singular values to report
     * @return the metrics
     */
    public static Metrics of(Matrix w, CompletionProblem problem, double loss, double penalty, int top) {
        double relative = problem.truth()
                .map(t -> w.minus(t).frobeniusNorm() / t.frobeniusNorm())
                .orElse(Double.NaN);
        Svd svd = Spectra.svd(w);
        List<Double> sigma = new ArrayList<>();
        for (int i = 0; i < Math.min(top, svd.size()); i++) {
            sigma.add(svd.singularValue(i));
        }
        double validation = problem.validation().size() == 0 ? Double.NaN : problem.validation().rmse(w);
        return new Metrics(loss, penalty, problem.train().rmse(w), problem.test().rmse(w), relative,
                Spectra.effectiveRank(svd.singularValues()), svd.nuclearNorm(), sigma, validation);
    }
}
