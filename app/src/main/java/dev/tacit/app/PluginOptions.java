package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.optim.catalog.Catalog;
import dev.tacit.optim.catalog.Plugins;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * Where plugins come from, for every command that resolves optimizers, penalties or schedules: the directories of
 * {@code --plugin-path}, then those of the environment variable {@value #ENVIRONMENT}, then the {@code plugins/}
 * directory of the runtime image (next to {@code bin/}; the image's {@code java.home} is its root). A name already
 * taken keeps its first provider: built-in, then in this order.
 */
final class PluginOptions {

    /** The environment variable holding plugin directories, separated like PATH. */
    static final String ENVIRONMENT = "TACIT_PLUGIN_PATH";

    @Option(names = "--plugin-path", paramLabel = "DIR[${sys:path.separator}DIR...]",
            description = "Load plugin jars from these directories (repeatable, or separated by "
                    + "'${sys:path.separator}'), before those of $" + ENVIRONMENT + " and the image's plugins/ "
                    + "directory.")
    List<String> pluginPath = new ArrayList<>();

    /** Reads the environment; tests replace it. */
    UnaryOperator<String> environment = System::getenv;

    /**
     * The plugin directories in the order they are searched.
     *
     * @return --plugin-path entries, then the environment's, then the image's plugins/ if it exists
     * @throws UsageException if a --plugin-path entry is not a directory
     */
    List<Path> directories() {
        List<Path> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String value : pluginPath) {
            for (Path p : split(value)) {
                if (!Files.isDirectory(p)) {
                    missing.add(p.toString());
                }
                out.add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException("--plugin-path must name existing directories; not a directory: "
                    + String.join(", ", missing));
        }
        String fromEnvironment = environment.apply(ENVIRONMENT);
        if (fromEnvironment != null) {
            out.addAll(split(fromEnvironment));
        }
        Path image = Path.of(System.getProperty("java.home"), "plugins");
        if (Files.isDirectory(image)) {
            out.add(image);
        }
        return out;
    }

    private static List<Path> split(String value) {
        List<Path> out = new ArrayList<>();
        for (String part : value.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                out.add(Path.of(part.trim()));
            }
        }
        return out;
    }

    /**
     * The built-in providers plus those of every plugin that loads; each plugin that does not is named on standard
     * error with the reason, and the command goes on without it.
     *
     * @param err where to report skipped plugins
     * @return the catalog
     */
    Catalog catalog(PrintWriter err) {
        List<Path> directories = directories();
        if (directories.isEmpty()) {
            return Catalog.builtIn();
        }
        Plugins.Loaded loaded = Plugins.load(Catalog.builtIn(), directories);
        for (Plugins.Problem p : loaded.problems()) {
            err.println("tacit: skipped plugin " + p.plugin() + ": " + p.message());
        }
        err.flush();
        return loaded.catalog();
    }
}
