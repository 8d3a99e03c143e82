package dev.tacit.study.model;

import dev.tacit.algebra.Entries;
import dev.tacit.algebra.Matrix;
import dev.tacit.api.Named;
import dev.tacit.data.RatingSet;
import dev.tacit.data.format.FileFormatException;
import dev.tacit.data.format.Npy;
import dev.tacit.data.format.NpyArray;
import dev.tacit.data.format.Npz;
import dev.tacit.data.io.Json;
import dev.tacit.data.io.JsonReader;
import dev.tacit.optim.models.CompletionModel;
import dev.tacit.optim.models.EmbeddingModel;
import dev.tacit.optim.models.LinearNetwork;
import dev.tacit.optim.models.ModelKind;
import dev.tacit.optim.models.Scaling;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A trained model that can be saved, loaded, and asked for predictions and recommendations: the learned parameters
 * (the embedding tables and biases, or the layers of the network), the ids of its users and items, the scaling the
 * ratings were trained on, the baseline μ + b_user + b_item that answers for users or items it never saw, what each
 * user rated in training, and its metadata (settings, metrics, the training data's fingerprint).
 *
 * <p>The file is a NumPy {@code .npz} archive that {@code np.load(path, allow_pickle=False)} opens: one array per
 * part and a {@code metadata.json} member (docs/model-format.md). It is written atomically; loading checks the format,
 * the version, every array's shape and its SHA-256, so a truncated, corrupt, foreign or newer file is refused with a
 * {@link FileFormatException} that says which.
 *
 * <p>Predictions of a loaded model are bit for bit those of the model that was saved: both go through the same
 * parameters, the same {@link CompletionModel#predictor} and the same {@link Scaling#invert}, then are clipped to the
 * rating range.
 */
public final class SavedModel {

    /** The value of {@code format} in the metadata: what tells a Tacit model from any other archive. */
    public static final String FORMAT = "tacit-model";
    /** The layout version this Tacit writes; a larger one is refused, a smaller one would be read by a migration. */
    public static final int FORMAT_VERSION = 1;
    /** The metadata member. */
    public static final String METADATA = "metadata.json";

    /** What a prediction for a user or an item the model never saw is. */
    public enum Unknown implements Named {
        /** The baseline the model knows: the training mean plus the bias of whichever of the two it knows. */
        BASELINE("baseline"),
        /** The training mean alone. */
        MEAN("mean"),
        /** No prediction: the pair is left out of the output. */
        SKIP("skip"),
        /** An error naming the pair. */
        ERROR("error");

        private final String label;

        Unknown(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * One prediction.
     *
     * @param value       the predicted rating, clipped to the rating range
     * @param knownUser   whether the model was trained on the user
     * @param knownItem   whether the model was trained on the item
     */
    public record Prediction(double value, boolean knownUser, boolean knownItem) {
        /** @return whether both the user and the item were in the training data */
        public boolean known() {
            return knownUser && knownItem;
        }
    }

    /**
     * One recommended item.
     *
     * @param item  the item's id
     * @param index the item's column in the model
     * @param score the predicted rating
     */
    public record Recommendation(String item, int index, double score) {
    }

    private final ModelKind kind;
    private final CompletionModel model;
    private final List<Matrix> params;
    private final Scaling scaling;
    private final String[] userIds;
    private final String[] itemIds;
    private final Map<String, Integer> userIndex;
    private final Map<String, Integer> itemIndex;
    private final double baselineMean;
    private final double[] baselineUser;
    private final double[] baselineItem;
    private final double low;
    private final double high;
    private final long[] seenStart;
    private final int[] seenItems;
    private final String[] itemTitles;
    private final Map<String, Object> metadata;
    private final Matrix.EntryFunction core;

    private SavedModel(ModelKind kind, CompletionModel model, List<Matrix> params, Scaling scaling, String[] userIds,
                       String[] itemIds, double baselineMean, double[] baselineUser, double[] baselineItem,
                       double low, double high, long[] seenStart, int[] seenItems, String[] itemTitles,
                       Map<String, Object> metadata) {
        this.kind = kind;
        this.model = model;
        this.params = List.copyOf(params);
        this.scaling = scaling;
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.userIndex = index(userIds);
        this.itemIndex = index(itemIds);
        this.baselineMean = baselineMean;
        this.baselineUser = baselineUser;
        this.baselineItem = baselineItem;
        this.low = low;
        this.high = high;
        this.seenStart = seenStart;
        this.seenItems = seenItems;
        this.itemTitles = itemTitles;
        this.metadata = metadata;
        this.core = model.predictor(this.params);
    }

    private static Map<String, Integer> index(String[] ids) {
        Map<String, Integer> m = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            m.put(ids[i], i);
        }
        return m;
    }

    /**
     * The model a run trained.
     *
     * @param kind       the model's kind
     * @param model      the model
     * @param params     its selected parameters
     * @param scaling    the scaling of the ratings it was trained on
     * @param data       the ratings it came from (their ids and rating range)
     * @param training   every rating of the training file the model may count as seen: training and validation
     * @param itemTitles a title per item column, or null for none
     * @param metadata   what to record besides the layout: settings, metrics, the data's description
     * @return the model
     */
    public static SavedModel of(ModelKind kind, CompletionModel model, List<Matrix> params, Scaling scaling,
                                RatingSet data, Entries training, String[] itemTitles, Map<String, Object> metadata) {
        Scaling baseline = scaling.kind() == Scaling.Kind.BIASES ? scaling
                : Scaling.fit(Scaling.Kind.BIASES, training);
        String[] users = new String[data.users()];
        for (int u = 0; u < users.length; u++) {
            users[u] = data.userLabel(u);
        }
        String[] items = new String[data.items()];
        for (int i = 0; i < items.length; i++) {
            items[i] = data.itemLabel(i);
        }
        long[] start = new long[users.length + 1];
        for (int k = 0; k < training.size(); k++) {
            start[training.row(k) + 1]++;
        }
        for (int u = 0; u < users.length; u++) {
            start[u + 1] += start[u];
        }
        int[] seen = new int[training.size()];
        long[] next = Arrays.copyOf(start, users.length);
        for (int k = 0; k < training.size(); k++) {
            seen[(int) next[training.row(k)]++] = training.col(k);
        }
        for (int u = 0; u < users.length; u++) {
            Arrays.sort(seen, (int) start[u], (int) start[u + 1]);
        }
        return new SavedModel(kind, model, params, scaling, users, items, baseline.shift(),
                baseline.biases().rows(), baseline.biases().cols(), data.minRating(), data.maxRating(), start, seen,
                itemTitles, new LinkedHashMap<>(metadata));
    }

    /** @return the model's kind */
    public ModelKind kind() {
        return kind;
    }

    /** @return how many users it knows */
    public int users() {
        return userIds.length;
    }

    /** @return how many items it knows */
    public int items() {
        return itemIds.length;
    }

    /**
     * @param row a user's row
     * @return the user's id
     */
    public String userId(int row) {
        return userIds[row];
    }

    /**
     * @param col an item's column
     * @return the item's id
     */
    public String itemId(int col) {
        return itemIds[col];
    }

    /**
     * @param id a user's id
     * @return the user's row, if the model knows the user
     */
    public OptionalInt user(String id) {
        Integer u = userIndex.get(id);
        return u == null ? OptionalInt.empty() : OptionalInt.of(u);
    }

    /**
     * @param id an item's id
     * @return the item's column, if the model knows the item
     */
    public OptionalInt item(String id) {
        Integer i = itemIndex.get(id);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /**
     * @param col an item's column
     * @return its title, if the model was fitted with an item file
     */
    public Optional<String> title(int col) {
        return itemTitles == null || itemTitles[col] == null || itemTitles[col].isEmpty() ? Optional.empty()
                : Optional.of(itemTitles[col]);
    }

    /** @return the smallest rating predictions are clipped to */
    public double low() {
        return low;
    }

    /** @return the largest rating predictions are clipped to */
    public double high() {
        return high;
    }

    /** @return the metadata recorded at training: settings, metrics, the data's description */
    public Map<String, Object> metadata() {
        return java.util.Collections.unmodifiableMap(metadata);
    }

    /**
     * @param u a user's row
     * @param i an item's column
     * @return the predicted rating, clipped to the rating range
     */
    public double predict(int u, int i) {
        return clip(scaling.invert(u, i, core.value(u, i)));
    }

    /**
     * @param user    a user's id
     * @param item    an item's id
     * @param unknown what to answer for a user or item the model never saw; {@link Unknown#SKIP} and
     *                {@link Unknown#ERROR} are the caller's to apply: here they answer as {@link Unknown#BASELINE}
     * @return the prediction and whether both were known
     */
    public Prediction predict(String user, String item, Unknown unknown) {
        Integer u = userIndex.get(user);
        Integer i = itemIndex.get(item);
        if (u != null && i != null) {
            return new Prediction(predict(u, i), true, true);
        }
        double value = unknown == Unknown.MEAN ? baselineMean
                : baselineMean + (u == null ? 0 : baselineUser[u]) + (i == null ? 0 : baselineItem[i]);
        return new Prediction(clip(value), u != null, i != null);
    }

    /**
     * @param u a user's row
     * @return the items the user rated in training, ascending
     */
    public int[] seen(int u) {
        return Arrays.copyOfRange(seenItems, (int) seenStart[u], (int) seenStart[u + 1]);
    }

    /**
     * The items with the highest predicted ratings for a user; ties go to the item that comes first in the model's
     * item order, so the list is deterministic.
     *
     * @param u           a user's row
     * @param top         how many
     * @param includeSeen whether items the user rated in training may be recommended
     * @return at most {@code top} items, best first
     */
    public List<Recommendation> recommend(int u, int top, boolean includeSeen) {
        boolean[] excluded = new boolean[itemIds.length];
        if (!includeSeen) {
            for (int k = (int) seenStart[u]; k < seenStart[u + 1]; k++) {
                excluded[seenItems[k]] = true;
            }
        }
        return rank(top, excluded, i -> predict(u, i));
    }

    /**
     * For a user the model never saw: the items of highest baseline, the training mean plus the item's bias.
     *
     * @param top how many
     * @return at most {@code top} items, best first, ties to the earlier item
     */
    public List<Recommendation> recommendForNewUser(int top) {
        return rank(top, new boolean[itemIds.length], i -> clip(baselineMean + baselineItem[i]));
    }

    /** @return whether the model carries item titles */
    public boolean hasTitles() {
        return itemTitles != null;
    }

    private List<Recommendation> rank(int top, boolean[] excluded, java.util.function.IntToDoubleFunction scores) {
        int n = itemIds.length;
        if (top <= 0) {
            return List.of();
        }
        double[] score = new double[n];
        // A bounded min-heap of column indices ordered by (score, then later column first) keeps the best `top`.
        int size = 0;
        int[] heap = new int[Math.min(top, n)];
        for (int i = 0; i < n; i++) {
            if (excluded[i]) {
                continue;
            }
            score[i] = scores.applyAsDouble(i);
            if (size < heap.length) {
                heap[size++] = i;
                siftUp(heap, size - 1, score);
            } else if (heap.length > 0 && better(i, heap[0], score)) {
                heap[0] = i;
                siftDown(heap, size, score);
            }
        }
        Integer[] best = new Integer[size];
        for (int k = 0; k < size; k++) {
            best[k] = heap[k];
        }
        Arrays.sort(best, (a, b) -> better(a, b, score) ? -1 : better(b, a, score) ? 1 : 0);
        List<Recommendation> out = new ArrayList<>(size);
        for (int i : best) {
            out.add(new Recommendation(itemIds[i], i, score[i]));
        }
        return out;
    }

    /** Whether item a ranks before item b: a higher score, or the same score and an earlier column. */
    private static boolean better(int a, int b, double[] score) {
        return score[a] > score[b] || (score[a] == score[b] && a < b);
    }

    private static void siftUp(int[] heap, int k, double[] score) {
        while (k > 0) {
            int parent = (k - 1) / 2;
            if (!better(heap[parent], heap[k], score)) {
                break;
            }
            int t = heap[parent];
            heap[parent] = heap[k];
            heap[k] = t;
            k = parent;
        }
    }

    private static void siftDown(int[] heap, int size, double[] score) {
        int k = 0;
        while (true) {
            int worst = k;
            int l = 2 * k + 1;
            int r = l + 1;
            if (l < size && better(heap[worst], heap[l], score)) {
                worst = l;
            }
            if (r < size && better(heap[worst], heap[r], score)) {
                worst = r;
            }
            if (worst == k) {
                return;
            }
            int t = heap[worst];
            heap[worst] = heap[k];
            heap[k] = t;
            k = worst;
        }
    }

    private double clip(double v) {
        return Math.max(low, Math.min(high, v));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The file

    /**
     * Writes the model atomically.
     *
     * @param file    the file to create or replace
     * @param version Tacit's version, recorded in the metadata
     * @throws IOException if it cannot be written; an existing file is then unchanged
     */
    public void save(Path file, String version) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("user_ids", NpyArray.vector(userIds));
        arrays.put("item_ids", NpyArray.vector(itemIds));
        if (kind == ModelKind.EMBEDDING) {
            arrays.put("P", NpyArray.of(params.get(EmbeddingModel.USERS)));
            arrays.put("Q", NpyArray.of(params.get(EmbeddingModel.ITEMS)));
            arrays.put("user_bias", NpyArray.vector(params.get(EmbeddingModel.USER_BIAS).toArray()));
            arrays.put("item_bias", NpyArray.vector(params.get(EmbeddingModel.ITEM_BIAS).toArray()));
        } else {
            for (int k = 0; k < params.size(); k++) {
                arrays.put("layer_" + (k + 1), NpyArray.of(params.get(k)));
            }
        }
        arrays.put("scaling_user", NpyArray.vector(scaling.biases().rows()));
        arrays.put("scaling_item", NpyArray.vector(scaling.biases().cols()));
        arrays.put("baseline_user", NpyArray.vector(baselineUser));
        arrays.put("baseline_item", NpyArray.vector(baselineItem));
        arrays.put("seen_start", NpyArray.vector(seenStart));
        arrays.put("seen_items", NpyArray.vector(seenItems));
        if (itemTitles != null) {
            arrays.put("item_titles", NpyArray.vector(itemTitles));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", FORMAT_VERSION);
        meta.put("tacit_version", version);
        meta.put("kind", kind.label());
        if (kind == ModelKind.LNN) {
            meta.put("depth", params.size());
        } else {
            meta.put("dimension", ((EmbeddingModel) model).dimension());
        }
        meta.put("rating_range", List.of(low, high));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", scaling.kind().label());
        s.put("shift", scaling.shift());
        s.put("scale", scaling.scale());
        meta.put("scaling", s);
        meta.put("baseline_mean", baselineMean);
        meta.putAll(metadata);
        Map<String, Object> checksums = new LinkedHashMap<>();
        Npz.Builder npz = Npz.builder();
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            checksums.put(e.getKey(), sha256(e.getValue()));
            npz.put(e.getKey(), e.getValue());
        }
        meta.put("sha256", checksums);
        npz.putFile(METADATA, Json.write(meta).getBytes(StandardCharsets.UTF_8));
        npz.write(file);
    }

    /**
     * Reads and verifies a model file.
     *
     * @param file the file
     * @return the model
     * @throws IOException if the file cannot be read at all
     * @throws FileFormatException if it is not a Tacit model, is of a newer format, or is truncated or corrupt
     */
    public static SavedModel load(Path file) throws IOException {
        String name = file.toString();
        Npz.Archive a = Npz.read(file);
        byte[] metaBytes = a.file(METADATA).orElseThrow(() -> bad(name, "no " + METADATA
                + " member: not a model written by 'tacit fit'", "give a file written by 'tacit fit --out'"));
        Map<String, Object> meta;
        try {
            meta = JsonReader.object(new String(metaBytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw bad(name, METADATA + " is not valid JSON (" + e.getMessage() + ")", "the file is damaged: fit the "
                    + "model again");
        }
        if (!FORMAT.equals(meta.get("format"))) {
            throw bad(name, "its metadata says format '" + meta.get("format") + "', not '" + FORMAT + "'",
                    "give a file written by 'tacit fit --out'");
        }
        long version = number(meta, "format_version", name).longValue();
        if (version > FORMAT_VERSION) {
            throw bad(name, "model format version " + version + " is newer than this Tacit reads ("
                    + FORMAT_VERSION + ")", "use the Tacit that wrote it (" + meta.get("tacit_version") + ") or newer");
        }
        if (version < 1) {
            throw bad(name, "model format version " + version + " does not exist", "fit the model again");
        }
        if (!(meta.get("sha256") instanceof Map<?, ?> checksums)) {
            throw bad(name, "the metadata lists no checksums", "fit the model again");
        }
        for (String array : a.arrayNames()) {
            Object expected = checksums.get(array);
            if (expected == null || !expected.equals(sha256(a.array(array)))) {
                throw bad(name, "array '" + array + "' does not match its checksum", "the file is damaged: fit the "
                        + "model again");
            }
        }
        for (Object listed : checksums.keySet()) {
            if (!a.arrayNames().contains(String.valueOf(listed))) {
                throw bad(name, "array '" + listed + "' is missing", "the file is truncated: fit the model again");
            }
        }
        ModelKind kind;
        try {
            kind = Named.parse(ModelKind.class, "kind", String.valueOf(meta.get("kind")));
        } catch (IllegalArgumentException e) {
            throw bad(name, "unknown model kind '" + meta.get("kind") + "'", "give a file written by 'tacit fit'");
        }
        String[] users = a.array("user_ids", NpyArray.Kind.UNICODE, -1).strings();
        String[] items = a.array("item_ids", NpyArray.Kind.UNICODE, -1).strings();
        int m = users.length;
        int n = items.length;
        if (m == 0 || n == 0) {
            throw bad(name, "the model knows " + m + " users and " + n + " items", "fit the model again");
        }
        CompletionModel model;
        List<Matrix> params = new ArrayList<>();
        if (kind == ModelKind.EMBEDDING) {
            Matrix p = a.array("P", NpyArray.Kind.FLOAT64, m, -1).toMatrix();
            Matrix q = a.array("Q", NpyArray.Kind.FLOAT64, n, p.cols()).toMatrix();
            params.add(p);
            params.add(q);
            params.add(Matrix.of(m, 1, a.array("user_bias", NpyArray.Kind.FLOAT64, m).doubles()));
            params.add(Matrix.of(n, 1, a.array("item_bias", NpyArray.Kind.FLOAT64, n).doubles()));
            model = EmbeddingModel.reference(m, n, p.cols());
        } else {
            int depth = number(meta, "depth", name).intValue();
            if (depth < 1 || depth > LinearNetwork.MAX_DEPTH) {
                throw bad(name, "depth " + depth + " is not a network's", "fit the model again");
            }
            for (int k = 1; k <= depth; k++) {
                params.add(a.array("layer_" + k, NpyArray.Kind.FLOAT64, k == 1 ? m : n, n).toMatrix());
            }
            model = new LinearNetwork(m, n, depth, 1e-3);
        }
        Map<?, ?> s = meta.get("scaling") instanceof Map<?, ?> sm ? sm : Map.of();
        Scaling.Kind scalingKind;
        try {
            scalingKind = Named.parse(Scaling.Kind.class, "scaling", String.valueOf(s.get("kind")));
        } catch (IllegalArgumentException e) {
            throw bad(name, "unknown scaling '" + s.get("kind") + "'", "give a file written by 'tacit fit'");
        }
        double[] su = a.array("scaling_user", NpyArray.Kind.FLOAT64, -1).doubles();
        double[] si = a.array("scaling_item", NpyArray.Kind.FLOAT64, -1).doubles();
        if ((su.length != 0 && su.length != m) || (si.length != 0 && si.length != n)) {
            throw bad(name, "the scaling's biases do not fit " + m + " users and " + n + " items", "fit the model "
                    + "again");
        }
        Scaling scaling;
        try {
            scaling = new Scaling(scalingKind, ((Number) s.get("shift")).doubleValue(),
                    ((Number) s.get("scale")).doubleValue(), new Scaling.Biases(su, si));
        } catch (RuntimeException e) {
            throw bad(name, "the scaling is not valid (" + e.getMessage() + ")", "fit the model again");
        }
        List<?> range = meta.get("rating_range") instanceof List<?> r ? r : List.of();
        if (range.size() != 2 || !(range.get(0) instanceof Number lo) || !(range.get(1) instanceof Number hi)
                || !(lo.doubleValue() <= hi.doubleValue())) {
            throw bad(name, "the rating range " + meta.get("rating_range") + " is not [low, high]", "fit the model "
                    + "again");
        }
        long[] start = a.array("seen_start", NpyArray.Kind.INT64, m + 1).longs();
        int[] seen = a.array("seen_items", NpyArray.Kind.INT32, -1).ints();
        if (start[0] != 0 || start[m] != seen.length) {
            throw bad(name, "the seen-items index does not cover its " + seen.length + " items", "fit the model again");
        }
        for (int u = 0; u < m; u++) {
            if (start[u + 1] < start[u]) {
                throw bad(name, "the seen-items index decreases at user " + u, "fit the model again");
            }
        }
        for (int i : seen) {
            if (i < 0 || i >= n) {
                throw bad(name, "a seen item " + i + " lies outside the " + n + " items", "fit the model again");
            }
        }
        String[] titles = a.find("item_titles").map(t -> a.array("item_titles", NpyArray.Kind.UNICODE, n).strings())
                .orElse(null);
        Map<String, Object> rest = new LinkedHashMap<>(meta);
        for (String key : List.of("format", "format_version", "tacit_version", "kind", "depth", "dimension",
                "rating_range", "scaling", "baseline_mean", "sha256")) {
            rest.remove(key);
        }
        return new SavedModel(kind, model, params, scaling, users, items, number(meta, "baseline_mean", name)
                .doubleValue(), a.array("baseline_user", NpyArray.Kind.FLOAT64, m).doubles(),
                a.array("baseline_item", NpyArray.Kind.FLOAT64, n).doubles(), ((Number) range.get(0)).doubleValue(),
                ((Number) range.get(1)).doubleValue(), start, seen, titles, rest);
    }

    private static Number number(Map<String, Object> meta, String key, String file) {
        if (!(meta.get(key) instanceof Number v)) {
            throw bad(file, "the metadata has no number '" + key + "'", "give a file written by 'tacit fit'");
        }
        return v;
    }

    private static FileFormatException bad(String file, String problem, String fix) {
        return new FileFormatException(file, 0, 0, problem, fix);
    }

    /** The SHA-256 of an array's {@code .npy} bytes, as they are in the archive. */
    private static String sha256(NpyArray array) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Npy.write(bytes, array);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
