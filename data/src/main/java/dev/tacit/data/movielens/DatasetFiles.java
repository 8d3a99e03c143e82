package dev.tacit.data.movielens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
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
     * Opens a file of the release for streaming.
     *
     * @param name a file of the release
     * @return its bytes as a stream, which the caller closes
     * @throws MalformedFileException if the release has no such file
     */
    InputStream open(String name);

    /**
     * @param name a file of the release
     * @return its size in bytes (uncompressed), or −1 if it is not known
     */
    long size(String name);

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
        return at(path, top, top, "u.data", "point --data-dir at the unpacked " + top + " directory or at " + top
                + ".zip, or run 'tacit data fetch " + top + "'");
    }

    /**
     * Finds a release at a path: a directory holding its ratings file; a directory holding {@code <top>/<file>} or
     * {@code <name>/<file>} (the cache); or a zip archive holding {@code <top>/<file>} or {@code <file>}.
     *
     * @param path     the directory or archive
     * @param name     the release's name, its directory in the cache ({@code ml-10m})
     * @param top      the directory its archive unpacks to ({@code ml-10M100K})
     * @param required the file that must be there ({@code ratings.dat})
     * @param fix      what to do if it is not found
     * @return the files
     * @throws MalformedFileException if nothing there looks like the release
     */
    static DatasetFiles at(Path path, String name, String top, String required, String fix) {
        if (Files.isDirectory(path)) {
            for (String prefix : new String[] {"", top, name}) {
                Path dir = prefix.isEmpty() ? path : path.resolve(prefix);
                if (Files.isRegularFile(dir.resolve(required))) {
                    return new Directory(dir);
                }
            }
            throw new MalformedFileException(path.toString(), 0, "this directory holds no " + required + " (nor "
                    + top + "/" + required + ")", fix);
        }
        if (!Files.isRegularFile(path)) {
            throw new MalformedFileException(path.toString(), 0, "no such file or directory", fix);
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            for (String prefix : new String[] {top + "/", ""}) {
                if (zip.getEntry(prefix + required) != null) {
                    return new Archive(path, prefix);
                }
            }
        } catch (IOException e) {
            throw new MalformedFileException(path.toString(), 0, "not a readable zip archive (" + e.getMessage() + ")",
                    fix);
        }
        throw new MalformedFileException(path.toString(), 0, "this archive holds no " + required + " (nor " + top
                + "/" + required + ")", fix);
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
        public long size(String name) {
            try {
                return Files.size(dir.resolve(name));
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public InputStream open(String name) {
            Path file = dir.resolve(name);
            try {
                return Files.newInputStream(file);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new MalformedFileException(file.toString(), 0, "missing", "restore the release from its archive");
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
            } catch (ZipException e) {
                throw damaged(name, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + describe(name), e);
            }
        }

        @Override
        public long size(String name) {
            try (ZipFile z = new ZipFile(zip.toFile())) {
                ZipEntry e = z.getEntry(prefix + name);
                return e == null ? -1 : e.getSize();
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public InputStream open(String name) {
            try {
                ZipFile z = new ZipFile(zip.toFile());
                ZipEntry e = z.getEntry(prefix + name);
                if (e == null || e.isDirectory()) {
                    z.close();
                    throw new MalformedFileException(describe(name), 0, "missing", "use the official archive");
                }
                return new java.io.FilterInputStream(z.getInputStream(e)) {
                    @Override
                    public int read() throws IOException {
                        try {
                            return super.read();
                        } catch (ZipException damage) {
                            throw damaged(name, damage);
                        }
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        try {
                            return super.read(b, off, len);
                        } catch (ZipException damage) {
                            throw damaged(name, damage);
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            z.close();
                        }
                    }
                };
            } catch (ZipException e) {
                throw damaged(name, e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + describe(name), e);
            }
        }

        /**
         * A compressed entry that does not inflate, or a file that is not a zip archive at all, is bad input (the
         * archive the user gave), not a failure of Tacit.
         */
        private MalformedFileException damaged(String name, ZipException e) {
            return new MalformedFileException(describe(name), 0, "the archive is damaged (" + e.getMessage() + ")",
                    "download it again ('tacit data fetch') or give an unpacked copy");
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
