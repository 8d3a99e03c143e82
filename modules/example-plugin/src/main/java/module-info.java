/**
 * An example Tacit plugin: the Lion optimizer. It exports nothing; Tacit finds its provider through the
 * {@code provides} clause below when the jar is dropped into a plugin directory.
 */
module dev.tacit.example {
    requires dev.tacit.api;

    provides dev.tacit.api.OptimizerProvider with dev.tacit.example.Lion.Provider;
}
