package dev.tacit.data.format;

/**
 * The content of a data file is not what its format requires: a line that does not parse, a value out of range, a
 * repeated rating, a truncated or foreign file. Thrown by every reader of {@code dev.tacit.data.format} and
 * {@code dev.tacit.data.ratings}; the command line maps it to exit code 2 (bad input).
 *
 * <p>The message reads {@code <file>, line <l>, column <c>: <problem>; <fix>}, leaving out the line and column when
 * they do not apply, for example {@code ratings.csv, line 3, column 3: rating 'five' is not a number; give --columns
 * if the rating is another column}. The parts are also available one by one.
 *
 * <p>A failure to read the bytes at all (a missing file, a permission, a disk error) is an {@link java.io.IOException}
 * instead: the file may be fine.
 */
public final class FileFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final int column;
    private final String problem;
    private final String fix;

    /**
     * @param file    the file as the user knows it: a path, or {@code archive.npz!W.npy} for a member of an archive
     * @param line    the line counted from 1, or 0 when the problem concerns the whole file (or a binary file)
     * @param column  the column counted from 1 (a field of a delimited line, not a character), or 0 for the whole
     *                line
     * @param problem what is wrong, naming the bad value
     * @param fix     what to do about it
     * @throws IllegalArgumentException if the line or column is negative, or a text is null or blank
     */
    public FileFormatException(String file, long line, int column, String problem, String fix) {
        this(file, line, column, problem, fix, null);
    }

    /**
     * @param file    the file as the user knows it
     * @param line    the line counted from 1, or 0
     * @param column  the column counted from 1, or 0
     * @param problem what is wrong
     * @param fix     what to do about it
     * @param cause   the low-level failure behind it (a {@link java.util.zip.ZipException}, say), or null
     * @throws IllegalArgumentException if the line or column is negative, or a text is null or blank
     */
    public FileFormatException(String file, long line, int column, String problem, String fix, Throwable cause) {
        super(message(file, line, column, problem, fix), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.fix = fix;
    }

    private static String message(String file, long line, int column, String problem, String fix) {
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column count from 1 (0 = not applicable), got line " + line
                    + ", column " + column);
        }
        for (String s : new String[] {file, problem, fix}) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("file, problem and fix must be given, got '" + file + "', '"
                        + problem + "', '" + fix + "'");
            }
        }
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(", line ").append(line);
            if (column > 0) {
                sb.append(", column ").append(column);
            }
        }
        return sb.append(": ").append(problem).append("; ").append(fix).toString();
    }

    /** @return the file, as the user knows it */
    public String file() {
        return file;
    }

    /** @return the line counted from 1, or 0 for the whole file */
    public long line() {
        return line;
    }

    /** @return the column (field) counted from 1, or 0 for the whole line or file */
    public int column() {
        return column;
    }

    /** @return what is wrong */
    public String problem() {
        return problem;
    }

    /** @return how to fix it */
    public String fix() {
        return fix;
    }
}
