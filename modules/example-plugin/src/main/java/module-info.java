/**
 * An example Tacit plugin: the Lion optimizer and the global-mean completion method. It exports nothing; Tacit finds
 * its providers through the {@code provides} clauses below when the jar is dropped into a plugin directory.
 */
module dev.tacit.example {
    requires dev.tacit.api;

    provides dev.tacit.api.OptimizerProvider with dev.tacit.example.Lion.Provider;
    provides dev.tacit.api.CompletionMethodProvider with dev.tacit.example.GlobalMean.Provider;
}
