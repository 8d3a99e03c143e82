package dev.tacit.app;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Evaluation;
import dev.tacit.api.Metrics;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.TrainingEvent;
import dev.tacit.data.Seeds;
import dev.tacit.data.movielens.MovieLens100k;
import dev.tacit.data.movielens.RatingsFile;
import dev.tacit.data.movielens.Split;
import dev.tacit.optim.models.CompletionModel;
import dev.tacit.optim.models.EmbeddingModel;
import dev.tacit.optim.models.EmbeddingObjective;
import dev.tacit.optim.models.LinearNetwork;
import dev.tacit.optim.models.LinearNetworkObjective;
import dev.tacit.optim.models.RatingEvaluator;
import dev.tacit.optim.models.Scaling;
import dev.tacit.optim.models.SpectralStart;
import dev.tacit.optim.training.Trainer;
import dev.tacit.optim.training.TrainingObjective;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs one MovieLens configuration under its protocol.
 *
 * <p>Study protocol: train for the fixed number of epochs (or steps) and score the final model; the test RMSE is also
 * recorded at every evaluation, as a learning curve, but selects nothing. Honest protocol: the test ratings are not
 * scored during training at all; for each λ candidate, early stopping on the validation RMSE picks the epoch (or
 * step), the candidate with the lowest validation RMSE is chosen, and only its selected parameters are scored on the
 * test ratings, once.
 */
final class MovieLensExperiment {

    private MovieLensExperiment() {
    }

    /**
     * One point of a learning curve.
     *
     * @param iteration      steps taken
     * @param epoch          passes over the training ratings (steps × batch / ratings; for the network, equal to
     *                       the steps)
     * @param seconds        wall time since the candidate's run started
     * @param loss           training loss at that step (of its batch, for the embedding model)
     * @param trainRmse      RMSE over the training ratings
     * @param validationRmse RMSE over the validation ratings (NaN without any)
     * @param testRmse       RMSE over the test ratings (NaN under the honest protocol)
     */
    record Point(long iteration, double epoch, double seconds, double loss, double trainRmse, double validationRmse,
                 double testRmse) {
    }

    /**
     * The training run of one λ candidate.
     *
     * @param lambdaUser        λ on P (embedding) or λ (network)
     * @param lambdaItem        λ on Q (embedding) or λ (network)
     * @param result            the trainer's result
     * @param curve             the evaluations
     */
    record Candidate(double lambdaUser, double lambdaItem, Trainer.Result result, List<Point> curve) {
        Metrics selected() {
            return result.selection().metrics();
        }
    }

    /**
     * The outcome of a configuration.
     *
     * @param problemName        the split's description
     * @param sizes              training, validation and test ratings
     * @param iterationsPerEpoch steps per epoch (1 for the network)
     * @param candidates         every λ candidate's run
     * @param chosen             index of the chosen candidate
     * @param scored             metrics of the chosen parameters, test scored
     * @param seconds            wall time of the whole configuration
     * @param learningRate       the optimizer's learning rate
     */
    record Outcome(String problemName, int[] sizes, long iterationsPerEpoch, List<Candidate> candidates, int chosen,
                   Metrics scored, double seconds, double learningRate) {
        Candidate chosenCandidate() {
            return candidates.get(chosen);
        }
    }

    /**
     * @param data     the dataset
     * @param c        the configuration
     * @param events   receives every training event of every candidate
     * @return the outcome
     */
    static Outcome run(MovieLens100k data, MovieLensConfig c, Consumer<TrainingEvent> events) {
        long t0 = System.nanoTime();
        Providers providers = new Providers();
        Optimizer optimizer = providers.optimizer(c.optimizer(), c.lr(), c.optimizerSettings());
        Penalty penalty = providers.penalty(c.penalty(), c.penaltySettings());
        Split split = Split.of(data, c.split(), c.validation(), c.seed());
        CompletionProblem problem = split.problem(data);
        Scaling scaling = Scaling.fit(c.scaling(), problem.train());
        Entries train = scaling.apply(problem.train());

        List<double[]> lambdas = new ArrayList<>();
        boolean none = c.penalty().equals("none");
        if (c.lambdaGrid().isEmpty()) {
            lambdas.add(none ? new double[] {0, 0} : c.embedding() ? new double[] {c.lambdaUser(), c.lambdaItem()}
                    : new double[] {c.lambda(), c.lambda()});
        } else {
            c.lambdaGrid().forEach(l -> lambdas.add(new double[] {none ? 0 : l, none ? 0 : l}));
        }

        // The model and its start do not depend on λ: every candidate starts from the same parameters.
        CompletionModel model = c.embedding() ? EmbeddingModel.reference(data.users(), data.items(), c.dimension())
                : new LinearNetwork(data.users(), data.items(), c.depth(), c.initScale());
        SplittableRandom initRandom = Seeds.stream(c.seed(), Seeds.Purpose.INIT);
        List<Matrix> init = model instanceof LinearNetwork n && c.initRank() > 0
                ? new SpectralStart(c.initRank()).initialParameters(n, train, initRandom)
                : model.initialParameters(initRandom);
        RatingEvaluator scorer = new RatingEvaluator(model, problem, scaling, RatingsFile.MIN_RATING,
                RatingsFile.MAX_RATING, !c.honest());

        List<Candidate> candidates = new ArrayList<>();
        long perEpoch = 1;
        for (double[] l : lambdas) {
            TrainingObjective objective;
            long iterations;
            long evalEvery;
            if (model instanceof EmbeddingModel m) {
                EmbeddingObjective o = new EmbeddingObjective(m, train, c.batchSize(), penalty, l[0], l[1],
                        Seeds.stream(c.seed(), Seeds.Purpose.TRAINING).nextLong());
                perEpoch = o.batchesPerEpoch();
                iterations = c.epochs() * perEpoch;
                evalEvery = perEpoch;
                objective = o;
            } else {
                objective = new LinearNetworkObjective((LinearNetwork) model, train, penalty, l[0]);
                iterations = c.iterations();
                evalEvery = c.evalEvery();
            }
            TreeMap<String, String> text = new TreeMap<>();
            c.toMap(optimizer.learningRate()).forEach((k, v) -> text.put(k, String.valueOf(v)));
            text.put("lambda_user", Double.toString(l[0]));
            text.put("lambda_item", Double.toString(l[1]));
            Trainer.Run run = new Trainer.Run(objective, optimizer, scorer,
                    Trainer.Run.freshStart(objective, optimizer, init), iterations, evalEvery,
                    Math.min(evalEvery, 100), text);
            List<Point> curve = new ArrayList<>();
            long epochSteps = perEpoch;
            Consumer<TrainingEvent> record = e -> {
                if (e instanceof TrainingEvent.Evaluated ev) {
                    Metrics m = ev.metrics();
                    curve.add(new Point(ev.iteration(), c.embedding() ? (double) ev.iteration() / epochSteps
                            : ev.iteration(), ev.seconds(), m.loss(), m.trainRmse(), m.validationRmse(),
                            m.testRmse()));
                }
                events.accept(e);
            };
            Optional<Trainer.EarlyStopping> stopping = c.honest()
                    ? Optional.of(new Trainer.EarlyStopping(c.patience())) : Optional.empty();
            candidates.add(new Candidate(l[0], l[1], Trainer.train(run, stopping, record), List.copyOf(curve)));
        }
        int chosen = 0;
        for (int k = 1; k < candidates.size(); k++) {
            if (candidates.get(k).selected().validationRmse() < candidates.get(chosen).selected().validationRmse()) {
                chosen = k;
            }
        }
        // The test ratings are scored here, once, on the chosen parameters.
        Trainer.Selection s = candidates.get(chosen).result().selection();
        Metrics m = s.metrics();
        Metrics scored = scorer.withTest().measure(s.params(), new Evaluation(m.loss(), m.penalty(), List.of()));
        int[] sizes = {problem.train().size(), problem.validation().size(), problem.test().size()};
        return new Outcome(problem.name(), sizes, perEpoch, candidates, chosen, scored,
                (System.nanoTime() - t0) / 1e9, optimizer.learningRate());
    }
}
