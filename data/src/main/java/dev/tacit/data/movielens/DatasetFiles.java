package dev.tacit.data.movielens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of a MovieLens release, read from a directory or straight out of the official zip archive (without
 * unpacking it).
 */
sealed interface DatasetFiles {

    /**
     * @param name a file of the release, for example {@code u.data}
     * @return its bytes, if the release has it
     */
    Optional<byte[]> read(String name);

    /**
     * @param name a file of the release
     * @return where it is, as the user knows it, for messages
     */
    String describe(String name);

    /** @return where the release is, for messages */
    String location();

    /**
     * Finds the release at a path: a directory holding {@code u.data}, a directory holding {@code ml-100k/u.data}
     * (such as the cache), or a zip archive holding either layout.
     *
     * @param path the directory or archive
     * @param top  the release's top directory, {@code ml-100k}
     * @return the files
     * @throws MalformedFileException if nothing there looks like the release
     */
    static DatasetFiles at(Path path, String top) {
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve("u.data"))) {
                return new Directory(path);
            }
            if (Files.isRegularFile(path.resolve(top).resolve("u.data"))) {
                return new Directory(path.resolve(top));
            }
            throw new MalformedFileException(path.toString(), 0, "this directory holds no u.data (nor " + top
                    + "/u.data)", "point --data-dir at the unpacked " + top + " directory or at " + top
                    + ".zip, or run 'tacit data fetch " + top + "'");
        }
        if (!Files.isRegularFile(path)) {
            throw new MalformedFileException(path.toString(), 0, "no such file or directory",
                    "point --data-dir at the unpacked " + top + " directory or at " + top + ".zip, or run "
                            + "'tacit data fetch " + top + "'");
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            for (String prefix : new String[] {top + "/", ""}) {
                if (zip.getEntry(prefix + "u.data") != null) {
                    return new Archive(path, prefix);
                }
            }
        } catch (IOException e) {
            throw new MalformedFileException(path.toString(), 0, "not a readable zip archive (" + e.getMessage() + ")",
                    "point --data-dir at the unpacked " + top + " directory or at the official " + top + ".zip");
        }
        throw new MalformedFileException(path.toString(), 0, "this archive holds no u.data (nor " + top + "/u.data)",
                "point --data-dir at the official " + top + ".zip or at the unpacked directory");
    }

    /** The files of an unpacked release. */
    record Directory(Path dir) implements DatasetFiles {
        @Override
        public Optional<byte[]> read(String name) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        @Override
        public String describe(String name) {
            return dir.resolve(name).toString();
        }

        @Override
        public String location() {
            return dir.toString();
        }
    }

    /** The files inside a zip archive, under a prefix ({@code ml-100k/} in the official one). */
    record Archive(Path zip, String prefix) implements DatasetFiles {
        @Override
        public Optional<byte[]> read(String name) {
            try (ZipFile z = new ZipFile(zip.toFile())) {
                ZipEntry e = z.getEntry(prefix + name);
                if (e == null || e.isDirectory()) {
                    return Optional.empty();
                }
                try (InputStream in = z.getInputStream(e)) {
                    return Optional.of(in.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + describe(name), e);
            }
        }

        @Override
        public String describe(String name) {
            return zip + "!" + prefix + name;
        }

        @Override
        public String location() {
            return zip.toString();
        }
    }
}
