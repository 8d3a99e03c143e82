package dev.tacit.app;

import dev.tacit.api.UsageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run at a time in a checkpoint directory, one sweep at a time in an experiment directory: an operating-system
 * lock on the file {@value #FILE} in it, taken before the directory is examined and held until the work ends. The system releases it when the process ends however it
 * ends (even SIGKILL), so a stale lock never blocks the next run; the empty file itself stays.
 */
final class DirectoryLock implements AutoCloseable {

    /** The lock file in a locked directory. */
    static final String FILE = ".tacit.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param option the option that named the directory, for the message
     * @param dir    an existing directory
     * @return the held lock
     * @throws UsageException if another run holds it, or the lock file cannot be created
     */
    static DirectoryLock acquire(String option, Path dir) {
        Path file = dir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UsageException(option + " " + dir + ": cannot create the lock file " + file + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); give a directory you can write to");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // This process already holds it (a test running two commands at once): held all the same.
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new UsageException(option + " " + dir + ": cannot lock " + file + " (" + e.getMessage() + ")");
        }
        if (lock == null) {
            close(channel);
            throw new UsageException(option + " " + dir + " is in use by another run (it holds " + file + "); wait "
                    + "for that run to end, or choose another directory");
        }
        return new DirectoryLock(channel, lock);
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it too.
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing is left to release: the system drops the lock with the channel.
        }
    }
}
