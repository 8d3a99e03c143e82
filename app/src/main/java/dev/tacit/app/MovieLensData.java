package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.data.movielens.MovieLens100k;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say where MovieLens-100K comes from, shared by the commands that train on it. */
final class MovieLensData {

    @Option(names = "--data-dir", paramLabel = "PATH",
            description = "An unpacked ml-100k directory (or its parent) or ml-100k.zip. Default: the cache.")
    Path dataDir;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache of 'tacit data fetch'. Default: $"
            + DataLocation.ENV + ", else $XDG_CACHE_HOME/tacit, else ~/.cache/tacit.")
    Path cacheDir;

    /**
     * @return the dataset from {@code --data-dir}, or from the cache when it has been fetched
     * @throws UsageException if neither is available
     */
    MovieLens100k load() {
        return DataLocation.movieLens(dataDir, cacheDir);
    }
}
