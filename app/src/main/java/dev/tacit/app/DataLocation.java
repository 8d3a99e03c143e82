package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.data.movielens.DatasetArchive;
import dev.tacit.data.movielens.DatasetCache;
import dev.tacit.data.movielens.MovieLens100k;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where datasets are: an explicit {@code --data-dir}, or the cache. The cache directory is, in this order,
 * {@code --cache-dir}, the environment variable {@value #ENV}, {@code $XDG_CACHE_HOME/tacit}, or
 * {@code ~/.cache/tacit}.
 */
final class DataLocation {

    /** The environment variable naming the cache directory. */
    static final String ENV = "TACIT_CACHE_DIR";

    private DataLocation() {
    }

    /**
     * @param option {@code --cache-dir}, or null
     * @param env    the environment
     * @return the cache
     */
    static DatasetCache cache(Path option, Map<String, String> env) {
        if (option != null) {
            return new DatasetCache(option);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DatasetCache(Path.of(fromEnv));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return new DatasetCache(Path.of(xdg, "tacit"));
        }
        return new DatasetCache(Path.of(System.getProperty("user.home"), ".cache", "tacit"));
    }

    /**
     * Loads MovieLens-100K from {@code --data-dir}, or from the cache when it has been fetched.
     *
     * @param dataDir  {@code --data-dir}, or null
     * @param cacheDir {@code --cache-dir}, or null
     * @return the dataset
     * @throws UsageException if neither is available
     */
    static MovieLens100k movieLens(Path dataDir, Path cacheDir) {
        if (dataDir != null) {
            return MovieLens100k.load(dataDir);
        }
        DatasetCache cache = cache(cacheDir, System.getenv());
        if (!cache.isUnpacked(DatasetArchive.ML_100K)) {
            throw new UsageException("MovieLens-100K is not in the cache " + cache.root() + ": run 'tacit data fetch "
                    + MovieLens100k.NAME + "' first, or point --data-dir at an unpacked ml-100k directory or at "
                    + "ml-100k.zip");
        }
        return MovieLens100k.load(cache.directory(DatasetArchive.ML_100K));
    }
}
