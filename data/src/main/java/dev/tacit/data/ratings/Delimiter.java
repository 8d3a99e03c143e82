package dev.tacit.data.ratings;

import java.util.Locale;

/**
 * What separates the fields of a ratings line. Detection tries them in the order declared here.
 */
public enum Delimiter {
    /** {@code ::}, as in MovieLens-1M and -10M's {@code ratings.dat}. */
    DOUBLE_COLON("::", "'::'"),
    /** A tab, as in MovieLens-100K's {@code u.data}; fields may be quoted. */
    TAB("\t", "tab"),
    /** A comma, as in MovieLens-20M/25M/32M's {@code ratings.csv}; fields may be quoted as RFC 4180 says. */
    COMMA(",", "comma"),
    /** A semicolon, as spreadsheets write CSV where the comma is the decimal mark; fields may be quoted. */
    SEMICOLON(";", "semicolon"),
    /** A vertical bar; fields may be quoted. */
    PIPE("|", "'|'"),
    /** One or more spaces or tabs; leading and trailing ones are ignored and fields cannot be quoted. */
    WHITESPACE(" ", "whitespace");

    private final String symbol;
    private final String label;

    Delimiter(String symbol, String label) {
        this.symbol = symbol;
        this.label = label;
    }

    /** @return the separator as written ({@code " "} for whitespace) */
    public String symbol() {
        return symbol;
    }

    /** @return a name for messages: {@code comma}, {@code tab}, {@code '::'}, ... */
    public String label() {
        return label;
    }

    /**
     * Reads a delimiter as given on a command line ({@code --delimiter}).
     *
     * @param text a name ({@code comma}, {@code tab}, {@code semicolon}, {@code pipe}, {@code whitespace} or
     *             {@code space}, {@code double-colon}), or the separator itself ({@code ,}, {@code ;}, {@code |},
     *             {@code ::}, a tab, {@code \t} written as two characters, a space), case-insensitive
     * @return the delimiter
     * @throws IllegalArgumentException naming the accepted spellings if the text is none of them
     */
    public static Delimiter parse(String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        switch (t) {
            case "::", "double-colon", "doublecolon", "colons":
                return DOUBLE_COLON;
            case "\t", "\\t", "tab", "tsv":
                return TAB;
            case ",", "comma", "csv":
                return COMMA;
            case ";", "semicolon":
                return SEMICOLON;
            case "|", "pipe", "bar":
                return PIPE;
            case " ", "space", "spaces", "whitespace", "ws":
                return WHITESPACE;
            default:
                throw new IllegalArgumentException("unknown delimiter '" + text + "'; give one of comma (,), tab (\\t), "
                        + "semicolon (;), pipe (|), :: or whitespace");
        }
    }
}
