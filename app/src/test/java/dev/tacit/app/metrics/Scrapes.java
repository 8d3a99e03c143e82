package dev.tacit.app.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads values out of Prometheus text-format output, for tests. */
final class Scrapes {

    private Scrapes() {
    }

    /**
     * @param text   a scrape
     * @param metric a metric name as exposed
     * @param labels a label that the sample must have, as {@code name="value"}, or empty
     * @return the value of the first sample of that metric with that label
     */
    static double value(String text, String metric, String labels) {
        Pattern p = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (labels.isEmpty() || m.group(1).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample of " + metric + " {" + labels + "} in:\n" + text);
    }
}
