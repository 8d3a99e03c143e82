package dev.tacit.example;

import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Spectra;
import dev.tacit.api.CompletionMethod;
import dev.tacit.api.CompletionMethodProvider;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.CompletionResult;
import dev.tacit.api.Convergence;
import dev.tacit.api.Hyperparameter;
import dev.tacit.api.Metrics;
import dev.tacit.api.Settings;
import dev.tacit.api.TrainingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The simplest completion method: every entry is predicted as the mean of the observed ones, optionally shrunk
 * towards 0 ({@code shrinkage} ratings' worth of pull). A floor every real method must beat, and an example of a
 * completion method added by a plugin: it speaks only the api module's types.
 *
 * @param shrinkage how many zero-valued pseudo-entries pull the mean towards 0
 */
public record GlobalMean(double shrinkage) implements CompletionMethod {

    @Override
    public CompletionResult complete(CompletionProblem problem, SplittableRandom random,
                                     Consumer<TrainingEvent> events) {
        long t0 = System.nanoTime();
        TreeMap<String, String> configuration = new TreeMap<>();
        configuration.put("method", "mean");
        configuration.put("shrinkage", Double.toString(shrinkage));
        events.accept(new TrainingEvent.RunStarted(0, 0, 1, configuration));
        double sum = 0;
        for (int k = 0; k < problem.train().size(); k++) {
            sum += problem.train().value(k);
        }
        double mean = sum / (problem.train().size() + shrinkage);
        Matrix completed = Matrix.generate(problem.rows(), problem.cols(), (i, j) -> mean);
        // A constant matrix has rank one: its only singular value is |mean|·sqrt(m·n), no decomposition needed.
        double[] sigma = new double[Math.min(problem.rows(), problem.cols())];
        sigma[0] = Math.abs(mean) * Math.sqrt((double) problem.rows() * problem.cols());
        List<Double> top = new ArrayList<>();
        for (int i = 0; i < Math.min(5, sigma.length); i++) {
            top.add(sigma[i]);
        }
        double relative = problem.truth().map(t -> completed.minus(t).frobeniusNorm() / t.frobeniusNorm())
                .orElse(Double.NaN);
        Metrics metrics = new Metrics(Double.NaN, Double.NaN, problem.train().rmse(completed),
                problem.test().rmse(completed), relative, Spectra.effectiveRank(sigma), sigma[0], top,
                problem.validation().size() == 0 ? Double.NaN : problem.validation().rmse(completed));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Convergence convergence = Convergence.planned(1);
        events.accept(new TrainingEvent.RunFinished(1, seconds, metrics, convergence.status()));
        return new CompletionResult(completed, metrics, convergence, seconds);
    }

    /** Registers {@code mean}. */
    public static final class Provider implements CompletionMethodProvider {
        @Override
        public String name() {
            return "mean";
        }

        @Override
        public String description() {
            return "every entry predicted as the (optionally shrunk) mean of the observed ones: a floor to beat";
        }

        @Override
        public List<Hyperparameter> parameters() {
            return List.of(Hyperparameter.real("shrinkage", 0, 0, Double.MAX_VALUE,
                    "zero-valued pseudo-entries that pull the mean towards 0"));
        }

        @Override
        public CompletionMethod create(Settings settings) {
            return new GlobalMean(settings.get("shrinkage"));
        }
    }
}
