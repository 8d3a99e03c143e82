package dev.tacit.app;

import picocli.CommandLine.Option;

/** How a run reports: a summary or one JSON object on standard output, progress or not on standard error. */
final class OutputOptions {

    @Option(names = "--json", description = "Print one JSON object with the results and configuration on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;
}
