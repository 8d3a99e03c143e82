package dev.tacit.app;

import dev.tacit.api.UsageException;
import dev.tacit.data.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files a command writes besides its printed result (a learning curve, a table): each checked before any work
 * starts, so that a bad path is a usage error and not a result lost after training; each written atomically at the
 * end, and a failure then is reported without losing the printed result.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Checks that a file can be written where the option says: not a directory, not a special file (a device, a
     * pipe), in a directory that exists or can be created and that this process can write to.
     *
     * @param option the option that named it, for the message
     * @param file   the file
     * @return the file, as an absolute path
     * @throws UsageException naming the option, the path and the fix
     */
    static Path check(String option, Path file) {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new UsageException(option + " " + file + " is a directory; give the name of a file to write");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new UsageException(option + " " + file + " is not a regular file (a device or a pipe?); give the "
                    + "name of a regular file to write");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new UsageException(option + " " + file + " exists and cannot be written; give another file");
        }
        Path dir = target.getParent();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new UsageException(option + " " + file + ": " + existing + " is not a directory; give a path in a "
                    + "directory");
        }
        if (!Files.isWritable(existing)) {
            throw new UsageException(option + " " + file + ": the directory " + existing + " cannot be written; give a "
                    + "path in a directory you can write to");
        }
        return target;
    }

    /**
     * Checks that a directory can hold a command's files: it is a directory this process can write to, or it does not
     * exist and can be created (its nearest existing ancestor is a writable directory). Nothing is created yet.
     *
     * @param option the option that named it, for the message
     * @param dir    the directory
     * @return the directory, as an absolute path
     * @throws UsageException naming the option, the path, what is wrong and the fix
     */
    static Path checkDirectory(String option, Path dir) {
        Path target = dir.toAbsolutePath();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new UsageException(option + " " + dir + " is " + (Files.isRegularFile(target) ? "a file"
                    : "a device or a pipe") + ", not a directory; give a directory to write the results in");
        }
        Path existing = target;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new UsageException(option + " " + dir + ": " + existing + " is not a directory; give a path in a "
                    + "directory");
        }
        if (!Files.isWritable(existing)) {
            throw new UsageException(option + " " + dir + ": the directory " + existing + " cannot be written; give "
                    + "a directory you can write to");
        }
        return target;
    }

    /**
     * Creates a directory checked by {@link #checkDirectory}.
     *
     * @param option the option that named it, for the message
     * @param dir    the directory
     * @return the directory
     * @throws UsageException if it cannot be created after all, with the reason
     */
    static Path createDirectory(String option, Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException(option + " " + dir + ": cannot create this directory (" + e.getClass()
                    .getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); give a directory "
                    + "you can write to");
        }
    }

    /**
     * Writes a checked file atomically, creating its directory; a failure is reported on standard error and not
     * thrown, since the command's result is already printed.
     *
     * @param err     standard error
     * @param option  the option that named the file
     * @param file    the file, from {@link #check}
     * @param content what to write
     * @return whether it was written
     */
    static boolean write(PrintWriter err, String option, Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.writeString(file, content);
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("tacit: could not write " + option + " " + file + " (" + e.getMessage() + "); the results "
                    + "above are complete");
            err.flush();
            return false;
        }
    }
}
