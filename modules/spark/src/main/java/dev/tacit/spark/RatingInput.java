package dev.tacit.spark;

import dev.tacit.api.UsageException;
import dev.tacit.data.RatingSet;
import dev.tacit.data.movielens.MovieLens100k;
import dev.tacit.data.movielens.Split;
import dev.tacit.data.movielens.SplitSpec;
import dev.tacit.data.ratings.RatingFile;
import dev.tacit.data.ratings.RatingsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rating data of a command and its split, read by Tacit's own loaders and split by Tacit's own {@link Split}, so
 * that a model trained on Spark sees exactly the training, validation and test ratings {@code tacit fit} and
 * {@code tacit movielens} see for the same options and seed.
 *
 * @param data       the ratings
 * @param splitText  the split as the user wrote it
 * @param split      the rating indices of each part
 * @param validation the share of the training ratings held out for validation
 * @param seed       the seed of the split
 */
record RatingInput(RatingSet data, String splitText, Split split, double validation, long seed) {

    /** The options every command on rating data takes. */
    static final java.util.Set<String> OPTIONS = java.util.Set.of("--data-dir", "--ratings", "--split", "--validation",
            "--seed");

    /** What {@code --help} says of them. */
    static final String HELP = """
              --data-dir PATH    MovieLens-100K: an unpacked ml-100k directory, one holding it, or ml-100k.zip
              --ratings FILE     or a ratings file as 'tacit fit' reads it (user, item, rating; delimiter and header
                                 detected; .gz read as is)
              --split S          0.9 (a random 90:10 split, the default), 0.8, u1..u5, ua, ub, kfold:K:I
              --validation F     share of the training ratings held out for validation (default 0.05)
              --seed S           seed of the split, as for 'tacit fit' and 'tacit movielens' (default 0)
            """;

    /**
     * @param a the command's arguments
     * @return the data and its split
     * @throws UsageException if the data is not given exactly once, or a setting is bad
     * @throws IOException    if the ratings file cannot be read
     */
    static RatingInput of(Arguments a) throws IOException {
        Optional<String> dir = a.value("--data-dir");
        Optional<String> file = a.value("--ratings");
        if (dir.isPresent() == file.isPresent()) {
            throw new UsageException(a.command() + " needs exactly one of --data-dir (MovieLens-100K) and --ratings "
                    + "FILE");
        }
        Path path = Path.of(dir.orElseGet(file::get));
        if (!Files.isReadable(path)) {
            throw new UsageException((dir.isPresent() ? "--data-dir " : "--ratings ") + path + ": no such readable "
                    + (dir.isPresent() ? "directory or archive" : "file"));
        }
        RatingSet data = dir.isPresent() ? MovieLens100k.load(Path.of(dir.get()))
                : RatingFile.of(RatingsReader.read(Path.of(file.get())));
        String splitText = a.value("--split").orElse("0.9");
        SplitSpec spec = SplitSpec.parse(splitText);
        if (spec instanceof SplitSpec.All) {
            throw new UsageException("--split all leaves no test ratings to score; use a fraction such as 0.9");
        }
        double validation = a.real("--validation", 0.05, 0, false);
        long seed = a.integer("--seed", 0, 0);
        return new RatingInput(data, splitText, Split.of(data, spec, validation, seed), validation, seed);
    }

    /** @return the data and the split, for the JSON output */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>(data.describe());
        m.put("split", splitText);
        m.put("validation", validation);
        m.put("seed", seed);
        m.put("train", split.train().length);
        m.put("validation_ratings", split.validation().length);
        m.put("test", split.test().length);
        return m;
    }
}
