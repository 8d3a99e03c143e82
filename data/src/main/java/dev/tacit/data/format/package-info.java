/**
 * Matrix and array file formats shared with other tools: Matrix Market ({@link dev.tacit.data.format.MatrixMarket},
 * as SciPy's {@code mmread}/{@code mmwrite} use it) and NumPy's {@code .npy} and {@code .npz}
 * ({@link dev.tacit.data.format.Npy}, {@link dev.tacit.data.format.Npz}, holding
 * {@link dev.tacit.data.format.NpyArray}s). Readers refuse bad files with a
 * {@link dev.tacit.data.format.FileFormatException}, the one exception of every data format in Tacit; writers write
 * atomically (a crash leaves the old file or the new one, never half of one).
 */
package dev.tacit.data.format;
