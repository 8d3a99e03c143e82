package dev.tacit.data.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small generated datasets in the format of MovieLens-100K, for tests: {@code u.data} and the release's split files
 * (u1..u5 as a 5-fold partition, ua/ub with a fixed number of test ratings per user), from a seeded low-rank model
 * with noise, rounded to whole stars. User and item ids have gaps, so dense id mapping is exercised.
 */
public final class MovieLensFiles {

    private MovieLensFiles() {
    }

    /**
     * One rating line.
     *
     * @param user      user id
     * @param item      item id
     * @param rating    1..5
     * @param timestamp seconds
     */
    public record Line(int user, int item, int rating, long timestamp) {
        /** @return the line as u.data writes it, without newline */
        public String text() {
            return user + "\t" + item + "\t" + rating + "\t" + timestamp;
        }
    }

    /**
     * The ratings of a generated dataset.
     *
     * @param users       number of users
     * @param items       number of items
     * @param perUser     ratings per user
     * @param seed        seed
     * @return the lines, in a shuffled order like u.data's
     */
    public static List<Line> ratings(int users, int items, int perUser, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rank = 2;
        double[][] p = new double[users][rank];
        double[][] q = new double[items][rank];
        for (double[] row : p) {
            for (int k = 0; k < rank; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        for (double[] row : q) {
            for (int k = 0; k < rank; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        List<Line> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int[] chosen = rng.ints(0, items).distinct().limit(perUser).toArray();
            for (int i : chosen) {
                double score = 3.5 + 0.6 * (p[u][0] * q[i][0] + p[u][1] * q[i][1]) + 0.3 * rng.nextGaussian();
                int rating = (int) Math.max(1, Math.min(5, Math.round(score)));
                out.add(new Line(userId(u), itemId(i), rating, 874_000_000L + rng.nextInt(20_000_000)));
            }
        }
        for (int k = out.size() - 1; k > 0; k--) {
            int pick = rng.nextInt(k + 1);
            Line tmp = out.get(k);
            out.set(k, out.get(pick));
            out.set(pick, tmp);
        }
        return out;
    }

    /**
     * @param u dense user index
     * @return its id: odd numbers from 1, so ids have gaps
     */
    public static int userId(int u) {
        return 2 * u + 1;
    }

    /**
     * @param i dense item index
     * @return its id: multiples of 3 from 3
     */
    public static int itemId(int i) {
        return 3 * (i + 1);
    }

    /**
     * Every file of a release: u.data, u1..u5 .base/.test (a 5-fold partition in u.data order) and ua/ub (the first
     * and the last {@code testPerUser} ratings of each user as test ratings).
     *
     * @param lines       the ratings
     * @param testPerUser test ratings per user in ua and ub
     * @return file name to content
     */
    public static Map<String, String> release(List<Line> lines, int testPerUser) {
        Map<String, String> files = new TreeMap<>();
        files.put("u.data", join(lines));
        for (int f = 1; f <= 5; f++) {
            List<Line> base = new ArrayList<>();
            List<Line> test = new ArrayList<>();
            for (int k = 0; k < lines.size(); k++) {
                (k % 5 == f - 1 ? test : base).add(lines.get(k));
            }
            files.put("u" + f + ".base", join(base));
            files.put("u" + f + ".test", join(test));
        }
        for (String name : new String[] {"ua", "ub"}) {
            Map<Integer, List<Line>> byUser = new TreeMap<>();
            lines.forEach(l -> byUser.computeIfAbsent(l.user(), k -> new ArrayList<>()).add(l));
            List<Line> base = new ArrayList<>();
            List<Line> test = new ArrayList<>();
            for (List<Line> own : byUser.values()) {
                for (int k = 0; k < own.size(); k++) {
                    boolean isTest = name.equals("ua") ? k < testPerUser : k >= own.size() - testPerUser;
                    (isTest ? test : base).add(own.get(k));
                }
            }
            files.put(name + ".base", join(base));
            files.put(name + ".test", join(test));
        }
        return files;
    }

    /**
     * @param lines ratings
     * @return the file content, one line each, with a final newline
     */
    public static String join(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.text()).append('\n'));
        return sb.toString();
    }

    /**
     * Writes files into a directory.
     *
     * @param dir   the directory (created)
     * @param files name to content
     * @return the directory
     * @throws IOException if writing fails
     */
    public static Path write(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }

    /**
     * A generated release of 60 users and 80 items with 25 ratings each, written to {@code dir}.
     *
     * @param dir  the directory
     * @param seed seed
     * @return the directory
     * @throws IOException if writing fails
     */
    public static Path small(Path dir, long seed) throws IOException {
        return write(dir, release(ratings(60, 80, 25, seed), 5));
    }

    /**
     * Zips files under a top directory, as the official archive does ({@code ml-100k/u.data}, ...).
     *
     * @param files name to content
     * @param top   the top directory inside the archive
     * @return the archive's bytes
     * @throws IOException never, in practice (in-memory)
     */
    public static byte[] zip(Map<String, String> files, String top) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(top + "/"));
            zip.closeEntry();
            for (Map.Entry<String, String> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(top + "/" + e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
