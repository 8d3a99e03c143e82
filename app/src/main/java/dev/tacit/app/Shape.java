package dev.tacit.app;

import picocli.CommandLine;

/**
 * A matrix size as users write it: {@code 100} for 100×100 or {@code 100x80}.
 *
 * @param rows rows
 * @param cols columns
 */
record Shape(int rows, int cols) {

    @Override
    public String toString() {
        return rows + "x" + cols;
    }

    /** Parses {@code N} or {@code MxN}. */
    static final class Converter implements CommandLine.ITypeConverter<Shape> {
        @Override
        public Shape convert(String value) {
            String[] parts = value.trim().toLowerCase(java.util.Locale.ROOT).split("x", -1);
            try {
                if (parts.length == 1) {
                    int n = Integer.parseInt(parts[0]);
                    return new Shape(n, n);
                }
                if (parts.length == 2) {
                    return new Shape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size; write N (square) or MxN, "
                    + "for example 100 or 100x80");
        }
    }
}
