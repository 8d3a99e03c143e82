package dev.tacit.data.ratings;

/**
 * One column of a ratings file, chosen by its header name or by its position.
 */
public sealed interface Column {

    /**
     * A column chosen by the name in the header line, compared case-insensitively after trimming spaces and quotes.
     *
     * @param name the header's name
     */
    record Named(String name) implements Column {
        /** @throws IllegalArgumentException if the name is blank */
        public Named {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a column name must not be blank, got '" + name + "'");
            }
            name = name.strip();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A column chosen by its position, counted from 1 as {@code cut -f} and {@code awk} count (and as error messages
     * number columns).
     *
     * @param number the position, from 1
     */
    record Position(int number) implements Column {
        /** @throws IllegalArgumentException if the number is below 1 */
        public Position {
            if (number < 1) {
                throw new IllegalArgumentException("column positions count from 1, got " + number);
            }
        }

        @Override
        public String toString() {
            return Integer.toString(number);
        }
    }

    /**
     * @param token a whole number (a position, from 1) or a name
     * @return the column
     * @throws IllegalArgumentException if the token is blank or a position below 1
     */
    static Column parse(String token) {
        String t = token == null ? "" : token.strip();
        if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return new Position(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("column position " + t + " is too large", e);
            }
        }
        return new Named(t);
    }
}
