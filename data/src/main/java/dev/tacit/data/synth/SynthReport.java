package dev.tacit.data.synth;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link SyntheticRatings} generated: its settings, the activity it produced and the noise floor.
 *
 * @param spec                  the settings
 * @param ratings               ratings generated
 * @param file                  the file they were written to, if any
 * @param bytes                 that file's size
 * @param users                 ratings per user
 * @param items                 ratings per item
 * @param ratingMean            the ratings' mean
 * @param ratingSd              the ratings' standard deviation
 * @param noiseFloor            sqrt(mean Var(r | u, i)) over the generated pairs, from the model: the expected RMSE of
 *                              the best possible predictor E[r | u, i] on held-out ratings of those pairs
 * @param trueScoreRmse         the expected RMSE, from the model, of the true score clipped to the scale
 * @param observedNoiseFloor    the RMSE of E[r | u, i] against the ratings actually drawn (a check: close to the
 *                              noise floor)
 * @param observedTrueScoreRmse the RMSE of the clipped true score against the ratings actually drawn
 * @param seconds               time taken
 */
public record SynthReport(SynthSpec spec, long ratings, Optional<Path> file, long bytes, Activity users,
                          Activity items, double ratingMean, double ratingSd, double noiseFloor, double trueScoreRmse,
                          double observedNoiseFloor, double observedTrueScoreRmse, double seconds) {

    /**
     * @param to      the file written
     * @param size    its size in bytes
     * @param elapsed seconds taken, writing included
     * @return this report for that file
     */
    SynthReport written(Path to, long size, double elapsed) {
        return new SynthReport(spec, ratings, Optional.of(to), size, users, items, ratingMean, ratingSd, noiseFloor,
                trueScoreRmse, observedNoiseFloor, observedTrueScoreRmse, elapsed);
    }

    /** @return the settings and figures, as the JSON file beside the ratings holds them */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "tacit data synth");
        file.ifPresent(f -> m.put("file", f.getFileName().toString()));
        m.put("format", "csv");
        m.put("columns", List.of("user", "item", "rating"));
        m.put("gzip", file.map(f -> f.getFileName().toString().endsWith(".gz")).orElse(false));
        m.put("bytes", bytes);
        m.put("ratings", ratings);
        m.put("users", spec.users());
        m.put("items", spec.items());
        m.put("users_with_ratings", users.active());
        m.put("items_with_ratings", items.active());
        m.put("seed", spec.seed());
        m.put("scale", spec.scale().label());
        m.put("rank", spec.rank());
        m.put("noise", spec.noise());
        m.put("mean", spec.mean());
        m.put("user_bias", spec.userBias());
        m.put("item_bias", spec.itemBias());
        m.put("signal", spec.signal());
        m.put("user_skew", spec.userSkew());
        m.put("item_skew", spec.itemSkew());
        m.put("min_per_user", spec.minPerUser());
        m.put("noise_floor_rmse", round(noiseFloor));
        m.put("true_score_rmse", round(trueScoreRmse));
        m.put("observed_noise_floor_rmse", round(observedNoiseFloor));
        m.put("observed_true_score_rmse", round(observedTrueScoreRmse));
        m.put("rating_mean", round(ratingMean));
        m.put("rating_sd", round(ratingSd));
        m.put("user_activity", activity(users));
        m.put("item_activity", activity(items));
        m.put("seconds", Math.round(seconds * 100) / 100.0);
        return m;
    }

    private static Map<String, Object> activity(Activity a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max", a.max());
        m.put("median", a.median());
        m.put("mean", round(a.mean()));
        m.put("gini", round(a.gini()));
        m.put("top10_share", round(a.top10Share()));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
