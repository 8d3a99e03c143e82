package dev.tacit.data.movielens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file's digest: the algorithm and its value in lower-case hex.
 *
 * @param algorithm MD5 or SHA-256
 * @param hex       the digest, lower-case hex of the algorithm's length
 */
public record Checksum(Algorithm algorithm, String hex) {

    /** The digests Tacit checks. */
    public enum Algorithm {
        /** MD5, which GroupLens publishes next to each archive ({@code <name>.zip.md5}). */
        MD5("MD5", 32),
        /** SHA-256, which Tacit pins where it established an archive's checksum itself (MovieLens-100K). */
        SHA_256("SHA-256", 64);

        private final String javaName;
        private final int hexLength;

        Algorithm(String javaName, int hexLength) {
            this.javaName = javaName;
            this.hexLength = hexLength;
        }

        /** @return the name as {@link MessageDigest} and people write it: {@code MD5}, {@code SHA-256} */
        public String label() {
            return javaName;
        }

        /** @return a fresh digest */
        public MessageDigest digest() {
            try {
                return MessageDigest.getInstance(javaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has " + javaName, e);
            }
        }
    }

    /** Lower-cases the value and checks its length and digits. */
    public Checksum {
        hex = hex.trim().toLowerCase(Locale.ROOT);
        if (hex.length() != algorithm.hexLength || !hex.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("an " + algorithm.label() + " is " + algorithm.hexLength
                    + " hex digits, got '" + hex + "'");
        }
    }

    /**
     * @param hex 32 hex digits
     * @return that MD5
     */
    public static Checksum md5(String hex) {
        return new Checksum(Algorithm.MD5, hex);
    }

    /**
     * @param hex 64 hex digits
     * @return that SHA-256
     */
    public static Checksum sha256(String hex) {
        return new Checksum(Algorithm.SHA_256, hex);
    }

    /**
     * @param digest a finished digest of this algorithm
     * @param algorithm its algorithm
     * @return its value
     */
    static Checksum of(MessageDigest digest, Algorithm algorithm) {
        return new Checksum(algorithm, HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * @param file      a file
     * @param algorithm the digest to compute
     * @return the file's digest
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Checksum of(Path file, Algorithm algorithm) {
        MessageDigest digest = algorithm.digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return of(digest, algorithm);
    }

    /** {@code MD5 (ml-1m.zip) = c4d9…}, as BSD's {@code md5} writes it. */
    private static final Pattern BSD = Pattern.compile("MD5\\s*\\((.+)\\)\\s*=\\s*([0-9A-Fa-f]{32})");
    /** {@code c4d9…  ml-25m.zip} (or {@code *ml-25m.zip}), as GNU's {@code md5sum} writes it. */
    private static final Pattern GNU = Pattern.compile("([0-9A-Fa-f]{32})\\s+\\*?(.+)");
    /** A bare digest on a line of its own. */
    private static final Pattern BARE = Pattern.compile("([0-9A-Fa-f]{32})");

    /**
     * Reads the MD5 of one file from a checksum file in either of the layouts GroupLens has used:
     * {@code MD5 (ml-1m.zip) = c4d9eecfca2ab87c1945afe126590906} (BSD {@code md5}) and
     * {@code 6b51fb2759a8657d3bfcbfc42b592ada  ml-25m.zip} (GNU {@code md5sum}, also with {@code *} before the name).
     * A bare digest alone is accepted too. Blank lines are ignored; a line naming another file is skipped, but a
     * checksum file that names only other files is rejected.
     *
     * @param text     the checksum file's content
     * @param fileName the file whose MD5 is wanted, for example {@code ml-1m.zip}
     * @return its MD5
     * @throws IllegalArgumentException saying why no MD5 of that file could be read
     */
    public static Checksum parseMd5File(String text, String fileName) {
        List<String> others = new ArrayList<>();
        Checksum bare = null;
        int lines = 0;
        for (String raw : text.replace("\uFEFF", "").split("\r?\n|\r")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            lines++;
            Matcher m;
            String name;
            String hex;
            if ((m = BSD.matcher(line)).matches()) {
                name = m.group(1).strip();
                hex = m.group(2);
            } else if ((m = GNU.matcher(line)).matches()) {
                name = m.group(2).strip();
                hex = m.group(1);
            } else if ((m = BARE.matcher(line)).matches()) {
                bare = md5(m.group(1));
                continue;
            } else {
                throw new IllegalArgumentException("'" + shorten(line) + "' is neither 'MD5 (" + fileName
                        + ") = <32 hex digits>' nor '<32 hex digits>  " + fileName + "'");
            }
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (base.equals(fileName)) {
                return md5(hex);
            }
            others.add(name);
        }
        if (bare != null && others.isEmpty() && lines == 1) {
            return bare;
        }
        if (!others.isEmpty()) {
            throw new IllegalArgumentException("it gives the MD5 of " + String.join(", ", others) + ", not of "
                    + fileName);
        }
        throw new IllegalArgumentException(lines == 0 ? "it is empty" : "it holds no MD5 of " + fileName);
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return algorithm.label() + " " + hex;
    }
}
