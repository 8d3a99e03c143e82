package dev.tacit.study.experiment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one run, as stored and summarised.
 *
 * @param id                  the run's id
 * @param label               the method's label
 * @param method              {@code lnn} or the completion method's name
 * @param depth               network depth (0 for completion methods)
 * @param lambda              penalty weight
 * @param size                matrix size
 * @param rank                rank of the truth
 * @param observed            observed entries
 * @param seed                seed
 * @param status              {@code ok}, or why the run failed (for example {@code diverged})
 * @param trainRmse           train RMSE (NaN if failed)
 * @param testRmse            test RMSE (NaN if failed)
 * @param relativeError       ‖W − W*‖_F/‖W*‖_F (NaN if failed)
 * @param effectiveRank       effective rank of the result (NaN if failed)
 * @param targetEffectiveRank effective rank of the truth
 * @param iterations          iterations run
 * @param seconds             wall time
 */
public record RunResult(String id, String label, String method, int depth, double lambda, int size, int rank,
                        int observed, long seed, String status, double trainRmse, double testRmse,
                        double relativeError, double effectiveRank, double targetEffectiveRank, long iterations,
                        double seconds) {

    /** The column names, in order, of {@link #toMap()} and of the runs CSV. */
    public static final String[] COLUMNS = {"id", "label", "method", "depth", "lambda", "size", "rank", "observed",
        "seed", "status", "train_rmse", "test_rmse", "relative_error", "effective_rank", "target_effective_rank",
        "iterations", "seconds"};

    /**
     * @param newLabel the label to show
     * @return this result under that label (the label is presentation: a run's id does not depend on it)
     */
    public RunResult withLabel(String newLabel) {
        return new RunResult(id, newLabel, method, depth, lambda, size, rank, observed, seed, status, trainRmse,
                testRmse, relativeError, effectiveRank, targetEffectiveRank, iterations, seconds);
    }

    /** @return whether the run completed */
    public boolean ok() {
        return "ok".equals(status);
    }

    /** @return the fields by column name */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("label", label);
        m.put("method", method);
        m.put("depth", depth);
        m.put("lambda", lambda);
        m.put("size", size);
        m.put("rank", rank);
        m.put("observed", observed);
        m.put("seed", seed);
        m.put("status", status);
        m.put("train_rmse", trainRmse);
        m.put("test_rmse", testRmse);
        m.put("relative_error", relativeError);
        m.put("effective_rank", effectiveRank);
        m.put("target_effective_rank", targetEffectiveRank);
        m.put("iterations", iterations);
        m.put("seconds", seconds);
        return m;
    }

    /**
     * @param m a map as {@link #toMap()} wrote it (numbers as Doubles, NaN as null)
     * @return the result
     */
    public static RunResult fromMap(Map<String, Object> m) {
        return new RunResult(str(m, "id"), str(m, "label"), str(m, "method"), (int) num(m, "depth"), num(m, "lambda"),
                (int) num(m, "size"), (int) num(m, "rank"), (int) num(m, "observed"), (long) num(m, "seed"),
                str(m, "status"), num(m, "train_rmse"), num(m, "test_rmse"), num(m, "relative_error"),
                num(m, "effective_rank"), num(m, "target_effective_rank"), (long) num(m, "iterations"),
                num(m, "seconds"));
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("field '" + key + "' is missing or not text");
        }
        return s;
    }

    private static double num(Map<String, Object> m, String key) {
        if (!m.containsKey(key)) {
            throw new IllegalArgumentException("field '" + key + "' is missing");
        }
        Object v = m.get(key);
        if (v == null) {
            return Double.NaN;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("field '" + key + "' is not a number");
        }
        return n.doubleValue();
    }
}
