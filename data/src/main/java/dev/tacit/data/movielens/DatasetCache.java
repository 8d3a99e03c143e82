package dev.tacit.data.movielens;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;

/**
 * A directory of verified datasets: {@code <root>/<name>.zip} (the archive as downloaded or placed by hand),
 * {@code <root>/<name>.zip.md5} (the publisher's checksum file) and {@code <root>/<name>/} (the release, unpacked; for
 * ml-10m the archive's {@code ml-10M100K} directory).
 *
 * <p>Fetching is idempotent and safe to interrupt. An unpacked dataset carries a marker file saying how it was
 * verified; with the marker present nothing is downloaded (so it works offline). Otherwise a directory placed by hand
 * at {@code <root>/<name>/} is verified by its content; else an archive already in the cache is verified and used;
 * else the checksum file and the archive are downloaded, the archive to a temporary file that is flushed to disk and
 * verified before it is renamed into place. Unpacking writes to a temporary directory, flushes every file and renames
 * the directory into place in one step. A file that fails its checksum is never kept (a downloaded one) or never used
 * (a placed one).
 *
 * <p>What is trusted: an archive must match the checksum the {@link DatasetArchive} pins and, where the pin is not a
 * SHA-256 the project pinned itself (every release but MovieLens-100K), the publisher's {@code <name>.zip.md5} as well. A
 * pinned value and a checksum file that disagree (while the archive matches the checksum file) stop the fetch with
 * both values named, unless the archive trusts its checksum file ({@link DatasetArchive#trustSidecar()}), in which
 * case it is used and recorded as not the official archive.
 */
public final class DatasetCache {

    /** The marker file inside an unpacked dataset; it records how the dataset was verified. */
    public static final String MARKER = ".tacit-verified";

    /** How long a download may go without receiving a byte before it is abandoned, unless set otherwise. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

    /** Downloads of at least this size report their progress. */
    private static final long PROGRESS_FROM = 1L << 20;

    private final Path root;
    private final Duration stallTimeout;

    /** @param root the cache directory; created on the first fetch */
    public DatasetCache(Path root) {
        this(root, DEFAULT_STALL_TIMEOUT);
    }

    private DatasetCache(Path root, Duration stallTimeout) {
        this.root = root.toAbsolutePath().normalize();
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("the stall timeout must be positive, got " + stallTimeout);
        }
        this.stallTimeout = stallTimeout;
    }

    /**
     * @param timeout how long a download may receive nothing (also the wait for the server's first answer)
     * @return this cache with that timeout
     */
    public DatasetCache withStallTimeout(Duration timeout) {
        return new DatasetCache(root, timeout);
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
     * @return where the publisher's checksum file is kept: {@code <root>/<name>.zip.md5}
     */
    public Path sidecarPath(DatasetArchive archive) {
        return root.resolve(archive.sidecarName());
    }

    /**
     * @param archive a dataset
     * @return where it is unpacked: {@code <root>/<name>}
     */
    public Path directory(DatasetArchive archive) {
        return directory(archive.dataset());
    }

    /**
     * @param dataset a release
     * @return where it is unpacked: {@code <root>/<name>}
     */
    public Path directory(MovieLens dataset) {
        return root.resolve(dataset.id());
    }

    /**
     * @param archive a dataset
     * @return whether it is unpacked here and verified in a way this archive accepts (the same pinned checksum, or
     *         the official release when the official checksum is pinned)
     */
    public boolean isReady(DatasetArchive archive) {
        return verification(archive.dataset()).filter(v -> accepts(archive, v)).isPresent();
    }

    /**
     * @param archive a dataset
     * @return whether a fetch has unpacked it here (from the official archive or, in tests, another verified one)
     */
    public boolean isUnpacked(DatasetArchive archive) {
        return isUnpacked(archive.dataset());
    }

    /**
     * @param dataset a release
     * @return whether a fetch has unpacked and verified it here
     */
    public boolean isUnpacked(MovieLens dataset) {
        return Files.isRegularFile(directory(dataset).resolve(MARKER));
    }

    /**
     * How an unpacked dataset was verified, as its marker file records it.
     *
     * @param md5      the archive's MD5, when it came from an archive
     * @param sha256   the archive's SHA-256, when it came from an archive
     * @param official whether it is the official release: its archive matched the checksum the catalogue pins, or a
     *                 placed directory's content matched the release
     * @param how      what was checked, in words
     */
    public record Verification(Optional<Checksum> md5, Optional<Checksum> sha256, boolean official, String how) {

        /**
         * @param c a checksum
         * @return whether the archive had it
         */
        public boolean matches(Checksum c) {
            return (c.algorithm() == Checksum.Algorithm.MD5 ? md5 : sha256).filter(c::equals).isPresent();
        }
    }

    /**
     * @param dataset a release
     * @return how it was verified, if it is unpacked here
     */
    public Optional<Verification> verification(MovieLens dataset) {
        Path marker = directory(dataset).resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try {
            return Optional.of(readMarker(dataset, Files.readString(marker, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(new Verification(Optional.empty(), Optional.empty(), false, "unreadable marker file "
                    + marker + " (" + e.getMessage() + ")"));
        }
    }

    /**
     * What the cache holds of a release.
     *
     * @param dataset        the release
     * @param directory      where it is (or would be) unpacked
     * @param verification   how it was verified, if it is unpacked
     * @param archivePresent whether its archive is in the cache
     * @param bytes          bytes the release takes in the cache: the unpacked files, the archive and its checksum
     */
    public record Status(MovieLens dataset, Path directory, Optional<Verification> verification,
                         boolean archivePresent, long bytes) {
    }

    /**
     * @param dataset a release
     * @return what the cache holds of it
     */
    public Status status(MovieLens dataset) {
        DatasetArchive archive = dataset.archive();
        long bytes = size(directory(dataset)) + size(archivePath(archive)) + size(sidecarPath(archive));
        return new Status(dataset, directory(dataset), verification(dataset), Files.isRegularFile(archivePath(archive)),
                bytes);
    }

    /** Where a fetched dataset came from. */
    public enum Source {
        /** It was already unpacked and verified; nothing was read from the network. */
        CACHED,
        /** Its archive was already in the cache (placed by hand or by an earlier, interrupted fetch). */
        ARCHIVE_IN_CACHE,
        /** Its directory was placed in the cache by hand and has now been verified by its content. */
        DIRECTORY_IN_CACHE,
        /** It was downloaded now. */
        DOWNLOADED
    }

    /**
     * @param directory    the unpacked dataset
     * @param source       where it came from
     * @param verification how it was verified
     */
    public record Outcome(Path directory, Source source, Verification verification) {
    }

    /**
     * Makes the dataset available, downloading it only if needed.
     *
     * @param archive  what to fetch
     * @param client   the HTTP client (its connect timeout, redirects and proxy settings apply)
     * @param progress receives one line per stage, and for large downloads every tenth of the way, for the user
     * @return the unpacked directory, where it came from and how it was verified
     * @throws FetchException if the download fails, a checksum does not match, or the archive cannot be unpacked
     * @throws MalformedFileException if a directory placed by hand holds a malformed ratings file
     */
    public Outcome fetch(DatasetArchive archive, HttpClient client, Consumer<String> progress) {
        Optional<Verification> existing = verification(archive.dataset());
        if (existing.isPresent() && accepts(archive, existing.get())) {
            return new Outcome(directory(archive), Source.CACHED, existing.get());
        }
        createRoot();
        Path dir = directory(archive);
        if (existing.isEmpty() && Files.isDirectory(dir)) {
            Verification v = verifyPlacedDirectory(archive.dataset(), dir);
            try {
                writeMarker(dir, v);
            } catch (IOException e) {
                throw new FetchException(FetchException.Reason.ARCHIVE, "cannot write " + dir.resolve(MARKER) + " ("
                        + describe(e) + ")", "check that the cache directory is writable", e);
            }
            progress.accept("verified the directory placed at " + dir + ": " + v.how());
            return new Outcome(dir, Source.DIRECTORY_IN_CACHE, v);
        }
        Path zip = archivePath(archive);
        Verification verified;
        Source source;
        if (Files.isRegularFile(zip)) {
            verified = verifyPlacedArchive(archive, zip);
            progress.accept("using " + zip + " (" + verified.how() + ")");
            source = Source.ARCHIVE_IN_CACHE;
        } else {
            verified = download(archive, client, zip, progress);
            source = Source.DOWNLOADED;
        }
        unpack(archive, zip, verified, source, progress);
        return new Outcome(dir, source, verified);
    }

    private static boolean accepts(DatasetArchive archive, Verification v) {
        if (archive.trustSidecar() || archive.pinned().isEmpty()) {
            return true;
        }
        return v.matches(archive.pinned().get()) || (archive.pinIsOfficial() && v.official());
    }

    private void createRoot() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new FetchException(FetchException.Reason.ARCHIVE, "cannot create the cache directory " + root + " ("
                    + e + ")", "choose a writable cache directory with --cache-dir or TACIT_CACHE_DIR", e);
        }
    }

    /**
     * @param archive a dataset
     * @return how to get the archive into the cache without network access from this machine
     */
    public String handPlacement(DatasetArchive archive) {
        if (!archive.sidecarRequired()) {
            return "without network access, download " + archive.uri() + " on another machine, check that its SHA-256 "
                    + "is " + archive.sha256() + ", copy it to " + archivePath(archive) + " and run the same command "
                    + "again; or point commands at an unpacked copy with --data-dir";
        }
        return "without network access, download " + archive.uri() + " and its checksum file " + archive.sidecarUri()
                + " on another machine, copy it to " + archivePath(archive) + " and the checksum file to "
                + sidecarPath(archive) + ", and run the same command again; or unzip it and move its "
                + archive.dataset().top() + " directory to " + directory(archive);
    }

    // ---------------------------------------------------------------------------------------------- verification

    /** Checks an archive against its checksum file and pinned checksum; explains a refusal in the exception. */
    private Verification check(DatasetArchive archive, Checksum md5, Checksum sha256, Optional<Checksum> sidecar,
                               String what, boolean placed) {
        FetchException.Reason reason = placed ? FetchException.Reason.PLACED_FILE : FetchException.Reason.CHECKSUM;
        String sidecarName = placed ? sidecarPath(archive).toString() : archive.sidecarUri().toString();
        String fate = placed ? "" : "; it was deleted and nothing was unpacked";
        if (sidecar.isPresent() && !sidecar.get().equals(md5)) {
            throw new FetchException(reason, what + " has MD5 " + md5.hex() + ", but " + sidecarName + " says "
                    + sidecar.get().hex() + fate, placed ? "delete both files and run the fetch again, or download "
                    + "both again from " + archive.uri() + " and " + archive.sidecarUri()
                    : "try again later (the download may have been truncated, corrupted or intercepted), or "
                    + handPlacement(archive), null);
        }
        if (archive.sidecarRequired() && sidecar.isEmpty()) {
            throw new FetchException(FetchException.Reason.PLACED_FILE, what + " is here but its checksum file "
                    + sidecarName + " is not: an archive of " + archive.name() + " is used only when it matches "
                    + "the publisher's MD5 as well as the pinned one", "download " + archive.sidecarUri()
                    + " too, copy it to " + sidecarPath(archive) + " and run the same command again", null);
        }
        String sidecarPart = sidecar.isPresent() ? "MD5 matches " + archive.sidecarName() : "";
        if (archive.pinned().isEmpty()) {
            return new Verification(Optional.of(md5), Optional.of(sha256), false, sidecarPart);
        }
        Checksum pin = archive.pinned().get();
        Checksum actual = pin.algorithm() == Checksum.Algorithm.MD5 ? md5 : sha256;
        if (pin.equals(actual)) {
            String pinPart = pin.algorithm().label() + " matches the pinned value";
            String how = sidecar.isPresent() && pin.algorithm() == Checksum.Algorithm.MD5
                    ? "MD5 matches " + archive.sidecarName() + " and the pinned value"
                    : sidecar.isPresent() ? pinPart + "; " + sidecarPart : pinPart;
            return new Verification(Optional.of(md5), Optional.of(sha256), archive.pinIsOfficial(), how);
        }
        if (archive.trustSidecar() && sidecar.isPresent()) {
            return new Verification(Optional.of(md5), Optional.of(sha256), false, sidecarPart + "; it differs from "
                    + "the pinned " + pin + ", accepted because the checksum file is trusted: not the official "
                    + "archive");
        }
        if (sidecar.isEmpty()) {
            throw new FetchException(reason, what + " has " + pin.algorithm().label() + " " + actual.hex()
                    + (placed ? ", expected " + pin.hex() + ": it is corrupt or not the official archive"
                    : ", expected " + pin.hex() + fate), placed ? "delete it and run the fetch again, or replace "
                    + "it with the official archive from " + archive.uri() : "try again later (the download may have "
                    + "been corrupted or intercepted), or " + handPlacement(archive), null);
        }
        throw new FetchException(reason, what + " matches its checksum file " + sidecarName + " (MD5 " + md5.hex()
                + ") but not the " + pin + " Tacit pins for the official " + archive.fileName() + fate,
                "GroupLens may have re-released it, or the server does not serve the official archive; if you trust "
                        + "it, run the same command again with --trust-sidecar (the cache then records it as not the "
                        + "official archive)", null);
    }

    private Verification verifyPlacedArchive(DatasetArchive archive, Path zip) {
        Checksum[] sums = digests(zip);
        Optional<Checksum> sidecar = Optional.empty();
        Path sidecarFile = sidecarPath(archive);
        if (Files.isRegularFile(sidecarFile)) {
            try {
                String text = new String(readAtMost(Files.newInputStream(sidecarFile), 1 << 16),
                        StandardCharsets.UTF_8);
                sidecar = Optional.of(Checksum.parseMd5File(text, archive.fileName()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + sidecarFile, e);
            } catch (IllegalArgumentException e) {
                throw new FetchException(FetchException.Reason.PLACED_FILE, sidecarFile + " is not a checksum file of "
                        + archive.fileName() + ": " + e.getMessage(), "replace it with " + archive.sidecarUri()
                        + " or delete it", null);
            }
        }
        return check(archive, sums[0], sums[1], sidecar, zip.toString(), true);
    }

    private static Checksum[] digests(Path file) {
        MessageDigest md5 = Checksum.Algorithm.MD5.digest();
        MessageDigest sha = Checksum.Algorithm.SHA_256.digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md5.update(buffer, 0, n);
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Checksum[] {Checksum.of(md5, Checksum.Algorithm.MD5),
            Checksum.of(sha, Checksum.Algorithm.SHA_256)};
    }

    private Verification verifyPlacedDirectory(MovieLens dataset, Path dir) {
        Path ratings = dir.resolve(dataset.ratingsFile());
        if (!Files.isRegularFile(ratings)) {
            throw new FetchException(FetchException.Reason.PLACED_FILE, dir + " exists but was not unpacked by tacit "
                    + "and holds no " + dataset.ratingsFile(), "move the files of the unpacked " + dataset.top()
                    + " directory into it (so that " + ratings + " exists), or move it away and run the fetch again",
                    null);
        }
        if (dataset == MovieLens.ML_100K) {
            Checksum sha = Checksum.of(ratings, Checksum.Algorithm.SHA_256);
            if (!sha.hex().equals(MovieLens100k.U_DATA_SHA256)) {
                throw new FetchException(FetchException.Reason.PLACED_FILE, ratings + " has SHA-256 " + sha.hex()
                        + ", not the official u.data's " + MovieLens100k.U_DATA_SHA256, "replace " + dir + " with the "
                        + "unpacked official archive, or use a modified copy directly with --data-dir", null);
            }
            return new Verification(Optional.empty(), Optional.empty(), true, "placed directory: u.data is byte for "
                    + "byte the official file (SHA-256)");
        }
        MovieLensRatings loaded = MovieLensRatings.load(dataset, dir);
        if (loaded.size() != dataset.expectedRatings()) {
            throw new FetchException(FetchException.Reason.PLACED_FILE, ratings + " holds " + loaded.size()
                    + " ratings; the official " + dataset.title() + " has " + dataset.expectedRatings(),
                    "replace " + dir + " with the " + dataset.top() + " directory of the official archive, or move it "
                            + "away and run the fetch again", null);
        }
        return new Verification(Optional.empty(), Optional.empty(), true, "placed directory: "
                + dataset.ratingsFile() + " parsed strictly, " + loaded.size() + " ratings as the release states (no "
                + "archive, so no checksum)");
    }

    // ---------------------------------------------------------------------------------------------- download

    private Verification download(DatasetArchive archive, HttpClient client, Path zip, Consumer<String> progress) {
        Optional<String> sidecarText = downloadSidecar(archive, client);
        Optional<Checksum> sidecar;
        try {
            sidecar = sidecarText.map(t -> Checksum.parseMd5File(t, archive.fileName()));
        } catch (IllegalArgumentException e) {
            throw new FetchException(FetchException.Reason.CHECKSUM, "the checksum file " + archive.sidecarUri()
                    + " cannot be read: " + e.getMessage(), "try again later, or " + handPlacement(archive), null);
        }
        if (sidecar.isEmpty() && archive.sidecarRequired()) {
            throw new FetchException(FetchException.Reason.NETWORK, "could not download " + archive.sidecarUri()
                    + ": the server has no checksum file for " + archive.fileName() + " (HTTP 404), and an archive of "
                    + archive.name() + " is used only when it matches the publisher's MD5", handPlacement(archive),
                    null);
        }
        progress.accept("downloading " + archive.uri());
        Path part = null;
        try {
            part = Files.createTempFile(root, "." + archive.fileName() + ".", ".part");
            HttpRequest request = HttpRequest.newBuilder(archive.uri()).timeout(stallTimeout).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest md5 = Checksum.Algorithm.MD5.digest();
            MessageDigest sha = Checksum.Algorithm.SHA_256.digest();
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new FetchException(FetchException.Reason.NETWORK, "could not download " + archive.uri()
                            + ": the server answered HTTP " + response.statusCode(), handPlacement(archive), null);
                }
                long length = response.headers().firstValueAsLong("content-length").orElse(-1);
                try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE);
                     OutputStream out = Channels.newOutputStream(channel)) {
                    long got = copy(in, out, md5, sha, length, archive, progress);
                    if (length >= 0 && got != length) {
                        throw new FetchException(FetchException.Reason.NETWORK, "the download of " + archive.uri()
                                + " ended after " + got + " of " + length + " bytes", "try again later, or "
                                + handPlacement(archive), null);
                    }
                    out.flush();
                    channel.force(true);
                }
            }
            Verification v = check(archive, Checksum.of(md5, Checksum.Algorithm.MD5),
                    Checksum.of(sha, Checksum.Algorithm.SHA_256), sidecar, "the file downloaded from "
                            + archive.uri(), false);
            move(part, zip);
            part = null;
            if (sidecarText.isPresent()) {
                writeDurably(sidecarPath(archive), sidecarText.get());
            }
            progress.accept("saved " + zip + " (" + v.how() + ")");
            return v;
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

    /** @return the checksum file's text, or empty if the server has none (HTTP 404 or 410) */
    private Optional<String> downloadSidecar(DatasetArchive archive, HttpClient client) {
        URI uri = archive.sidecarUri();
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(stallTimeout).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                int status = response.statusCode();
                if (status == 404 || status == 410) {
                    return Optional.empty();
                }
                if (status != 200) {
                    throw new FetchException(FetchException.Reason.NETWORK, "could not download " + uri + ": the "
                            + "server answered HTTP " + status, handPlacement(archive), null);
                }
                return Optional.of(new String(readAtMost(in, 1 << 16), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new FetchException(FetchException.Reason.NETWORK, "could not download " + uri + ": " + describe(e),
                    handPlacement(archive), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Reason.NETWORK, "the download of " + uri + " was interrupted",
                    handPlacement(archive), e);
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        try (in) {
            return in.readNBytes(limit);
        }
    }

    /**
     * Copies the body while a watchdog closes it if no byte arrives within the stall timeout (a read of the HTTP
     * client's stream otherwise waits for ever on a server that stops sending).
     */
    private long copy(InputStream in, OutputStream out, MessageDigest md5, MessageDigest sha, long length,
                      DatasetArchive archive, Consumer<String> progress) throws IOException {
        AtomicLong received = new AtomicLong();
        AtomicBoolean stalled = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tacit-download-watchdog");
            t.setDaemon(true);
            return t;
        });
        long stallNanos = stallTimeout.toNanos();
        long[] last = {-1, System.nanoTime()};
        long period = Math.max(10, stallTimeout.toMillis() / 8);
        watchdog.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long seen = received.get();
            if (seen != last[0]) {
                last[0] = seen;
                last[1] = now;
            } else if (now - last[1] >= stallNanos && stalled.compareAndSet(false, true)) {
                try {
                    in.close();
                } catch (IOException e) {
                    // closing is only a way to wake the reader; it sees the stall flag either way
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        long total = 0;
        try {
            boolean report = length < 0 || length >= PROGRESS_FROM;
            int reported = 0;
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0 && !stalled.get(); n = in.read(buffer)) {
                out.write(buffer, 0, n);
                md5.update(buffer, 0, n);
                sha.update(buffer, 0, n);
                total += n;
                received.set(total);
                if (report && length > 0 && total * 10 / length > reported && total < length) {
                    reported = (int) (total * 10 / length);
                    progress.accept(String.format(Locale.ROOT, "  %.1f of %.1f MB (%d%%)", total / 1e6, length / 1e6,
                            total * 100 / length));
                } else if (report && length < 0 && total / 10_000_000 > reported) {
                    reported = (int) (total / 10_000_000);
                    progress.accept(String.format(Locale.ROOT, "  %.1f MB", total / 1e6));
                }
            }
        } catch (IOException e) {
            if (!stalled.get()) {
                throw e;
            }
        } finally {
            watchdog.shutdownNow();
        }
        if (stalled.get()) {
            throw new FetchException(FetchException.Reason.NETWORK, "the download of " + archive.uri() + " stalled: "
                    + "nothing arrived for " + seconds(stallTimeout) + " s after " + total + " of "
                    + (length < 0 ? "an unknown number of" : Long.toString(length)) + " bytes",
                    "try again later, or " + handPlacement(archive), null);
        }
        return total;
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }

    // ---------------------------------------------------------------------------------------------- unpacking

    private void unpack(DatasetArchive archive, Path zip, Verification verified, Source source,
                        Consumer<String> progress) {
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
        MovieLens dataset = archive.dataset();
        Path temp = null;
        try {
            temp = Files.createTempDirectory(root, "." + archive.name() + ".");
            int files = extract(archive, zip, temp, source);
            Path unpacked = temp.resolve(dataset.top());
            if (files == 0 || !Files.isRegularFile(unpacked.resolve(dataset.ratingsFile()))) {
                throw unusable(archive, zip, source, "has no " + dataset.top() + "/" + dataset.ratingsFile(), null);
            }
            writeMarker(unpacked, verified);
            syncDirectory(unpacked);
            move(unpacked, target);
            syncDirectory(root);
            progress.accept("unpacked " + files + " files into " + target);
        } catch (IOException e) {
            throw new FetchException(FetchException.Reason.ARCHIVE, "cannot unpack " + zip + " into " + root + " ("
                    + describe(e) + ")", "check that the cache directory is writable and has space", e);
        } finally {
            if (temp != null) {
                deleteTree(temp);
            }
        }
    }

    /**
     * Unpacks every entry, checking each one's CRC. The archive is opened through its central directory, so a
     * truncated archive is refused even when a checksum file was made from it. A problem reading the archive is the
     * archive's fault, one writing is the cache's.
     */
    private int extract(DatasetArchive archive, Path zip, Path temp, Source source) throws IOException {
        ZipFile file;
        try {
            file = new ZipFile(zip.toFile());
        } catch (IOException bad) {
            throw unusable(archive, zip, source, "is not a valid zip archive (" + describe(bad) + ")", bad);
        }
        int files = 0;
        byte[] buffer = new byte[1 << 16];
        try (file) {
            for (ZipEntry e : java.util.Collections.list(file.entries())) {
                Path out = temp.resolve(e.getName()).normalize();
                if (!out.startsWith(temp) || out.equals(temp)) {
                    throw unusable(archive, zip, source, "holds an entry outside its directory: '" + e.getName() + "'",
                            null);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                CRC32 crc = new CRC32();
                try (InputStream in = file.getInputStream(e);
                     FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE_NEW,
                             StandardOpenOption.WRITE); OutputStream sink = Channels.newOutputStream(channel)) {
                    while (true) {
                        int n;
                        try {
                            n = in.read(buffer);
                        } catch (IOException bad) {
                            throw unusable(archive, zip, source, "is not a valid zip archive (" + describe(bad)
                                    + " in " + e.getName() + ")", bad);
                        }
                        if (n < 0) {
                            break;
                        }
                        crc.update(buffer, 0, n);
                        sink.write(buffer, 0, n);
                    }
                    channel.force(true);
                }
                if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
                    throw unusable(archive, zip, source, "is damaged: the CRC of " + e.getName() + " does not match",
                            null);
                }
                files++;
            }
        }
        return files;
    }

    /**
     * An archive that passed its checksums but cannot be used: a downloaded one is deleted (exit code 1), a placed
     * one is left for the user (exit code 2).
     */
    private FetchException unusable(DatasetArchive archive, Path zip, Source source, String problem, Throwable cause) {
        if (source == Source.DOWNLOADED) {
            deleteQuietly(zip);
            deleteQuietly(sidecarPath(archive));
            return new FetchException(FetchException.Reason.ARCHIVE, "the archive downloaded from " + archive.uri()
                    + " " + problem + "; it was deleted", "use the official archive from " + archive.uri()
                    + " (or report the problem if that is where it came from)", cause);
        }
        return new FetchException(FetchException.Reason.PLACED_FILE, zip + " " + problem, "delete it and run the "
                + "fetch again, or replace it with the official archive from " + archive.uri(), cause);
    }

    // ---------------------------------------------------------------------------------------------- marker

    private static void writeMarker(Path dir, Verification v) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        v.sha256().ifPresent(c -> fields.put("sha256", c.hex()));
        v.md5().ifPresent(c -> fields.put("md5", c.hex()));
        fields.put("official", Boolean.toString(v.official()));
        fields.put("how", v.how().replace('\n', ' '));
        StringBuilder text = new StringBuilder("# written by tacit data fetch: how this directory was verified\n");
        fields.forEach((k, value) -> text.append(k).append('=').append(value).append('\n'));
        writeDurably(dir.resolve(MARKER), text.toString());
    }

    private static Verification readMarker(MovieLens dataset, String text) {
        String trimmed = text.trim();
        if (trimmed.matches("[0-9a-fA-F]{64}")) {
            // The marker of earlier versions: the archive's SHA-256 alone.
            Checksum sha = Checksum.sha256(trimmed);
            return new Verification(Optional.empty(), Optional.of(sha), sha.equals(dataset.pinned()),
                    "SHA-256 of the archive (recorded by an earlier version)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : trimmed.split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return new Verification(Optional.ofNullable(fields.get("md5")).map(Checksum::md5),
                Optional.ofNullable(fields.get("sha256")).map(Checksum::sha256),
                Boolean.parseBoolean(fields.get("official")), fields.getOrDefault("how", "unknown"));
    }

    private static void writeDurably(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    // ---------------------------------------------------------------------------------------------- files

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
        return Checksum.of(file, Checksum.Algorithm.SHA_256).hex();
    }

    private static long size(Path path) {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
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
