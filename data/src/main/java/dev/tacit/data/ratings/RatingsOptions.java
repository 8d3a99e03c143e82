package dev.tacit.data.ratings;

import java.util.Optional;

/**
 * How to read a ratings file. Every choice left empty is detected from the first lines of the file (see
 * {@link RatingsReader}); the command line fills them from {@code --delimiter}, {@code --header}, {@code --columns}
 * and {@code --duplicates}.
 *
 * @param delimiter  the field separator, or detect it
 * @param header     whether the first line names the columns, or detect it
 * @param columns    which columns to read, or find them by header name or take 1, 2, 3 (and 4 if it is a whole number)
 * @param duplicates what to do with a (user, item) pair rated twice
 */
public record RatingsOptions(Optional<Delimiter> delimiter, Optional<Boolean> header, Optional<Columns> columns,
                             Duplicates duplicates) {

    /** Detect everything; refuse duplicate pairs. */
    public static final RatingsOptions DETECT = new RatingsOptions(Optional.empty(), Optional.empty(),
            Optional.empty(), Duplicates.ERROR);

    /**
     * @throws IllegalArgumentException if a part is null, or columns are named while the file is said to have no
     *                                  header
     */
    public RatingsOptions {
        if (delimiter == null || header == null || columns == null || duplicates == null) {
            throw new IllegalArgumentException("options must not be null (use Optional.empty() to detect), got "
                    + delimiter + ", " + header + ", " + columns + ", " + duplicates);
        }
        if (header.equals(Optional.of(false)) && columns.map(Columns::byName).orElse(false)) {
            throw new IllegalArgumentException("columns " + columns.get() + " are given by name but the file has no "
                    + "header; give positions from 1 instead, or say the file has a header");
        }
    }

    /**
     * @param d the delimiter
     * @return these options with it
     */
    public RatingsOptions withDelimiter(Delimiter d) {
        return new RatingsOptions(Optional.of(d), header, columns, duplicates);
    }

    /**
     * @param h whether the first line is a header
     * @return these options with it
     */
    public RatingsOptions withHeader(boolean h) {
        return new RatingsOptions(delimiter, Optional.of(h), columns, duplicates);
    }

    /**
     * @param c the columns
     * @return these options with them
     */
    public RatingsOptions withColumns(Columns c) {
        return new RatingsOptions(delimiter, header, Optional.of(c), duplicates);
    }

    /**
     * @param d the duplicates policy
     * @return these options with it
     */
    public RatingsOptions withDuplicates(Duplicates d) {
        return new RatingsOptions(delimiter, header, columns, d);
    }
}
