package dev.tacit.study;

import dev.tacit.api.UsageException;
import dev.tacit.data.movielens.SplitSpec;
import dev.tacit.optim.models.EmbeddingStep;
import dev.tacit.optim.models.ModelKind;
import dev.tacit.optim.models.Scaling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configuration of a run on rating data: the model, its training and the protocol that selects and scores it.
 * Settings are named as their command-line options in every message.
 *
 * @param model             the depth-N network on the users×items matrix, or the user-item embedding
 * @param depth             depth of the network
 * @param initScale         the network's initialisation scale
 * @param initRank          the network's spectral start: the rank of the estimate it starts from
 *                          ({@link dev.tacit.optim.models.SpectralStart}), 0 for the random start alone
 * @param dimension         the embedding width d
 * @param optimizer         optimizer name
 * @param lr                learning rate, or null for the optimizer's own
 * @param optimizerSettings further optimizer hyperparameters
 * @param penalty           penalty name
 * @param penaltySettings   its hyperparameters
 * @param lambda            the network's penalty weight
 * @param lambdaUser        the embedding model's weight of R(P)
 * @param lambdaItem        the embedding model's weight of R(Q)
 * @param lambdaGrid        λ values to choose from on validation data (honest protocol); empty for none. For the
 *                          embedding model each value weighs both tables
 * @param split             which ratings are test ratings
 * @param validation        share of the training ratings held out for validation
 * @param seed              seed of the split, the initialisation and the batch order (independent streams)
 * @param epochs            embedding: passes over the training ratings
 * @param iterations        network: full-batch steps
 * @param evalEvery         network: steps between evaluations (the embedding model is evaluated every epoch)
 * @param batchSize         embedding: ratings per mini-batch
 * @param scaling           rating scaling for training
 * @param protocol          how the configuration is selected and scored
 * @param patience          honest protocol: evaluations without a better validation RMSE before stopping
 * @param step              embedding: dense Adam, lazy Adam on the touched rows, or the documented rule
 *                          ({@link EmbeddingStep#resolve})
 * @param penaltyEvery      embedding, sparse step: steps between penalty steps, 0 for the default cadence
 *                          ({@link dev.tacit.optim.models.SparseEmbeddingTrainer#defaultPenaltyEvery})
 */
public record RatingConfig(ModelKind model, int depth, double initScale, int initRank, int dimension, String optimizer,
                       Double lr, Map<String, String> optimizerSettings, String penalty,
                       Map<String, String> penaltySettings, double lambda, double lambdaUser, double lambdaItem,
                       List<Double> lambdaGrid, SplitSpec split, double validation, long seed, long epochs,
                       long iterations, long evalEvery, int batchSize, Scaling.Kind scaling, Protocol protocol,
                       long patience, EmbeddingStep step, int penaltyEvery) {

    /** Copies the collections and checks what the parts below do not. */
    public RatingConfig {
        optimizerSettings = new TreeMap<>(optimizerSettings);
        penaltySettings = new TreeMap<>(penaltySettings);
        lambdaGrid = List.copyOf(lambdaGrid);
        boolean honest = protocol == Protocol.HONEST;
        if (honest && !(validation > 0)) {
            throw new UsageException("--protocol honest chooses the epoch on validation ratings: give --validation a "
                    + "fraction above 0, for example 0.05");
        }
        if (!honest && !lambdaGrid.isEmpty()) {
            throw new UsageException("--lambda-grid chooses λ on validation ratings, which only --protocol honest "
                    + "does; add --protocol honest");
        }
        for (double l : lambdaGrid) {
            if (!(l >= 0) || Double.isInfinite(l)) {
                throw new UsageException("--lambda-grid values must be finite numbers >= 0, got " + l);
            }
        }
        if (initRank < 0) {
            throw new UsageException("--init-rank must be 0 (random start) or a rank of at least 1, got " + initRank);
        }
        if (initRank > 0 && model == ModelKind.EMBEDDING) {
            throw new UsageException("--init-rank starts the network (--model lnn); the embedding model has no "
                    + "spectral start: drop --init-rank or add --model lnn");
        }
        if (epochs < 1) {
            throw new UsageException("--epochs must be at least 1, got " + epochs);
        }
        if (iterations < 1) {
            throw new UsageException("--iterations must be at least 1, got " + iterations);
        }
        if (evalEvery < 1) {
            throw new UsageException("--eval-every must be at least 1, got " + evalEvery);
        }
        if (patience < 1) {
            throw new UsageException("--patience must be at least 1 evaluation, got " + patience);
        }
        java.util.Objects.requireNonNull(step, "step");
        if (model != ModelKind.EMBEDDING && step == EmbeddingStep.SPARSE) {
            throw new UsageException("--step sparse is a step of the embedding model; drop --step or add "
                    + "--model embedding");
        }
        if (penaltyEvery < 0) {
            throw new UsageException("--penalty-every must be at least 1 step (or 0 for the default cadence), got "
                    + penaltyEvery);
        }
    }

    /** @return whether this is the honest protocol */
    public boolean honest() {
        return protocol == Protocol.HONEST;
    }

    /** @return whether the model is the embedding model */
    public boolean embedding() {
        return model == ModelKind.EMBEDDING;
    }

    /**
     * @param effectiveLr the learning rate the optimizer uses (its own default when none was given)
     * @return the settings for the report, in a stable order
     */
    public Map<String, Object> toMap(double effectiveLr) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model", model.label());
        if (embedding()) {
            c.put("dimension", dimension);
            c.put("batch_size", batchSize);
            c.put("epochs", epochs);
        } else {
            c.put("depth", depth);
            c.put("init_scale", initScale);
            c.put("init_rank", initRank);
            c.put("iterations", iterations);
            c.put("eval_every", evalEvery);
        }
        c.put("optimizer", optimizer);
        c.put("lr", effectiveLr);
        c.put("optimizer_settings", new TreeMap<>(optimizerSettings));
        c.put("penalty", penalty);
        c.put("penalty_settings", new TreeMap<>(penaltySettings));
        if (embedding()) {
            c.put("lambda_user", lambdaUser);
            c.put("lambda_item", lambdaItem);
        } else {
            c.put("lambda", lambda);
        }
        c.put("lambda_grid", lambdaGrid);
        c.put("split", split.text());
        c.put("validation", validation);
        c.put("seed", seed);
        c.put("scaling", scaling.label());
        c.put("protocol", protocol.label());
        if (honest()) {
            c.put("patience", patience);
        }
        if (embedding()) {
            // Last, so the keys every report had before keep their order.
            c.put("step", step.label());
            if (penaltyEvery > 0) {
                c.put("penalty_every", penaltyEvery);
            }
        }
        return c;
    }
}
