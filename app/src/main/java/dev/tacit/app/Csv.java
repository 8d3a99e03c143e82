package dev.tacit.app;

/** CSV fields as RFC 4180 writes them: quoted when they hold a comma, a quote or a line break. */
final class Csv {

    private Csv() {
    }

    /**
     * @param text a field
     * @return it, quoted if it must be
     */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
