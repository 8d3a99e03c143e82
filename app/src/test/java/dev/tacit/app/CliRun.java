package dev.tacit.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outcome of one in-process run of the command line, with helpers to read numbers from its JSON.
 *
 * @param code exit code
 * @param out  standard output
 * @param err  standard error
 */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The number after "key": in the output (the first occurrence). */
    double number(String key) {
        return number(out, key);
    }

    static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\":(-?[0-9.eE+-]+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no number for \"" + key + "\" in: " + json);
        }
        return Double.parseDouble(m.group(1));
    }
}
