package dev.tacit.app.serve;

import dev.tacit.api.Named;
import dev.tacit.data.io.JsonReader;
import dev.tacit.study.model.SavedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request bodies of {@code POST /predict} and {@code POST /recommend}, read strictly: a member the endpoint does
 * not know, one missing or of the wrong type, or a value out of range is a {@link HttpFailure} (400, or 413 for a
 * batch over the limit) whose message names the member and shows what is expected. Typos are not ignored, since a
 * silently ignored {@code "include_sen"} would give a plausible but wrong answer.
 */
public final class Requests {

    private static final String PREDICT_EXAMPLE = "{\"pairs\":[{\"user\":\"196\",\"item\":\"242\"}]}";
    private static final String RECOMMEND_EXAMPLE = "{\"user\":\"196\",\"top\":10}";

    private Requests() {
    }

    /**
     * One (user, item) pair.
     *
     * @param user the user's id
     * @param item the item's id
     */
    public record Pair(String user, String item) {
    }

    /**
     * A {@code /predict} request.
     *
     * @param pairs   the pairs, in the order given
     * @param unknown what to answer for a user or item the model never saw, as {@code tacit predict --unknown}
     */
    public record Predict(List<Pair> pairs, SavedModel.Unknown unknown) {
        /** Copies the pairs. */
        public Predict {
            pairs = List.copyOf(pairs);
        }
    }

    /**
     * A {@code /recommend} request.
     *
     * @param user        the user's id
     * @param top         how many items
     * @param includeSeen whether items the user rated in training may be recommended
     * @param unknown     what to answer for a user the model never saw
     */
    public record Recommend(String user, int top, boolean includeSeen, NewUser unknown) {
    }

    /** What {@code /recommend} answers for a user the model never saw. */
    public enum NewUser implements Named {
        /** A 404 naming the user: a typo in an id is not silently answered. */
        ERROR("error"),
        /** The items of highest baseline, as {@code tacit recommend} gives any new user. */
        BASELINE("baseline");

        private final String label;

        NewUser(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /**
     * @param body     the request body
     * @param maxPairs the most pairs a request may hold
     * @return the request
     * @throws HttpFailure 400 naming what is wrong, or 413 if there are more than {@code maxPairs} pairs
     */
    public static Predict predict(String body, int maxPairs) {
        Map<String, Object> m = object(body, PREDICT_EXAMPLE);
        members(m, "", Set.of("pairs", "unknown"), PREDICT_EXAMPLE);
        if (!m.containsKey("pairs")) {
            throw bad("missing member \"pairs\": send " + PREDICT_EXAMPLE);
        }
        if (!(m.get("pairs") instanceof List<?> list)) {
            throw bad("\"pairs\" must be an array of {\"user\":…,\"item\":…} objects, got " + kind(m.get("pairs")));
        }
        if (list.size() > maxPairs) {
            throw new HttpFailure(Status.PAYLOAD_TOO_LARGE, "\"pairs\" holds " + list.size() + " pairs, more than "
                    + "the limit of " + maxPairs + " a request: split the batch (or start the server with a larger "
                    + "--max-pairs)");
        }
        List<Pair> pairs = new ArrayList<>(list.size());
        for (int k = 0; k < list.size(); k++) {
            String where = "pairs[" + k + "]";
            if (!(list.get(k) instanceof Map<?, ?> pair)) {
                throw bad(where + " must be an object {\"user\":…,\"item\":…}, got " + kind(list.get(k)));
            }
            members(pair, where + ".", Set.of("user", "item"), "{\"user\":\"196\",\"item\":\"242\"}");
            pairs.add(new Pair(id(pair, "user", where), id(pair, "item", where)));
        }
        SavedModel.Unknown unknown = SavedModel.Unknown.BASELINE;
        if (m.containsKey("unknown")) {
            unknown = choice(SavedModel.Unknown.class, m.get("unknown"), "unknown");
        }
        return new Predict(pairs, unknown);
    }

    /**
     * @param body   the request body
     * @param maxTop the largest {@code top} allowed
     * @return the request; {@code top} is 10 and {@code include_seen} false when not given
     * @throws HttpFailure 400 naming what is wrong
     */
    public static Recommend recommend(String body, int maxTop) {
        Map<String, Object> m = object(body, RECOMMEND_EXAMPLE);
        members(m, "", Set.of("user", "top", "include_seen", "unknown"), RECOMMEND_EXAMPLE);
        String user = id(m, "user", "");
        int top = 10;
        if (m.containsKey("top")) {
            Object t = m.get("top");
            if (!(t instanceof Double d) || d != Math.rint(d) || d < 1 || d > maxTop) {
                throw bad("\"top\" must be a whole number from 1 to " + maxTop + " (the server's --max-top), got "
                        + shown(t));
            }
            top = (int) (double) d;
        }
        boolean includeSeen = false;
        if (m.containsKey("include_seen")) {
            if (!(m.get("include_seen") instanceof Boolean b)) {
                throw bad("\"include_seen\" must be true or false, got " + shown(m.get("include_seen")));
            }
            includeSeen = b;
        }
        NewUser unknown = NewUser.ERROR;
        if (m.containsKey("unknown")) {
            unknown = choice(NewUser.class, m.get("unknown"), "unknown");
        }
        return new Recommend(user, top, includeSeen, unknown);
    }

    private static Map<String, Object> object(String body, String example) {
        Object v;
        try {
            v = JsonReader.parse(body);
        } catch (IllegalArgumentException e) {
            throw bad("the body is not valid JSON: " + e.getMessage() + "; send an object such as " + example);
        }
        if (!(v instanceof Map<?, ?>)) {
            throw bad("the body must be a JSON object such as " + example + ", got " + kind(v));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    private static void members(Map<?, ?> m, String prefix, Set<String> known, String example) {
        for (Object key : m.keySet()) {
            if (!known.contains(key)) {
                throw bad("unknown member \"" + prefix + abbreviate(String.valueOf(key)) + "\": expected "
                        + String.join(", ", known.stream().sorted().toList()) + ", as in " + example);
            }
        }
    }

    private static String id(Map<?, ?> m, String member, String where) {
        String name = where.isEmpty() ? member : where + "." + member;
        if (!m.containsKey(member)) {
            throw bad("missing member \"" + name + "\"");
        }
        if (!(m.get(member) instanceof String s)) {
            throw bad("\"" + name + "\" must be a string (ids are text: write \"196\", not 196), got "
                    + shown(m.get(member)));
        }
        return s;
    }

    private static <E extends Enum<E> & Named> E choice(Class<E> type, Object value, String member) {
        List<String> labels = java.util.Arrays.stream(type.getEnumConstants()).map(Named::label).toList();
        if (value instanceof String s) {
            for (E e : type.getEnumConstants()) {
                if (e.label().equals(s)) {
                    return e;
                }
            }
        }
        throw bad("\"" + member + "\" must be one of " + String.join(", ", labels) + ", got " + shown(value));
    }

    /** @return how a value's JSON type is named in messages */
    private static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Double) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return v instanceof List<?> ? "an array" : "an object";
    }

    /** @return a short rendering of a value for a message: scalars as written, containers by kind */
    private static String shown(Object v) {
        if (v instanceof String s) {
            return "\"" + abbreviate(s) + "\"";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) (double) d) : d.toString();
        }
        return v instanceof Boolean ? v.toString() : kind(v);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static HttpFailure bad(String message) {
        return new HttpFailure(Status.BAD_REQUEST, message);
    }
}
