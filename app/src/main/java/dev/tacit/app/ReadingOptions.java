package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.data.ratings.Columns;
import dev.tacit.data.ratings.Delimiter;
import dev.tacit.data.ratings.Duplicates;
import dev.tacit.data.ratings.RatingsOptions;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How ratings files are read ({@code fit}, {@code evaluate}): every choice left out is detected from the file's first
 * lines (docs/formats.md).
 */
final class ReadingOptions {

    @Option(names = "--delimiter", paramLabel = "SEP", description = "Field separator: comma, tab, '::', semicolon, "
            + "pipe or whitespace (or the character itself). Default: detected.")
    String delimiter;

    @Option(names = "--header", arity = "1", paramLabel = "true|false",
            description = "Whether the first line names the columns. Default: detected.")
    Boolean header;

    @Option(names = "--columns", paramLabel = "user,item,rating[,timestamp]", description = "Which columns to read, "
            + "by header name or by position from 1, in the order user, item, rating[, timestamp]. Default: found by "
            + "name (userId, movieId, rating, ...) or the first three.")
    String columns;

    @Option(names = "--duplicates", paramLabel = "error|last|mean", defaultValue = "error",
            description = "A (user, item) pair rated twice: an error, the last rating, or their mean. "
                    + "Default: ${DEFAULT-VALUE}.")
    String duplicates;

    /**
     * @return the reader's options
     * @throws UsageException naming the option if a value is not accepted
     */
    RatingsOptions options() {
        Optional<Delimiter> d = Optional.ofNullable(delimiter).map(v -> parsed("--delimiter", () -> Delimiter.parse(v)));
        Optional<Columns> c = Optional.ofNullable(columns).map(v -> parsed("--columns", () -> Columns.parse(v)));
        Duplicates dup = parsed("--duplicates", () -> Duplicates.parse(duplicates));
        return parsed("--columns", () -> new RatingsOptions(d, Optional.ofNullable(header), c, dup));
    }

    private static <T> T parsed(String option, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage(), e);
        }
    }
}
