package dev.tacit.study.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well a saved model does on held-out ratings: the errors of its predictions (RMSE, MAE) and the quality of its
 * top-K recommendations (precision, recall, NDCG and MAP at K), averaged over users.
 *
 * <p>Definitions (docs/usage.md, {@code tacit evaluate}): a held-out rating is <i>relevant</i> when it is at least
 * the threshold. For each user the model knows who has at least one relevant held-out rating, the model ranks every
 * item it knows except those the user rated in training (ties by the model's item order), and with R the user's
 * relevant items and L the top K of that ranking:
 * <ul>
 *   <li>precision@K = |L ∩ R| / K;</li>
 *   <li>recall@K = |L ∩ R| / |R|;</li>
 *   <li>NDCG@K = DCG / IDCG with DCG = Σ_{j ≤ K, L_j ∈ R} 1 / log2(j + 1) and IDCG the same sum for a perfect list,
 *       j = 1 .. min(K, |R|);</li>
 *   <li>AP@K = (1 / min(K, |R|)) Σ_{j ≤ K, L_j ∈ R} precision@j, whose mean over users is MAP@K.</li>
 * </ul>
 * RMSE and MAE are over every held-out rating whose user and item the model knows (the others are counted apart).
 *
 * @param ratings         held-out ratings scored
 * @param unknown         held-out ratings left out because the model does not know the user or the item
 * @param rmse            root mean squared error of the clipped predictions
 * @param mae             mean absolute error
 * @param k               the K of the ranking metrics
 * @param threshold       the rating at or above which a held-out rating is relevant
 * @param rankedUsers     users averaged over in the ranking metrics
 * @param precision       mean precision@K
 * @param recall          mean recall@K
 * @param ndcg            mean NDCG@K
 * @param map             MAP@K
 */
public record Scores(long ratings, long unknown, double rmse, double mae, int k, double threshold, int rankedUsers,
                     double precision, double recall, double ndcg, double map) {

    /**
     * One held-out rating.
     *
     * @param user   the user's id
     * @param item   the item's id
     * @param rating the rating
     */
    public record Rating(String user, String item, double rating) {
    }

    /**
     * @param model     the model
     * @param held      the held-out ratings
     * @param k         the K of the ranking metrics, at least 1
     * @param threshold the relevance threshold
     * @return the scores
     */
    public static Scores of(SavedModel model, List<Rating> held, int k, double threshold) {
        if (k < 1) {
            throw new dev.tacit.api.InvalidValueException("top", k, "at least 1");
        }
        double squares = 0;
        double absolute = 0;
        long scored = 0;
        long unknown = 0;
        Map<Integer, Set<Integer>> relevant = new HashMap<>();
        for (Rating r : held) {
            var u = model.user(r.user());
            var i = model.item(r.item());
            if (u.isEmpty() || i.isEmpty()) {
                unknown++;
                continue;
            }
            double e = model.predict(u.getAsInt(), i.getAsInt()) - r.rating();
            squares += e * e;
            absolute += Math.abs(e);
            scored++;
            if (r.rating() >= threshold) {
                relevant.computeIfAbsent(u.getAsInt(), x -> new HashSet<>()).add(i.getAsInt());
            }
        }
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        double map = 0;
        List<Integer> users = new ArrayList<>(relevant.keySet());
        users.sort(null);
        for (int u : users) {
            Set<Integer> rel = relevant.get(u);
            List<SavedModel.Recommendation> top = model.recommend(u, k, false);
            int hits = 0;
            double dcg = 0;
            double ap = 0;
            for (int j = 0; j < top.size(); j++) {
                if (rel.contains(top.get(j).index())) {
                    hits++;
                    dcg += 1 / log2(j + 2);
                    ap += (double) hits / (j + 1);
                }
            }
            double idcg = 0;
            for (int j = 0; j < Math.min(k, rel.size()); j++) {
                idcg += 1 / log2(j + 2);
            }
            precision += (double) hits / k;
            recall += (double) hits / rel.size();
            ndcg += dcg / idcg;
            map += ap / Math.min(k, rel.size());
        }
        int n = users.size();
        return new Scores(scored, unknown, scored == 0 ? Double.NaN : Math.sqrt(squares / scored),
                scored == 0 ? Double.NaN : absolute / scored, k, threshold, n, n == 0 ? Double.NaN : precision / n,
                n == 0 ? Double.NaN : recall / n, n == 0 ? Double.NaN : ndcg / n, n == 0 ? Double.NaN : map / n);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** @return the scores under their JSON keys */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("rmse", rmse);
        m.put("mae", mae);
        m.put("ratings", ratings);
        m.put("unknown", unknown);
        m.put("k", k);
        m.put("threshold", threshold);
        m.put("users_ranked", rankedUsers);
        m.put("precision_at_k", precision);
        m.put("recall_at_k", recall);
        m.put("ndcg_at_k", ndcg);
        m.put("map_at_k", map);
        return m;
    }
}
