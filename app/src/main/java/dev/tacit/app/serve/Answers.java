package dev.tacit.app.serve;

import dev.tacit.study.model.SavedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the server answers, computed by the saved model exactly as {@code tacit predict} and {@code tacit recommend}
 * compute it: the same {@link SavedModel#predict(String, String, SavedModel.Unknown)} (same values, clipping and
 * unknown policy) and the same {@link SavedModel#recommend} ranking; {@link #recommendation} is the one rendering of
 * a recommendation list, used by {@code tacit recommend --json} too. A {@link SavedModel} is immutable, so answers
 * are computed on any number of threads at once.
 */
public final class Answers {

    private Answers() {
    }

    /**
     * @param model       the model
     * @param id          a user's id
     * @param top         how many items
     * @param includeSeen whether seen items may be recommended
     * @return {@code user}, {@code known} and {@code items} (each {@code item}, {@code score} and {@code title} if
     *         known); a user the model never saw gets the items of highest baseline
     */
    public static Map<String, Object> recommendation(SavedModel model, String id, int top, boolean includeSeen) {
        OptionalInt u = model.user(id);
        List<SavedModel.Recommendation> list = u.isPresent() ? model.recommend(u.getAsInt(), top, includeSeen)
                : model.recommendForNewUser(top);
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("user", id);
        one.put("known", u.isPresent());
        List<Object> items = new ArrayList<>();
        for (SavedModel.Recommendation r : list) {
            Map<String, Object> it = new LinkedHashMap<>();
            it.put("item", r.item());
            it.put("score", r.score());
            model.title(r.index()).ifPresent(t -> it.put("title", t));
            items.add(it);
        }
        one.put("items", items);
        return one;
    }

    /**
     * @param model   the model
     * @param request a {@code /recommend} request
     * @return the recommendation, as {@link #recommendation}
     * @throws HttpFailure 404 for a user the model never saw, unless the request asks for the baseline
     */
    static Map<String, Object> recommend(SavedModel model, Requests.Recommend request) {
        if (model.user(request.user()).isEmpty() && request.unknown() == Requests.NewUser.ERROR) {
            throw new HttpFailure(Status.NOT_FOUND, "the model knows no user \"" + request.user() + "\" (it was "
                    + "trained on " + model.users() + " users; GET /users lists them); send \"unknown\":\"baseline\" "
                    + "for the items a new user gets");
        }
        return recommendation(model, request.user(), request.top(), request.includeSeen());
    }

    /**
     * @param model   the model
     * @param request a {@code /predict} request
     * @return {@code predictions}: for each pair in order {@code user}, {@code item}, {@code prediction} and
     *         {@code known}; under {@code "unknown": "skip"} the pairs the model cannot predict are left out
     * @throws HttpFailure 422 naming the first unknown pair under {@code "unknown": "error"}
     */
    static Map<String, Object> predict(SavedModel model, Requests.Predict request) {
        List<Object> out = new ArrayList<>(request.pairs().size());
        List<Requests.Pair> pairs = request.pairs();
        for (int k = 0; k < pairs.size(); k++) {
            Requests.Pair pair = pairs.get(k);
            SavedModel.Prediction p = model.predict(pair.user(), pair.item(), request.unknown());
            if (!p.known()) {
                if (request.unknown() == SavedModel.Unknown.SKIP) {
                    continue;
                }
                if (request.unknown() == SavedModel.Unknown.ERROR) {
                    throw new HttpFailure(Status.UNPROCESSABLE, "pairs[" + k + "]: the model knows no "
                            + (p.knownUser() ? "item \"" + pair.item() + "\"" : "user \"" + pair.user() + "\"")
                            + "; send \"unknown\":\"baseline\" (or mean, or skip) to predict anyway");
                }
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("user", pair.user());
            one.put("item", pair.item());
            one.put("prediction", p.value());
            one.put("known", p.known());
            out.add(one);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("predictions", out);
        return answer;
    }
}
