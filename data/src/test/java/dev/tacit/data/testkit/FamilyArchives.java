package dev.tacit.data.testkit;

import dev.tacit.data.movielens.MovieLens;
import dev.tacit.data.movielens.RatingsLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fixture archives of the MovieLens family, for tests: a release's ratings file written in its own layout and scale
 * ({@code ::} whole or half stars, CSV with the header, tab-separated), zipped under the release's top directory
 * ({@code ml-10M100K/} for ml-10m) with a titles file and a README, and checksum files in both of the layouts
 * GroupLens uses.
 */
public final class FamilyArchives {

    private FamilyArchives() {
    }

    /**
     * A ratings file in the release's layout: {@code users} users (ids 1, 4, 7, ...), each rating {@code perUser}
     * distinct items (ids with gaps), whole or half stars as the release has them, timestamps in 2000–2020.
     *
     * @param release the release whose layout and scale to use
     * @param users   number of users
     * @param perUser ratings per user
     * @param seed    seed
     * @return the file's text
     */
    public static String ratings(MovieLens release, int users, int perUser, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(users * perUser * 24);
        release.layout().header().ifPresent(h -> sb.append(h).append('\n'));
        String d = release.layout().delimiter();
        boolean half = release.scale().step() != 1;
        for (int u = 0; u < users; u++) {
            int item = 1 + rng.nextInt(3);
            for (int k = 0; k < perUser; k++) {
                int halves = half ? 1 + rng.nextInt(10) : 2 * (1 + rng.nextInt(5));
                String rating = release.layout() == RatingsLayout.CSV ? (halves / 2) + "." + (halves % 2 * 5)
                        : halves % 2 == 0 ? Integer.toString(halves / 2) : (halves / 2) + ".5";
                sb.append(3 * u + 1).append(d).append(item).append(d).append(rating).append(d)
                        .append(946_684_800L + rng.nextInt(630_000_000)).append('\n');
                item += 1 + rng.nextInt(4);
            }
        }
        return sb.toString();
    }

    /**
     * @param release the release
     * @param ratings its ratings file's text
     * @param padding bytes of incompressible padding (a stored file), to make the archive large; 0 for none
     * @return the archive as the release packs it: {@code <top>/}, its ratings file, its titles file and a README
     */
    public static byte[] zip(MovieLens release, String ratings, int padding) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String top = release.top() + "/";
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(top));
            zip.closeEntry();
            put(zip, top + release.ratingsFile(), ratings.getBytes(StandardCharsets.UTF_8));
            put(zip, top + release.itemsFile(), ("1" + (release.layout() == RatingsLayout.CSV ? ",Toy Story (1995),"
                    : "::Toy Story (1995)::") + "Animation\n").getBytes(StandardCharsets.UTF_8));
            put(zip, top + "README.txt", "A fixture of the tests, not GroupLens's data.\n"
                    .getBytes(StandardCharsets.UTF_8));
            if (padding > 0) {
                byte[] noise = new byte[padding];
                new SplittableRandom(padding).nextBytes(noise);
                ZipEntry stored = new ZipEntry(top + "padding.bin");
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(padding);
                CRC32 crc = new CRC32();
                crc.update(noise);
                stored.setCrc(crc.getValue());
                zip.putNextEntry(stored);
                zip.write(noise);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * @param content some bytes
     * @return their MD5, lower-case hex
     */
    public static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param fileName the archive's name
     * @param content  the archive
     * @return the checksum file as BSD's {@code md5} writes it: {@code MD5 (ml-1m.zip) = c4d9…}
     */
    public static String bsdMd5File(String fileName, byte[] content) {
        return "MD5 (" + fileName + ") = " + md5(content) + "\n";
    }

    /**
     * @param fileName the archive's name
     * @param content  the archive
     * @return the checksum file as GNU's {@code md5sum} writes it: {@code 6b51…  ml-25m.zip}
     */
    public static String gnuMd5File(String fileName, byte[] content) {
        return md5(content) + "  " + fileName + "\n";
    }
}
