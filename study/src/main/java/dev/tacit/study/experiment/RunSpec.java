package dev.tacit.study.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One run of an experiment: a method on one problem with one seed.
 *
 * @param experiment the experiment's name
 * @param method     the method
 * @param size       matrix size (square)
 * @param rank       rank of the ground truth
 * @param observed   number of observed entries
 * @param depth      network depth (0 for completion methods)
 * @param lambda     penalty weight (0 without a penalty)
 * @param seed       seed of data and initialisation
 * @param defaults   experiment-wide settings for networks
 */
public record RunSpec(String experiment, MethodSpec method, int size, int rank, int observed, int depth,
                      double lambda, long seed, SortedMap<String, String> defaults) {

    /** @return every setting of the run, defaults overridden by the method's own settings */
    public SortedMap<String, String> settings() {
        TreeMap<String, String> s = new TreeMap<>(defaults);
        s.putAll(method.settings());
        return s;
    }

    /**
     * A stable identifier: the same run always gets the same id, so a restarted sweep recognises finished runs, and a
     * run whose settings changed gets a new one.
     *
     * @return 16 hex digits of the SHA-256 of the run's canonical description
     */
    public String id() {
        String canonical = String.join("|", method.method(), method.optimizer().orElse(""), method.penalty(),
                Integer.toString(size), Integer.toString(rank), Integer.toString(observed), Integer.toString(depth),
                Double.toString(lambda), Long.toString(seed), settings().toString());
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * @param v a number
     * @return its shortest plain form, for example 0.001 (not 0.00100000 or 1.0E-3)
     */
    static String compact(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** @return a one-line description for progress output */
    public String describe() {
        StringBuilder sb = new StringBuilder(method.label());
        if (method.isNetwork() && method.depth().isEmpty()) {
            sb.append(" depth ").append(depth);
        }
        if (lambda > 0) {
            sb.append(" λ ").append(compact(lambda));
        }
        return sb.append(", ").append(size).append('x').append(size).append(" rank ").append(rank).append(", ")
                .append(observed).append(" observed, seed ").append(seed).toString();
    }
}
