package dev.tacit.data.movielens;

/**
 * A data file is not what it must be: a line that does not parse, a value out of range, a repeated rating, an empty
 * or missing file. The message names the file and line, says what is wrong and how to fix it; the command line turns
 * it into exit code 2.
 */
public final class MalformedFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String problem;
    private final String fix;

    /**
     * @param file    the file as the user knows it (a path, or {@code archive.zip!ml-100k/u.data})
     * @param line    the line, counted from 1, or 0 when the problem concerns the whole file
     * @param problem what is wrong
     * @param fix     what to do about it
     */
    public MalformedFileException(String file, long line, String problem, String fix) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem + "; " + fix);
        this.file = file;
        this.line = line;
        this.problem = problem;
        this.fix = fix;
    }

    /** @return the file, as the user knows it */
    public String file() {
        return file;
    }

    /** @return the line counted from 1, or 0 for the whole file */
    public long line() {
        return line;
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
