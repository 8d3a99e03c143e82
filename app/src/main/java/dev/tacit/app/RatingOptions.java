package dev.tacit.app;

import dev.tacit.data.movielens.SplitSpec;
import dev.tacit.optim.models.EmbeddingModel;
import dev.tacit.optim.models.EmbeddingObjective;
import dev.tacit.optim.models.EmbeddingStep;
import dev.tacit.optim.models.ModelKind;
import dev.tacit.optim.models.Scaling;
import dev.tacit.study.Protocol;
import dev.tacit.study.RatingConfig;
import dev.tacit.study.RatingDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * The options of a run on rating data ({@code tacit movielens}, {@code tacit fit}): the model, its training and the
 * protocol. An option left out takes the default of its model and protocol ({@link RatingDefaults}): the best honest
 * setting measured under the honest protocol (the default), the poster's under {@code --protocol study}.
 */
final class RatingOptions {

    @Option(names = "--model", defaultValue = "embedding",
            description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    ModelKind model;

    @Option(names = "--depth", defaultValue = "1", description = "lnn: depth N. Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(names = "--init-scale", defaultValue = "1e-3",
            description = "lnn: scale of W at initialisation. Default: ${DEFAULT-VALUE}.")
    double initScale;

    @Option(names = "--init-rank", description = "lnn: start from the rank-R spectral estimate of the training "
            + "ratings (zero-filled, truncated, scaled by least squares on the training ratings), plus the random "
            + "start; 0 for the random start alone. Default: 10 under the honest protocol, 0 under the study's.")
    Integer initRank;

    @Option(names = "--dimension", defaultValue = "" + EmbeddingModel.DEFAULT_DIMENSION,
            description = "embedding: width d. Default: ${DEFAULT-VALUE}.")
    int dimension;

    @Option(names = "--batch-size", defaultValue = "" + EmbeddingObjective.DEFAULT_BATCH,
            description = "embedding: ratings per mini-batch. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adam", description = "Optimizer name. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", description = "Learning rate. Default: lnn under the honest protocol 1e-2, otherwise the "
            + "optimizer's own (Adam 1e-3, GD 1e-2).")
    Double lr;

    @Option(names = "--opt", paramLabel = "KEY=VALUE", description = "Optimizer hyperparameter, repeatable.")
    Map<String, String> optimizerSettings = new TreeMap<>();

    @Option(names = "--penalty", defaultValue = "ratio",
            description = "Penalty: ratio, nuclear, frobenius, none. Default: ${DEFAULT-VALUE}.")
    String penalty;

    @Option(names = "--penalty-opt", paramLabel = "KEY=VALUE", description = "Penalty hyperparameter, repeatable.")
    Map<String, String> penaltySettings = new TreeMap<>();

    @Option(names = "--lambda", description = "Penalty weight: lnn λ (default 1e-3); embedding: both tables. Under the "
            + "honest protocol a weight given replaces the default λ grid.")
    Double lambda;

    @Option(names = "--lambda-user", description = "embedding: weight of R(P). Default: 1e-5.")
    Double lambdaUser;

    @Option(names = "--lambda-item", description = "embedding: weight of R(Q). Default: 1e-3.")
    Double lambdaItem;

    @Option(names = "--lambda-grid", split = ",", paramLabel = "X,Y,...",
            description = "honest: λ values to choose from on validation ratings (embedding: both tables). Default: "
                    + "0,0.001 for the embedding, 0.03,0.1,0.3 for lnn, unless a λ is given.")
    List<Double> lambdaGrid = new ArrayList<>();

    @Option(names = "--split", description = "Training share (0.9 = 90:10), a release split (u1..u5, ua, ub), "
            + "kfold:K:I, or all (no test ratings carved out). Default: 0.9 for movielens, all for fit.")
    String split;

    @Option(names = "--validation", description = "Share of the training ratings held out for validation. "
            + "Default: 0.05 under the honest protocol, 0 under the study's.")
    Double validation;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of the split, the initialisation and the batch order. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--epochs", description = "embedding: passes over the training ratings (the most under the "
            + "honest protocol). Default: 40.")
    Long epochs;

    @Option(names = "--iterations", description = "lnn: full-batch steps (the most under the honest protocol). "
            + "Default: 400 honest, 1000 study.")
    Long iterations;

    @Option(names = "--eval-every", description = "lnn: steps between evaluations. Default: 25 honest, 100 study.")
    Long evalEvery;

    @Option(names = "--scaling", description = "Rating scaling for training: none, center, zscore, minmax, or biases "
            + "(minus the baseline μ + b_user + b_item fitted on the training ratings). Default: biases under the "
            + "honest protocol, none under the study's.")
    Scaling.Kind scaling;

    @Option(names = "--protocol", defaultValue = "honest",
            description = "${COMPLETION-CANDIDATES}: honest chooses the epoch (or step) and λ on validation ratings "
                    + "and scores the test ratings once; study keeps the poster's fixed settings. Default: "
                    + "${DEFAULT-VALUE}.")
    Protocol protocol;

    @Option(names = "--step", defaultValue = "auto",
            description = "embedding: ${COMPLETION-CANDIDATES}. dense: Adam on every row at every step, the penalty "
                    + "at every step (the study's); sparse: lazy Adam on the rows a batch touches, the ratio penalty "
                    + "from the Gram matrix every --penalty-every steps; auto: sparse with --optimizer adam on more "
                    + "than " + EmbeddingStep.SPARSE_ABOVE_RATINGS + " ratings, else dense. Default: ${DEFAULT-VALUE}.")
    EmbeddingStep step;

    @Option(names = "--penalty-every", paramLabel = "K", defaultValue = "0",
            description = "embedding, sparse step: apply the ratio penalty (scaled by K) every K steps. "
                    + "Default: ten times an epoch.")
    int penaltyEvery;

    @Option(names = "--patience", description = "honest: evaluations without a better validation RMSE before "
            + "stopping. Default: 5 (lnn: 3).")
    Long patience;

    /** The measured default rate belongs to Adam: any other optimizer, or a rate in --opt, keeps its own. */
    private Double learningRate(RatingDefaults d) {
        return lr != null || !optimizer.equals("adam") || optimizerSettings.containsKey("lr") ? lr : d.lr();
    }

    /**
     * @param defaultSplit the split when {@code --split} is not given
     * @return the configuration, every default filled in
     */
    RatingConfig config(String defaultSplit) {
        RatingDefaults d = RatingDefaults.of(model, protocol);
        boolean honest = protocol == Protocol.HONEST;
        boolean weightGiven = lambda != null || lambdaUser != null || lambdaItem != null;
        List<Double> grid = !lambdaGrid.isEmpty() || !honest || weightGiven || penalty.equals("none") ? lambdaGrid
                : d.lambdaGrid();
        double lu = lambdaUser != null ? lambdaUser : lambda != null ? lambda : d.lambdaUser();
        double li = lambdaItem != null ? lambdaItem : lambda != null ? lambda : d.lambdaItem();
        return new RatingConfig(model, depth, initScale, initRank != null ? initRank : d.initRank(), dimension,
                optimizer, learningRate(d), optimizerSettings, penalty, penaltySettings,
                lambda != null ? lambda : d.lambda(), lu, li, grid, SplitSpec.parse(split != null ? split
                : defaultSplit), validation != null ? validation : d.validation(), seed,
                epochs != null ? epochs : d.epochs(), iterations != null ? iterations : d.iterations(),
                evalEvery != null ? evalEvery : d.evalEvery(), batchSize, scaling != null ? scaling : d.scaling(),
                protocol, patience != null ? patience : d.patience(), step, penaltyEvery);
    }
}
