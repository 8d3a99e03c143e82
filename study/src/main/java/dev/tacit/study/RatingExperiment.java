package dev.tacit.study;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.algebra.Parallelism;
import dev.tacit.api.CompletionProblem;
import dev.tacit.api.Evaluation;
import dev.tacit.api.Metrics;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.StopReason;
import dev.tacit.api.TrainingEvent;
import dev.tacit.api.UsageException;
import dev.tacit.data.RatingSet;
import dev.tacit.data.Seeds;
import dev.tacit.data.movielens.Split;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.catalog.Choices;
import dev.tacit.optim.models.CompletionModel;
import dev.tacit.optim.models.EmbeddingModel;
import dev.tacit.optim.models.EmbeddingObjective;
import dev.tacit.optim.models.EmbeddingStep;
import dev.tacit.optim.models.SparseAdam;
import dev.tacit.optim.models.SparseEmbeddingTrainer;
import dev.tacit.optim.models.LinearNetwork;
import dev.tacit.optim.models.LinearNetworkObjective;
import dev.tacit.optim.models.RatingEvaluator;
import dev.tacit.optim.models.Scaling;
import dev.tacit.optim.models.SpectralStart;
import dev.tacit.optim.training.Trainer;
import dev.tacit.optim.training.TrainingObjective;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Runs one configuration on rating data under its {@link Protocol}: one training run per λ candidate, each an event
 * stream of its own, then the chosen candidate's parameters scored on the test ratings.
 *
 * <p>Under the study's protocol every evaluation also scores the test ratings, for the learning curve; under the honest
 * protocol the test ratings are scored once, at the end, on the parameters chosen on validation ratings.
 */
public final class RatingExperiment {

    /** The configuration key of a run's start event that says how many steps make an epoch. */
    public static final String STEPS_PER_EPOCH = "steps_per_epoch";

    private RatingExperiment() {
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
    public record Point(long iteration, double epoch, double seconds, double loss, double trainRmse,
                        double validationRmse, double testRmse) {
    }

    /**
     * The training run of one λ candidate.
     *
     * @param lambdaUser λ on P (embedding) or λ (network)
     * @param lambdaItem λ on Q (embedding) or λ (network)
     * @param result     the trainer's result
     * @param curve      the evaluations
     */
    public record Candidate(double lambdaUser, double lambdaItem, Trainer.Result result, List<Point> curve) {

        /** Copies the curve. */
        public Candidate {
            curve = List.copyOf(curve);
        }

        /** @return the metrics of the parameters this candidate selected */
        public Metrics selected() {
            return result.selection().metrics();
        }
    }

    /**
     * The sizes of a split.
     *
     * @param train      training ratings
     * @param validation validation ratings
     * @param test       test ratings
     */
    public record Sizes(int train, int validation, int test) {
    }

    /**
     * The outcome of a configuration.
     *
     * @param problemName        the split's description
     * @param sizes              training, validation and test ratings
     * @param iterationsPerEpoch steps per epoch (1 for the network)
     * @param candidates         every λ candidate's run (fewer than planned if a stop was requested)
     * @param chosen             index of the chosen candidate
     * @param scored             metrics of the chosen parameters, test scored
     * @param seconds            wall time of the whole configuration
     * @param learningRate       the optimizer's learning rate
     * @param model              the model trained (its parameters are the chosen candidate's selection)
     * @param scaling            the scaling of the ratings it was trained on, undone by its predictions
     * @param seen               the raw training and validation ratings: what each user is known to have rated
     * @param step               the embedding model's step as resolved ({@link EmbeddingStep#DENSE} for the network)
     * @param penaltyEvery       the sparse step's penalty cadence k (1 for the dense step, which penalises every step)
     */
    public record Outcome(String problemName, Sizes sizes, long iterationsPerEpoch, List<Candidate> candidates,
                          int chosen, Metrics scored, double seconds, double learningRate, CompletionModel model,
                          Scaling scaling, Entries seen, EmbeddingStep step, int penaltyEvery) {

        /** Copies the candidates. */
        public Outcome {
            candidates = List.copyOf(candidates);
        }

        /** @return the chosen candidate */
        public Candidate chosenCandidate() {
            return candidates.get(chosen);
        }

        /** @return whether a stop was requested before the plan was done */
        public boolean interrupted() {
            return candidates.stream().anyMatch(c -> c.result().selection().reason() == StopReason.INTERRUPTED);
        }

        /**
         * The report of a run as one JSON-ready object: results first, then the data, the candidates, the curve
         * and the configuration.
         *
         * @param data   the dataset
         * @param config the configuration
         * @return the object, in a stable key order
         */
        public Map<String, Object> toMap(RatingSet data, RatingConfig config) {
            Candidate chosenCandidate = chosenCandidate();
            Trainer.Result r = chosenCandidate.result();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("train_rmse", scored.trainRmse());
            out.put("validation_rmse", scored.validationRmse());
            out.put("test_rmse", scored.testRmse());
            out.put("seconds", seconds);
            out.put("iterations", r.end().iteration());
            out.put("selected_iteration", r.selection().iteration());
            if (config.embedding()) {
                out.put("epochs_run", (double) r.end().iteration() / iterationsPerEpoch);
                out.put("selected_epoch", (double) r.selection().iteration() / iterationsPerEpoch);
            }
            out.put("stop_reason", r.selection().reason().label());
            out.put("ms_per_iteration", r.end().iteration() == 0 ? Double.NaN
                    : 1e3 * r.seconds() / r.end().iteration());
            out.put("peak_heap_mb", peakHeapMegabytes());
            if (config.embedding()) {
                out.put("step", step.label());
                if (step == EmbeddingStep.SPARSE) {
                    out.put("penalty_every", penaltyEvery);
                }
                out.put("lambda_user", chosenCandidate.lambdaUser());
                out.put("lambda_item", chosenCandidate.lambdaItem());
            } else {
                out.put("lambda", chosenCandidate.lambdaUser());
            }
            Map<String, Object> d = new LinkedHashMap<>(data.describe());
            d.put("split", problemName);
            d.put("train", sizes.train());
            d.put("validation", sizes.validation());
            d.put("test", sizes.test());
            out.put("data", d);
            List<Object> list = new ArrayList<>();
            for (Candidate c : candidates) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("lambda_user", c.lambdaUser());
                cm.put("lambda_item", c.lambdaItem());
                cm.put("selected_iteration", c.result().selection().iteration());
                cm.put("validation_rmse", c.selected().validationRmse());
                cm.put("train_rmse", c.selected().trainRmse());
                cm.put("iterations", c.result().end().iteration());
                cm.put("seconds", c.result().seconds());
                list.add(cm);
            }
            out.put("candidates", list);
            List<Object> curve = new ArrayList<>();
            for (Point p : chosenCandidate.curve()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("iteration", p.iteration());
                pm.put("epoch", p.epoch());
                pm.put("seconds", p.seconds());
                pm.put("loss", p.loss());
                pm.put("train_rmse", p.trainRmse());
                pm.put("validation_rmse", p.validationRmse());
                pm.put("test_rmse", p.testRmse());
                curve.add(pm);
            }
            out.put("curve", curve);
            out.put("config", config.toMap(learningRate));
            return out;
        }

        /** @return every candidate's learning curve as CSV, with a header */
        public String curvesCsv() {
            StringBuilder sb = new StringBuilder("lambda_user,lambda_item,iteration,epoch,seconds,loss,train_rmse,"
                    + "validation_rmse,test_rmse\n");
            for (Candidate c : candidates) {
                for (Point p : c.curve()) {
                    sb.append(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.3f,%s,%s,%s,%s%n", c.lambdaUser(),
                            c.lambdaItem(), p.iteration(), p.epoch(), p.seconds(), num(p.loss()),
                            num(p.trainRmse()), num(p.validationRmse()), num(p.testRmse())));
                }
            }
            return sb.toString();
        }

        private static String num(double v) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
        }
    }

    /** @return the summed peak usage of the heap's memory pools since the JVM started, in MB */
    public static double peakHeapMegabytes() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1e6;
    }

    /**
     * @param data          the dataset
     * @param c             the configuration
     * @param catalog       where the optimizer and penalty named in the configuration come from
     * @param events        receives every training event of every candidate, each candidate a run of its own
     * @param stopRequested asked after every step; once it answers yes the current candidate ends ("interrupted"),
     *                      no further candidate starts, and what was trained so far is selected and scored
     * @return the outcome
     * @throws dev.tacit.api.UsageException if a name or setting of the optimizer or penalty is bad
     */
    public static Outcome run(RatingSet data, RatingConfig c, Catalog catalog, Consumer<TrainingEvent> events,
                              BooleanSupplier stopRequested) {
        long t0 = System.nanoTime();
        Choices choices = new Choices(catalog);
        Optional<Optimizer> chosenOptimizer = choices.optimizer(c.optimizer(),
                Choices.withLearningRate(c.lr(), c.optimizerSettings()));
        Optional<Penalty> chosenPenalty = choices.penalty(c.penalty(), c.penaltySettings());
        choices.check();
        Optimizer optimizer = chosenOptimizer.orElseThrow();
        Penalty penalty = chosenPenalty.orElseThrow();
        Split split = Split.of(data, c.split(), c.validation(), c.seed());
        CompletionProblem problem = split.problem(data);
        int[] trainAndValidation = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.validation()))
                .sorted().toArray();
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
        RatingEvaluator scorer = new RatingEvaluator(model, problem, scaling, data.minRating(), data.maxRating(),
                !c.honest());
        EmbeddingStep step = c.embedding() ? c.step().resolve(c.optimizer().equals("adam"), data.size())
                : EmbeddingStep.DENSE;
        SparseAdam sparseAdam = null;
        if (step == EmbeddingStep.SPARSE) {
            sparseAdam = SparseAdam.of(c.optimizer(), optimizer);
            if (!none && !c.penalty().equals("ratio")) {
                throw new UsageException("--step sparse computes the ratio penalty from the tables' Gram matrices; "
                        + "--penalty " + c.penalty() + " has no such route: use --penalty ratio or none, or --step "
                        + "dense");
            }
            if (!c.penaltySettings().isEmpty()) {
                throw new UsageException("--penalty-opt " + c.penaltySettings().keySet() + " sets the dense penalty's "
                        + "SVD; the sparse step computes the penalty from the Gram matrix and takes its cadence from "
                        + "--penalty-every: drop --penalty-opt, or add --step dense");
            }
        } else if (c.penaltyEvery() > 0) {
            throw new UsageException("--penalty-every sets the cadence of the sparse step, and this run takes the "
                    + "dense step, which penalises at every step: drop --penalty-every or add --step sparse"
                    + (c.embedding() ? "" : " (with --model embedding)"));
        }
        int penaltyEvery = 1;
        Trainer.Control control = new Trainer.Control(0, p -> { }, stopRequested);

        List<Candidate> candidates = new ArrayList<>();
        long perEpoch = 1;
        for (double[] l : lambdas) {
            if (!candidates.isEmpty() && stopRequested.getAsBoolean()) {
                break;
            }
            TrainingObjective objective;
            long iterations;
            long evalEvery;
            if (step == EmbeddingStep.SPARSE) {
                EmbeddingModel m = (EmbeddingModel) model;
                long orderSeed = Seeds.stream(c.seed(), Seeds.Purpose.TRAINING).nextLong();
                perEpoch = (train.size() + c.batchSize() - 1) / c.batchSize();
                penaltyEvery = c.penaltyEvery() > 0 ? c.penaltyEvery()
                        : SparseEmbeddingTrainer.defaultPenaltyEvery(perEpoch);
                SparseEmbeddingTrainer trainer = new SparseEmbeddingTrainer(m, train, c.batchSize(), sparseAdam, l[0],
                        l[1], penaltyEvery, orderSeed);
                TreeMap<String, String> text = new TreeMap<>();
                c.toMap(optimizer.learningRate()).forEach((k, v) -> text.put(k, String.valueOf(v)));
                text.put("lambda_user", Double.toString(l[0]));
                text.put("lambda_item", Double.toString(l[1]));
                text.put("penalty_every", Integer.toString(penaltyEvery));
                text.put(STEPS_PER_EPOCH, Long.toString(perEpoch));
                List<Point> curve = new ArrayList<>();
                long epochSteps = perEpoch;
                Consumer<TrainingEvent> record = e -> {
                    if (e instanceof TrainingEvent.Evaluated ev) {
                        Metrics mt = ev.metrics();
                        curve.add(new Point(ev.iteration(), (double) ev.iteration() / epochSteps, ev.seconds(),
                                mt.loss(), mt.trainRmse(), mt.validationRmse(), mt.testRmse()));
                    }
                    events.accept(e);
                };
                Optional<Trainer.EarlyStopping> stopping = c.honest()
                        ? Optional.of(new Trainer.EarlyStopping(c.patience())) : Optional.empty();
                candidates.add(new Candidate(l[0], l[1], trainer.train(init, c.epochs(), scorer, stopping, text,
                        record, stopRequested, Parallelism.standard()), curve));
                continue;
            }
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
            text.put(STEPS_PER_EPOCH, Long.toString(c.embedding() ? perEpoch : 1));
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
            candidates.add(new Candidate(l[0], l[1], Trainer.train(run, stopping, record, control), curve));
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
        Sizes sizes = new Sizes(problem.train().size(), problem.validation().size(), problem.test().size());
        return new Outcome(problem.name(), sizes, perEpoch, candidates, chosen, scored,
                (System.nanoTime() - t0) / 1e9, optimizer.learningRate(), model, scaling,
                data.observations(trainAndValidation), step, penaltyEvery);
    }
}
