package dev.tacit.app;

import dev.tacit.data.movielens.DatasetArchive;
import dev.tacit.data.movielens.DatasetCache;
import dev.tacit.data.movielens.MovieLens100k;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tacit data}: datasets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Datasets: fetch and verify them.",
        subcommands = {DataCommand.Fetch.class})
final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required, for example 'tacit data fetch ml-100k'");
    }

    /** {@code tacit data fetch ml-100k}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Download a dataset's official archive into the cache, verify its SHA-256, unpack it and "
                    + "show its licence and citation. Works offline once the dataset is cached.",
                    "Without network access: download the archive elsewhere and copy it into the cache directory "
                            + "(the error message says where), then run this again."},
            footer = {"", "Exit codes: 0 done, 1 the download failed or did not verify, 2 bad usage or a wrong file "
                    + "placed in the cache."})
    static final class Fetch implements Callable<Integer> {

        @CommandLine.ParentCommand
        DataCommand data;

        @Parameters(paramLabel = "DATASET", description = "The dataset: ml-100k (MovieLens-100K, 4.9 MB).")
        String dataset;

        @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache directory. Default: $"
                + DataLocation.ENV + ", else $XDG_CACHE_HOME/tacit, else ~/.cache/tacit.")
        Path cacheDir;

        @Option(names = "--url", hidden = true, description = "Download from this address instead (a mirror; tests).")
        URI url;

        @Option(names = "--sha256", hidden = true, description = "The checksum the file at --url must have.")
        String sha256;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!dataset.equals(MovieLens100k.NAME)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown dataset '" + dataset
                        + "'; the only one is " + MovieLens100k.NAME);
            }
            if ((url == null) != (sha256 == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--url and --sha256 go together");
            }
            DatasetArchive archive;
            try {
                archive = url == null ? DatasetArchive.ML_100K : DatasetArchive.ML_100K.at(url, sha256);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--sha256: " + e.getMessage());
            }
            DatasetCache cache = DataLocation.cache(cacheDir, System.getenv());
            TacitCommand top = data.parent;
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            DatasetCache.Outcome outcome = cache.fetch(archive, client, line -> top.err.println("tacit: " + line));
            MovieLens100k loaded = MovieLens100k.load(outcome.directory());
            top.out.println(MovieLens100k.NAME + " is ready in " + outcome.directory()
                    + (outcome.source() == DatasetCache.Source.CACHED ? " (already cached, nothing downloaded)" : ""));
            top.out.println("  " + loaded.size() + " ratings of " + loaded.users() + " users on " + loaded.items()
                    + " items; u.data SHA-256 " + loaded.sha256() + (loaded.official() ? " (official)" : ""));
            top.out.println();
            top.out.println("Licence: " + MovieLens100k.LICENCE);
            top.out.println();
            top.out.println("Cite: " + MovieLens100k.CITATION);
            return 0;
        }
    }

    @CommandLine.ParentCommand
    TacitCommand parent;
}
