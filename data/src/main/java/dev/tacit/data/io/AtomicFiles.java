package dev.tacit.data.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * Writes a file atomically: the content goes to a temporary file in the same directory, is forced to disk, and is then
 * renamed over the target (an atomic replace on POSIX file systems), after which the directory entry is forced too.
 * A reader, or a process killed at any moment, sees the old complete file or the new complete file.
 *
 * <p>A rename replaces whatever the name points at, so the target is resolved first: a symbolic link is written
 * through (the file it points to is replaced, the link stays), and a target that is not a regular file (a directory, a
 * device such as {@code /dev/null}, a pipe) is refused, never replaced by a regular file.
 */
public final class AtomicFiles {

    /** Names temporary files; unpredictable names so two writers never share one. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes the content to a stream; may throw. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out where to write; closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param target the file to create or replace, or a symbolic link to it; its directory must exist
     * @param content what to write
     * @throws IOException if any step fails, or if the target exists and is not a regular file; the target is then
     *                     unchanged and no temporary file is left behind
     */
    public static void write(Path target, Content content) throws IOException {
        target = resolve(target);
        Path dir = target.getParent();
        Path tmp = createTemporary(dir, target.getFileName().toString());
        try {
            keepPermissions(target, tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(ch)) {
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot replace files atomically", e);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Follows symbolic links to the file they name, even one that does not exist yet, so that the rename replaces the
     * file and not the link; refuses a target that exists and is not a regular file.
     *
     * @param target the path given
     * @return the absolute path of the file to replace
     * @throws IOException if the links loop or the target is a directory, a device or a pipe
     */
    static Path resolve(Path target) throws IOException {
        Path file = target.toAbsolutePath();
        // The limit of Linux's own path resolution; a longer chain is a loop.
        for (int hops = 0; Files.isSymbolicLink(file); hops++) {
            if (hops == 40) {
                throw new IOException(target + ": too many levels of symbolic links");
            }
            file = file.getParent().resolve(Files.readSymbolicLink(file)).normalize();
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException(target + (file.equals(target.toAbsolutePath()) ? "" : " (" + file + ")")
                    + " is not a regular file (" + (Files.isDirectory(file) ? "a directory" : "a device or a pipe")
                    + "); it is left alone");
        }
        return file;
    }

    /**
     * Not {@link Files#createTempFile}: it makes the file readable by its owner only, and the rename would carry that
     * over to every result. A file created plainly gets the user's usual permissions (the umask's).
     */
    private static Path createTemporary(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                // another writer's name, however unlikely: draw again
            }
        }
    }

    /** A replaced file keeps its permissions, as it would if it had been rewritten in place. */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (Files.exists(target) && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        }
    }

    /**
     * @param target the file to create or replace
     * @param text   its UTF-8 content
     * @throws IOException if any step fails; the target is then unchanged
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes a file atomically unless it exists: the first writer wins and every later one leaves it alone. For
     * results that several attempts may produce (a retried or speculative task, a second process on the same
     * directory): the content is complete on disk before the name appears, and the name is taken with a hard link,
     * which, unlike a rename, fails atomically when the name is already there.
     *
     * @param target the file to create; its directory must exist
     * @param text   its UTF-8 content
     * @return whether this call created the file (false: it existed, and is unchanged)
     * @throws IOException if any step fails, or the file system has no hard links; no temporary file is left behind
     */
    public static boolean writeStringIfAbsent(Path target, String text) throws IOException {
        if (Files.exists(target)) {
            return false;
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = createTemporary(dir, target.getFileName().toString());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(ch)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                ch.force(true);
            }
            try {
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                throw new IOException("the file system of " + dir + " has no hard links, which writing a file only "
                        + "if it is absent needs", e);
            }
            forceDirectory(dir);
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes the rename durable; not every platform can open a directory, and then this is skipped. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Opening a directory is not supported everywhere (Windows); the rename itself is still atomic.
        }
    }
}
