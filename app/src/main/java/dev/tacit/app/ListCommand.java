package dev.tacit.app;

import dev.tacit.api.Hyperparameter;
import dev.tacit.api.ServiceProvider;
import dev.tacit.optim.catalog.Catalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tacit list}: the optimizers, penalties and schedules available, with their settings and origin. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the optimizers, penalties and learning-rate schedules: name, origin (built-in or the "
                + "plugin jar), description, and every setting with its default and accepted range.",
                "Settings are given to 'tacit train' as --opt KEY=VALUE, --penalty-opt KEY=VALUE or "
                        + "--schedule-opt KEY=VALUE."})
final class ListCommand implements Callable<Integer> {

    /** What to list. */
    enum Kind {
        /** Optimizers, penalties and schedules. */
        all,
        /** The optimizers. */
        optimizers,
        /** The penalties. */
        penalties,
        /** The learning-rate schedules. */
        schedules
    }

    @CommandLine.ParentCommand
    TacitCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", defaultValue = "all",
            description = "optimizers, penalties, schedules or all. Default: ${DEFAULT-VALUE}.")
    Kind kind;

    @CommandLine.Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        Catalog catalog = plugins.catalog(parent.err);
        PrintWriter out = parent.out;
        boolean first = true;
        if (kind == Kind.all || kind == Kind.optimizers) {
            section(out, "Optimizers", catalog.optimizers(), first);
            first = false;
        }
        if (kind == Kind.all || kind == Kind.penalties) {
            section(out, "Penalties", catalog.penalties(), first);
            first = false;
        }
        if (kind == Kind.all || kind == Kind.schedules) {
            section(out, "Schedules", catalog.schedules(), first);
        }
        out.flush();
        return 0;
    }

    private static <T extends ServiceProvider<?>> void section(PrintWriter out, String title,
                                                              List<Catalog.Entry<T>> entries, boolean first) {
        if (!first) {
            out.println();
        }
        out.println(title + " (" + entries.size() + ")");
        for (Catalog.Entry<T> e : entries) {
            ServiceProvider<?> p = e.provider();
            out.println();
            out.println("  " + p.name() + "  [" + e.origin() + "]");
            out.println("      " + p.description());
            List<Hyperparameter> settings = p.parameters();
            if (settings.isEmpty()) {
                out.println("      (no settings)");
                continue;
            }
            int width = settings.stream().mapToInt(h -> h.name().length()).max().orElse(0);
            for (Hyperparameter h : settings) {
                out.println(String.format(Locale.ROOT, "      %-" + width + "s  %-10s %-22s %s", h.name(),
                        h.kind() == Hyperparameter.Kind.REAL || h.kind() == Hyperparameter.Kind.INTEGER
                                ? number(h.defaultValue()) : h.display(h.defaultValue()), range(h), h.description()));
            }
        }
    }

    /** A number as users write it: whole numbers without a fraction, others shortest, with a lower-case exponent. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).replace(".0E", "E").replace('E', 'e');
    }

    private static String range(Hyperparameter h) {
        return switch (h.kind()) {
            case FLAG -> "true/false";
            case CHOICE -> String.join("|", h.choices());
            case INTEGER -> (h.upper().value() == Double.POSITIVE_INFINITY ? "≥ " + number(h.lower().value())
                    : h.range().substring(3)) + " whole";
            case REAL -> h.lower().inclusive() && h.upper().value() == Double.POSITIVE_INFINITY
                    ? "≥ " + number(h.lower().value()) : h.range().substring(3);
        };
    }
}
