package dev.tacit.data.movielens;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A directory of verified datasets: {@code <root>/<name>.zip} (the archive as downloaded or placed by hand) and
 * {@code <root>/<name>/} (its contents, unpacked).
 *
 * <p>Fetching is idempotent and safe to interrupt. An unpacked dataset carries a marker file holding the archive's
 * SHA-256; with the marker present nothing is downloaded (so it works offline). Otherwise an archive already in the
 * cache is verified and used; else it is downloaded to a temporary file, flushed to disk and verified before it is
 * renamed into place. Unpacking writes to a temporary directory, flushes every file and renames the directory into
 * place in one step. A file that fails its checksum is never kept (a downloaded one) or never used (a placed one).
 */
public final class DatasetCache {

    /** The marker file inside an unpacked dataset; it holds the archive's SHA-256. */
    public static final String MARKER = ".tacit-verified";

    private final Path root;

    /** @param root the cache directory; created on the first fetch */
    public DatasetCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** @return the cache directory */
    public Path root() {
        return root;
    }

    /**
     * @param archive a dataset
     * @return where its archive is kept: {@code <root>/<name>.zip}
     */
    public Path archivePath(DatasetArchive archive) {
        return root.resolve(archive.fileName());
    }

    /**
     * @param archive a dataset
     * @return where it is unpacked: {@code <root>/<name>}
     */
    public Path directory(DatasetArchive archive) {
        return root.resolve(archive.name());
    }

    /**
     * @param archive a dataset
     * @return whether it is unpacked here from an archive with the expected checksum
     */
    public boolean isReady(DatasetArchive archive) {
        Path marker = directory(archive).resolve(MARKER);
        try {
            return Files.isRegularFile(marker)
                    && Files.readString(marker, StandardCharsets.US_ASCII).trim().equals(archive.sha256());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param archive a dataset
     * @return whether a fetch has unpacked it here (from the official archive or, in tests, another verified one)
     */
    public boolean isUnpacked(DatasetArchive archive) {
        return Files.isRegularFile(directory(archive).resolve(MARKER));
    }

    /** Where a fetched dataset came from. */
    public enum Source {
        /** It was already unpacked and verified; nothing was read from the network. */
        CACHED,
        /** Its archive was already in the cache (placed by hand or by an earlier, interrupted fetch). */
        ARCHIVE_IN_CACHE,
        /** It was downloaded now. */
        DOWNLOADED
    }

    /**
     * @param directory the unpacked dataset
     * @param source    where it came from
     */
    public record Outcome(Path directory, Source source) {
    }

    /**
     * Makes the dataset available, downloading it only if needed.
     *
     * @param archive  what to fetch
     * @param client   the HTTP client (its timeouts and proxy settings apply)
     * @param progress receives one line per stage, for the user
     * @return the unpacked directory and where it came from
     * @throws FetchException if the download fails, a checksum does not match, or the archive cannot be unpacked
     */
    public Outcome fetch(DatasetArchive archive, HttpClient client, Consumer<String> progress) {
        if (isReady(archive)) {
            return new Outcome(directory(archive), Source.CACHED);
        }
        createRoot();
        Path zip = archivePath(archive);
        Source source;
        if (Files.isRegularFile(zip)) {
            String actual = sha256(zip);
            if (!actual.equals(archive.sha256())) {
                throw new FetchException(FetchException.Reason.PLACED_FILE, zip + " has SHA-256 " + actual
                        + ", expected " + archive.sha256() + ": it is corrupt or not the official archive",
                        "delete it and run the fetch again, or replace it with the official archive from "
                                + archive.uri(), null);
            }
            progress.accept("using " + zip + " (SHA-256 verified)");
            source = Source.ARCHIVE_IN_CACHE;
        } else {
            download(archive, client, zip, progress);
            source = Source.DOWNLOADED;
        }
        unpack(archive, zip, progress);
        return new Outcome(directory(archive), source);
    }

    private void createRoot() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new FetchException(FetchException.Reason.ARCHIVE, "cannot create the cache directory " + root + " ("
                    + e + ")", "choose a writable cache directory with --cache-dir or TACIT_CACHE_DIR", e);
        }
    }

    private void download(DatasetArchive archive, HttpClient client, Path zip, Consumer<String> progress) {
        String size = archive.bytes() > 0 ? String.format(java.util.Locale.ROOT, " (%.1f MB)", archive.bytes() / 1e6)
                : "";
        progress.accept("downloading " + archive.uri() + size);
        Path part = null;
        try {
            part = Files.createTempFile(root, "." + archive.fileName() + ".", ".part");
            HttpRequest request = HttpRequest.newBuilder(archive.uri()).timeout(Duration.ofMinutes(10)).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String actual;
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new FetchException(FetchException.Reason.NETWORK, "could not download " + archive.uri()
                            + ": the server answered HTTP " + response.statusCode(), handPlacement(archive), null);
                }
                MessageDigest digest = sha256Digest();
                try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE);
                     OutputStream out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(channel),
                             digest)) {
                    in.transferTo(out);
                    out.flush();
                    channel.force(true);
                }
                actual = HexFormat.of().formatHex(digest.digest());
            }
            if (!actual.equals(archive.sha256())) {
                throw new FetchException(FetchException.Reason.CHECKSUM, "the file downloaded from " + archive.uri()
                        + " has SHA-256 " + actual + ", expected " + archive.sha256()
                        + "; it was deleted and nothing was unpacked",
                        "try again later (the download may have been corrupted or intercepted), or "
                                + handPlacement(archive), null);
            }
            move(part, zip);
            part = null;
            progress.accept("saved " + zip + " (SHA-256 verified)");
        } catch (IOException e) {
            throw new FetchException(FetchException.Reason.NETWORK, "could not download " + archive.uri() + ": "
                    + describe(e), handPlacement(archive), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Reason.NETWORK, "the download of " + archive.uri()
                    + " was interrupted", handPlacement(archive), e);
        } finally {
            if (part != null) {
                deleteQuietly(part);
            }
        }
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }

    /**
     * @param archive a dataset
     * @return how to get the archive into the cache without network access from this machine
     */
    public String handPlacement(DatasetArchive archive) {
        return "without network access, download " + archive.uri() + " on another machine, check that its SHA-256 is "
                + archive.sha256() + ", copy it to " + archivePath(archive) + " and run the same command again; or "
                + "point commands at an unpacked copy with --data-dir";
    }

    private void unpack(DatasetArchive archive, Path zip, Consumer<String> progress) {
        Path target = directory(archive);
        if (Files.exists(target)) {
            if (Files.exists(target.resolve(MARKER))) {
                deleteTree(target); // unpacked from another archive version; the verified archive replaces it
            } else {
                throw new FetchException(FetchException.Reason.ARCHIVE, target + " already exists but was not "
                        + "unpacked by tacit", "move it away (or use it directly with --data-dir " + target + ")",
                        null);
            }
        }
        Path temp = null;
        try {
            temp = Files.createTempDirectory(root, "." + archive.name() + ".");
            int files = 0;
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    Path out = temp.resolve(e.getName()).normalize();
                    if (!out.startsWith(temp) || out.equals(temp)) {
                        throw new FetchException(FetchException.Reason.ARCHIVE, zip + " holds an entry outside its "
                                + "directory: '" + e.getName() + "'", "use the official archive from "
                                + archive.uri(), null);
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                        continue;
                    }
                    Files.createDirectories(out.getParent());
                    try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                        in.transferTo(java.nio.channels.Channels.newOutputStream(channel));
                        channel.force(true);
                    }
                    files++;
                }
            }
            Path unpacked = temp.resolve(archive.name());
            if (files == 0 || !Files.isRegularFile(unpacked.resolve("u.data"))) {
                throw new FetchException(FetchException.Reason.ARCHIVE, zip + " has no " + archive.name() + "/u.data",
                        "use the official archive from " + archive.uri(), null);
            }
            Path marker = unpacked.resolve(MARKER);
            Files.writeString(marker, archive.sha256() + "\n", StandardCharsets.US_ASCII);
            try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            syncDirectory(unpacked);
            move(unpacked, target);
            syncDirectory(root);
            progress.accept("unpacked " + files + " files into " + target);
        } catch (java.util.zip.ZipException e) {
            throw new FetchException(FetchException.Reason.ARCHIVE, zip + " is not a valid zip archive (" + e.getMessage() + ")",
                    "delete it and fetch again", e);
        } catch (IOException e) {
            throw new FetchException(FetchException.Reason.ARCHIVE, "cannot unpack " + zip + " into " + root + " ("
                    + describe(e) + ")", "check that the cache directory is writable and has space", e);
        } finally {
            if (temp != null) {
                deleteTree(temp);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        } catch (FileAlreadyExistsException e) {
            // Another fetch won the race with the same verified content.
            deleteTree(from);
        }
    }

    /** Flushes a directory's entries to disk where the platform allows opening a directory (Linux, macOS). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform (Windows); the rename itself is still atomic.
        }
    }

    /**
     * @param file a file
     * @return its SHA-256, lower-case hex
     */
    public static String sha256(Path file) {
        MessageDigest digest = sha256Digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: a leftover temporary file is ignored by every later fetch
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(DatasetCache::deleteQuietly);
        } catch (IOException e) {
            // best effort, as above
        }
    }
}
