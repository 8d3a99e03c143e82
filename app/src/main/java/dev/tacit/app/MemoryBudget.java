package dev.tacit.app;

import dev.tacit.api.UsageException;
import java.util.Locale;

/**
 * Refuses work that cannot fit in this JVM's heap before allocating anything, with the memory it would need and how to
 * raise the limit, instead of failing minutes later with an OutOfMemoryError.
 */
final class MemoryBudget {

    /**
     * Bytes per matrix entry a training run holds at once: the truth, the sample, the test entries, the parameters,
     * their gradient, the penalty's SVD work (Gram matrix, rotated columns, U, V, polar factor) and the optimizer's
     * moments. Measured peak heap on 943×1682 depth-1 runs stays below this.
     */
    static final long BYTES_PER_ENTRY = 128;

    private MemoryBudget() {
    }

    /**
     * @param option  the option that sets the size, for the message
     * @param value   its value as the user wrote it
     * @param entries matrix entries the run will handle
     * @throws UsageException if the estimate exceeds the maximum heap
     */
    static void requireFits(String option, String value, long entries) {
        long needed = entries * BYTES_PER_ENTRY;
        long available = Runtime.getRuntime().maxMemory();
        if (needed > available) {
            throw new UsageException(String.format(Locale.ROOT, "%s %s needs about %s of memory (about %d bytes for "
                            + "each of its %,d entries), more than the %s this JVM may use; choose a smaller %s, or "
                            + "raise the limit, for example TACIT_OPTS=-Xmx%dg for the tacit launcher",
                    option, value, size(needed), BYTES_PER_ENTRY, entries, size(available), option,
                    (long) Math.ceil(needed * 1.25 / (1L << 30))));
        }
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
    }
}
