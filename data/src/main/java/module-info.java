/**
 * Where completion problems come from and how data goes in and out of Tacit.
 * <ul>
 *   <li>{@code dev.tacit.data}: the synthetic low-rank generator with uniform sampling of the observed entries.</li>
 *   <li>{@code dev.tacit.data.movielens}: the MovieLens family (verified downloads, strict streaming parsers, seeded
 *       splits of MovieLens-100K).</li>
 *   <li>{@code dev.tacit.data.synth}: a generator of realistic rating files at any size (heavy-tailed activity, low
 *       rank plus biases plus noise, quantised), with its noise floor.</li>
 *   <li>{@code dev.tacit.data.ratings}: ratings files of any origin (delimited text, gzip or not, detected layout,
 *       string ids), read as byte streams into primitive arrays, and item titles.</li>
 *   <li>{@code dev.tacit.data.format}: Matrix Market and NumPy's {@code .npy}/{@code .npz}, for exchanging matrices
 *       and model files with SciPy and NumPy, and the one exception of every data format,
 *       {@link dev.tacit.data.format.FileFormatException}.</li>
 *   <li>{@code dev.tacit.data.io}: atomic file writing and JSON.</li>
 * </ul>
 * Everything random takes an explicit seed. Byte-level parsing shared by the text formats lives in the unexported
 * {@code dev.tacit.data.text}.
 */
module dev.tacit.data {
    requires transitive dev.tacit.api;
    requires transitive java.net.http;

    exports dev.tacit.data;
    exports dev.tacit.data.movielens;
    exports dev.tacit.data.io;
    exports dev.tacit.data.format;
    exports dev.tacit.data.ratings;
    exports dev.tacit.data.synth;
}
