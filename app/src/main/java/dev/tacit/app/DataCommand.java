package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.data.io.Json;
import dev.tacit.data.movielens.DatasetArchive;
import dev.tacit.data.movielens.DatasetCache;
import dev.tacit.data.movielens.MovieLens;
import dev.tacit.data.movielens.MovieLens100k;
import dev.tacit.data.movielens.MovieLensRatings;
import dev.tacit.data.movielens.RatingScale;
import dev.tacit.data.synth.SynthReport;
import dev.tacit.data.synth.SynthSpec;
import dev.tacit.data.synth.SyntheticRatings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tacit data}: datasets. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Datasets: fetch and verify the MovieLens family, list what is cached, generate rating data.",
        subcommands = {DataCommand.Fetch.class, DataCommand.ListDatasets.class, DataCommand.Info.class,
            DataCommand.Synth.class})
final class DataCommand implements Runnable {

    /** The environment variable naming a mirror of the MovieLens archives (as {@code --base-url}). */
    static final String BASE_URL_ENV = "TACIT_MOVIELENS_BASE_URL";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    TacitCommand parent;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required, for example 'tacit data fetch ml-100k' or 'tacit data list'");
    }

    private static MovieLens dataset(CommandLine.Model.CommandSpec spec, String name) {
        return MovieLens.byId(name).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "unknown dataset '" + name + "'; the datasets are " + MovieLens.ids()));
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** {@code tacit data fetch NAME}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Download a MovieLens release's official archive and the publisher's checksum file next to "
                    + "it (<name>.zip.md5) into the cache, verify the archive against that file and the checksum "
                    + "Tacit pins, unpack it, check that its ratings load, and show its licence and citation. Works "
                    + "offline once the dataset is cached.",
                    "Without network access: download the archive (and its .md5 file) elsewhere and copy them into the "
                            + "cache directory, or put the unpacked release there as <cache>/<name>/ (the error "
                            + "message says where); then run this again. Progress goes to standard error."},
            footer = {"", "Exit codes: 0 ready, 1 the download failed or did not verify, 2 bad usage or a wrong file "
                    + "placed in the cache."})
    static final class Fetch implements Callable<Integer> {

        @CommandLine.ParentCommand
        DataCommand data;

        @Parameters(paramLabel = "DATASET", description = "The dataset: ml-100k, ml-1m, ml-10m, ml-20m, ml-25m or "
                + "ml-32m ('tacit data list' shows them).")
        String dataset;

        @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache directory. Default: $"
                + DataLocation.ENV + ", else $XDG_CACHE_HOME/tacit, else ~/.cache/tacit.")
        Path cacheDir;

        @Option(names = "--base-url", paramLabel = "URL", description = "Download <URL>/<name>.zip and its .md5 from "
                + "this mirror of https://files.grouplens.org/datasets/movielens/ instead. Default: $"
                + BASE_URL_ENV + ", else GroupLens.")
        URI baseUrl;

        @Option(names = "--trust-sidecar", description = "Accept an archive that matches the checksum file next to "
                + "it but not the checksum Tacit pins (a re-release, a private mirror); the cache records it as not "
                + "the official archive.")
        boolean trustSidecar;

        @Option(names = "--url", hidden = true, description = "Download the archive from this address (tests).")
        URI url;

        @Option(names = "--sha256", hidden = true, description = "The checksum the file at --url must have.")
        String sha256;

        @Option(names = "--stall-timeout", hidden = true, paramLabel = "SECONDS", defaultValue = "60",
                description = "Abandon a download that receives nothing for this long (tests).")
        double stallSeconds;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            MovieLens release = dataset(spec, dataset);
            if ((url == null) != (sha256 == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--url and --sha256 go together");
            }
            if (!(stallSeconds > 0)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--stall-timeout must be positive");
            }
            DatasetArchive archive = release.archive();
            URI base = baseUrl != null ? baseUrl : Optional.ofNullable(System.getenv(BASE_URL_ENV))
                    .filter(s -> !s.isBlank()).map(URI::create).orElse(null);
            try {
                if (base != null) {
                    archive = archive.from(base);
                }
                if (url != null) {
                    archive = archive.at(url, sha256);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (trustSidecar) {
                archive = archive.trustingSidecar();
            }
            DatasetCache cache = DataLocation.cache(cacheDir, System.getenv())
                    .withStallTimeout(Duration.ofMillis((long) (stallSeconds * 1000)));
            TacitCommand top = data.parent;
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            DatasetCache.Outcome outcome = cache.fetch(archive, client, line -> top.err.println("tacit: " + line));
            PrintWriter out = top.out;
            out.println(release.id() + " is ready in " + outcome.directory()
                    + (outcome.source() == DatasetCache.Source.CACHED ? " (already cached, nothing downloaded)" : ""));
            out.println("  verified: " + outcome.verification().how()
                    + (outcome.verification().official() ? "" : " (not the official archive)"));
            if (release == MovieLens.ML_100K) {
                MovieLens100k loaded = MovieLens100k.load(outcome.directory());
                out.println("  " + loaded.size() + " ratings of " + loaded.users() + " users on " + loaded.items()
                        + " items; u.data SHA-256 " + loaded.sha256() + (loaded.official() ? " (official)" : ""));
                out.println("  fit it with: tacit fit --ratings " + outcome.directory().resolve(release.ratingsFile()));
            } else {
                MovieLensRatings loaded = MovieLensRatings.load(release, outcome.directory());
                out.println("  " + loaded.size() + " ratings of " + loaded.users() + " users on " + loaded.items()
                        + " items, " + release.scale() + (loaded.size() == release.expectedRatings()
                        ? " (as the release states)" : " (the official release has " + release.expectedRatings()
                        + ")"));
                out.println("  fit it with: tacit fit --ratings " + outcome.directory().resolve(release.ratingsFile()));
            }
            out.println();
            out.println("Licence: " + release.licence());
            out.println();
            out.println("Cite: " + MovieLens.CITATION);
            return 0;
        }
    }

    /** {@code tacit data list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List the MovieLens releases Tacit knows, whether each is in the cache and verified, and "
                    + "the space it takes.")
    static final class ListDatasets implements Callable<Integer> {

        @CommandLine.ParentCommand
        DataCommand data;

        @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache directory (as for 'data fetch').")
        Path cacheDir;

        @Option(names = "--json", description = "One JSON object per dataset, one per line.")
        boolean json;

        @Override
        public Integer call() {
            DatasetCache cache = DataLocation.cache(cacheDir, System.getenv());
            PrintWriter out = data.parent.out;
            if (!json) {
                out.println("Cache: " + cache.root());
                out.println(String.format(Locale.ROOT, "%-8s %11s  %-6s %-12s %10s  %s", "DATASET", "RATINGS",
                        "SCALE", "FILE", "SIZE", "STATUS"));
            }
            for (MovieLens m : MovieLens.values()) {
                DatasetCache.Status s = cache.status(m);
                if (json) {
                    out.println(Json.write(Info.fields(m, s)));
                } else {
                    out.println(String.format(Locale.ROOT, "%-8s %,11d  %-6s %-12s %10s  %s", m.id(),
                            m.expectedRatings(), m.scale().label(), m.ratingsFile(),
                            s.bytes() == 0 ? "-" : megabytes(s.bytes()), status(s)));
                }
            }
            if (!json) {
                out.println();
                out.println("Every release may be used for research only, under the licence in its README ('tacit data "
                        + "info NAME' summarises it). Cite: " + MovieLens.CITATION);
            }
            return 0;
        }

        static String status(DatasetCache.Status s) {
            if (s.verification().isPresent()) {
                return s.verification().get().official() ? "cached, verified"
                        : "cached, verified against its checksum file, not the official archive";
            }
            return s.archivePresent() ? "archive placed, not yet verified (run 'tacit data fetch " + s.dataset().id()
                    + "')" : Files.isDirectory(s.directory()) ? "directory placed, not yet verified (run 'tacit data "
                    + "fetch " + s.dataset().id() + "')" : "not cached";
        }
    }

    /** {@code tacit data info NAME}. */
    @Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Show everything Tacit knows about one MovieLens release: its archive, checksums, layout, "
                    + "scale, where it is cached, its licence and citation.")
    static final class Info implements Callable<Integer> {

        @CommandLine.ParentCommand
        DataCommand data;

        @Parameters(paramLabel = "DATASET", description = "The dataset, for example ml-25m.")
        String dataset;

        @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache directory (as for 'data fetch').")
        Path cacheDir;

        @Option(names = "--json", description = "As one JSON object.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            MovieLens m = dataset(spec, dataset);
            DatasetCache cache = DataLocation.cache(cacheDir, System.getenv());
            DatasetCache.Status s = cache.status(m);
            PrintWriter out = data.parent.out;
            if (json) {
                out.println(Json.write(fields(m, s)));
                return 0;
            }
            DatasetArchive a = m.archive();
            out.println(m.title() + " (" + m.id() + ")");
            out.println("  archive:     " + m.uri());
            out.println("  checksums:   " + a.sidecarUri() + " (the publisher's), and pinned " + m.pinned()
                    + (m.pinVerified() ? " (pinned by the project)"
                    : " (quoted by third parties, not verified by the project: both must match)"));
            out.println("  unpacks to:  " + m.top() + "/" + m.ratingsFile() + (m.top().equals(m.id()) ? ""
                    : " (kept in the cache as " + m.id() + "/)"));
            out.println("  layout:      " + m.layout().describe() + ", for example '"
                    + m.layout().example().replace("\t", "<TAB>") + "'");
            out.println("  scale:       " + m.scale());
            out.println("  ratings:     " + String.format(Locale.ROOT, "%,d", m.expectedRatings()));
            out.println("  titles:      " + m.itemsFile());
            out.println("  cache:       " + s.directory() + ": " + ListDatasets.status(s)
                    + (s.bytes() > 0 ? ", " + megabytes(s.bytes()) : ""));
            s.verification().ifPresent(v -> out.println("  verified:    " + v.how()));
            out.println("  place by hand: " + cache.handPlacement(a));
            if (s.verification().isPresent()) {
                out.println("  fit it with: tacit fit --ratings " + s.directory().resolve(m.ratingsFile()));
            }
            out.println();
            out.println("Licence: " + m.licence());
            out.println();
            out.println("Cite: " + MovieLens.CITATION);
            return 0;
        }

        static Map<String, Object> fields(MovieLens m, DatasetCache.Status s) {
            Map<String, Object> f = new java.util.LinkedHashMap<>();
            f.put("name", m.id());
            f.put("title", m.title());
            f.put("url", m.uri().toString());
            f.put("checksum_file", m.archive().sidecarUri().toString());
            f.put("pinned", m.pinned().toString());
            f.put("pin_verified", m.pinVerified());
            f.put("ratings_file", m.top() + "/" + m.ratingsFile());
            f.put("layout", m.layout().name().toLowerCase(Locale.ROOT));
            f.put("delimiter", m.layout().delimiter());
            f.put("header", m.layout().header().orElse(null));
            f.put("scale", m.scale().label());
            f.put("ratings", m.expectedRatings());
            f.put("titles_file", m.itemsFile());
            f.put("directory", s.directory().toString());
            f.put("cached", s.verification().isPresent());
            f.put("official", s.verification().map(v -> v.official()).orElse(false));
            f.put("verified", s.verification().map(v -> v.how()).orElse(null));
            f.put("bytes", s.bytes());
            f.put("citation", MovieLens.CITATION);
            return f;
        }
    }

    /** {@code tacit data synth}. */
    @Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Generate realistic rating data at any size: heavy-tailed (log-normal) user and item "
                    + "activity like MovieLens's, ratings from a known model μ + b_u + b_i + ⟨p_u, q_i⟩ + noise "
                    + "quantised to the star scale, no repeated (user, item) pair, the same file for the same seed.",
                    "Writes a CSV 'user,item,rating' (gzipped if FILE ends in .gz) atomically, and FILE.json with the "
                            + "settings and the noise floor: the RMSE of the best possible predictor on held-out "
                            + "ratings. 'tacit fit --ratings FILE' reads it."},
            footer = {"", "Example, MovieLens-25M's size: tacit data synth --ratings 25000095 --users 162541 --items "
                    + "62423 --scale half --out ml25m-like.csv", "",
                    "Exit codes: 0 written, 1 the file could not be written, 2 bad usage."})
    static final class Synth implements Callable<Integer> {

        @CommandLine.ParentCommand
        DataCommand data;

        @Option(names = "--ratings", paramLabel = "N", defaultValue = "1000209",
                description = "Number of ratings. Default: ${DEFAULT-VALUE} (MovieLens-1M's).")
        long ratings;

        @Option(names = "--users", paramLabel = "U", defaultValue = "6040",
                description = "Number of users; each gets at least --min-per-user ratings. Default: ${DEFAULT-VALUE}.")
        int users;

        @Option(names = "--items", paramLabel = "I", defaultValue = "3706",
                description = "Number of items (the least popular may get no rating). Default: ${DEFAULT-VALUE}.")
        int items;

        @Option(names = "--rank", paramLabel = "R", defaultValue = "" + SynthSpec.DEFAULT_RANK,
                description = "Rank of the interaction ⟨p_u, q_i⟩. Default: ${DEFAULT-VALUE}.")
        int rank;

        @Option(names = "--noise", paramLabel = "S", defaultValue = "" + SynthSpec.DEFAULT_NOISE,
                description = "Standard deviation of the noise before quantisation. Default: ${DEFAULT-VALUE}.")
        double noise;

        @Option(names = "--seed", paramLabel = "X", defaultValue = "0", description = "Seed. Default: 0.")
        long seed;

        @Option(names = "--scale", paramLabel = "1-5|half", defaultValue = "1-5",
                description = "1-5: whole stars (MovieLens-100K, -1M); half: 0.5 to 5 in half stars (-10M and "
                        + "later). Default: ${DEFAULT-VALUE}.")
        String scale;

        @Option(names = "--user-skew", paramLabel = "σ", defaultValue = "" + SynthSpec.DEFAULT_USER_SKEW,
                description = "σ of the users' log-normal activity; 0 for equal activity. Default: ${DEFAULT-VALUE} "
                        + "(fitted to MovieLens-100K).")
        double userSkew;

        @Option(names = "--item-skew", paramLabel = "σ", defaultValue = "" + SynthSpec.DEFAULT_ITEM_SKEW,
                description = "σ of the items' log-normal popularity; 0 for equal popularity. Default: "
                        + "${DEFAULT-VALUE} (fitted to MovieLens-100K).")
        double itemSkew;

        @Option(names = "--min-per-user", paramLabel = "M", description = "Ratings every user has at least. Default: "
                + "20 (MovieLens's floor) where the density allows, else half the mean per user.")
        Integer minPerUser;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "The CSV file to write; .gz "
                + "compresses it.")
        Path out;

        @Option(names = "--json", description = "Print the settings and figures as JSON (as FILE.json holds them).")
        boolean json;

        @Option(names = "--quiet", description = "No progress on standard error.")
        boolean quiet;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RatingScale s = RatingScale.parse(scale).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "--scale must be 1-5 or half, got '" + scale + "'"));
            if (users < 1 || items < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--users and --items must be at least 1");
            }
            int min = minPerUser != null ? minPerUser : SynthSpec.defaultMinPerUser(ratings, users, items);
            SynthSpec settings = SynthSpec.of(ratings, users, items).withMinPerUser(min).withRank(rank)
                    .withNoise(noise).withSeed(seed).withScale(s).withSkew(userSkew, itemSkew);
            Path dir = out.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new UsageException("--out " + out + ": the directory " + dir + " does not exist; create it "
                        + "first");
            }
            // Both files it writes, before minutes of generating: a device or a directory would fail only then.
            OutputFiles.check("--out", out);
            OutputFiles.check("--out", Path.of(out + ".json"));
            TacitCommand top = data.parent;
            if (!quiet) {
                top.err.println(String.format(Locale.ROOT, "tacit: generating %,d ratings of %,d users on %,d items "
                        + "into %s", ratings, users, items, out));
            }
            SynthReport report;
            try {
                report = SyntheticRatings.of(settings).write(out, line -> {
                    if (!quiet) {
                        top.err.println("tacit: " + line);
                    }
                });
            } catch (NoSuchFileException | AccessDeniedException e) {
                throw new UsageException("--out " + out + ": cannot write there (" + e.getMessage() + ")");
            } catch (IOException e) {
                top.err.println("tacit: could not write " + out + ": " + e);
                top.err.println("  try: check the free space and permissions of " + dir);
                return Main.FAILURE;
            }
            if (json) {
                top.out.println(Json.write(report.toMap()));
                return 0;
            }
            top.out.println(String.format(Locale.ROOT, "wrote %,d ratings of %,d users on %,d items (%,d rated) to %s,"
                    + " %s in %.1f s", report.ratings(), report.users().active(), items, report.items().active(), out,
                    megabytes(report.bytes()), report.seconds()));
            top.out.println(String.format(Locale.ROOT, "  scale %s, rank %d, noise %.3g, seed %d; mean rating %.3f, "
                    + "sd %.3f", s.label(), rank, noise, seed, report.ratingMean(), report.ratingSd()));
            top.out.println(String.format(Locale.ROOT, "  ratings per user: median %.0f, max %,d, Gini %.2f; per "
                    + "item: median %.0f, max %,d, Gini %.2f", report.users().median(), report.users().max(),
                    report.users().gini(), report.items().median(), report.items().max(), report.items().gini()));
            top.out.println(String.format(Locale.ROOT, "  noise floor (RMSE of the best predictor on held-out "
                    + "ratings): %.4f; RMSE of the true score clipped to the scale: %.4f", report.noiseFloor(),
                    report.trueScoreRmse()));
            top.out.println("  settings and figures: " + SyntheticRatings.metadataFile(out));
            top.out.println("  fit it with: tacit fit --ratings " + out);
            return 0;
        }
    }
}
