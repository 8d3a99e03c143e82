package dev.tacit.data.format;

import dev.tacit.data.testkit.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Checks by hand (not a test: it writes a 4.8 GB file) that an {@code .npz} member over 4 GB gets Zip64 records that
 * Python's zipfile and NumPy read, and that Tacit reads back. The member is a {@code <U60} array of 20 million
 * references to one string, so the heap holds little while the file holds 4.8 GB.
 *
 * <pre>
 * java -Xmx6g -cp data/target/test-classes:data/target/classes:algebra/target/classes:api/target/classes \
 *     dev.tacit.data.format.Zip64Check [directory]
 * </pre>
 */
public final class Zip64Check {

    private Zip64Check() {
    }

    /**
     * @param args an optional directory for the file (default: a temporary one), deleted afterwards
     * @throws IOException if writing or reading fails
     */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("tacit-zip64");
        Path file = dir.resolve("big.npz");
        try {
            String[] ids = new String[20_000_000];
            Arrays.fill(ids, "x".repeat(59) + "\u00e9");
            long t0 = System.nanoTime();
            Npz.builder().put("small", NpyArray.vector(new int[] {1, 2, 3}))
                    .put("ids", NpyArray.vector(ids)).put("after", NpyArray.vector(new double[] {0.5})).write(file);
            System.out.printf(Locale.ROOT, "wrote %s: %.2f GB in %.1f s%n", file, Files.size(file) / 1e9,
                    (System.nanoTime() - t0) / 1e9);
            String py = String.join("\n",
                    "import sys, zipfile, numpy as np",
                    "from numpy.lib import format as fmt",
                    "z = zipfile.ZipFile(sys.argv[1])",
                    "for i in z.infolist(): print(i.filename, i.file_size, i.header_offset, i.compress_type)",
                    "with z.open('ids.npy') as f:",
                    "    v = fmt.read_magic(f); shape, order, dtype = fmt.read_array_header_1_0(f)",
                    "    print('ids header', v, shape, order, dtype)",
                    "    f.seek(z.getinfo('ids.npy').file_size - 240)",
                    "    print('last id', repr(np.frombuffer(f.read(240), dtype=dtype)[0][-3:]))",
                    "n = np.load(sys.argv[1], allow_pickle=False)",
                    "print('small', n['small'], 'after', n['after'])");
            System.out.print(Python.run(py, file));
            t0 = System.nanoTime();
            Npz.Archive a = Npz.read(file);
            NpyArray back = a.array("ids", NpyArray.Kind.UNICODE, 20_000_000);
            System.out.printf(Locale.ROOT, "read back in %.1f s: %s, last '%s', after %s%n",
                    (System.nanoTime() - t0) / 1e9, back, back.stringAt(19_999_999).substring(56),
                    Arrays.toString(a.array("after").doubles()));
        } finally {
            Files.deleteIfExists(file);
            if (args.length == 0) {
                Files.deleteIfExists(dir);
            }
        }
    }
}
