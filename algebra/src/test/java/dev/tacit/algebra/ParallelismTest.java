package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tacit.algebra.testkit.RandomMatrices;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The thread settings: every task runs once, nesting cannot deadlock, failures surface, scopes restore. */
class ParallelismTest {

    @Test
    void everyTaskRunsExactlyOnceAndNestedLoopsFinishOnABoundedExecutor() {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Parallelism p = Parallelism.using(one, 4);
            AtomicIntegerArray runs = new AtomicIntegerArray(64);
            // Outer tasks each run an inner parallel loop on the same single helper thread.
            assertTimeoutPreemptively(() -> p.forEach(8, true, outer -> p.forEach(8, true, inner ->
                    runs.incrementAndGet(outer * 8 + inner))));
            for (int i = 0; i < 64; i++) {
                assertEquals(1, runs.get(i), "task " + i);
            }
        } finally {
            one.shutdownNow();
        }
    }

    private static void assertTimeoutPreemptively(Runnable r) {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), r::run);
    }

    @Test
    void aFailingTaskIsRethrownAfterTheOthersFinish() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Parallelism p = Parallelism.using(pool, 3);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.forEach(10, true, i -> {
                if (i == 3) {
                    throw new IllegalStateException("task 3");
                }
            }));
            assertEquals("task 3", e.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aShutDownExecutorOnlyCostsTheParallelism() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        pool.shutdown();
        Matrix a = RandomMatrices.gaussian(300, 200, new SplittableRandom(1));
        Matrix expected = Parallelism.serial().call(() -> a.multiplyTranspose(a));
        assertEquals(expected, Parallelism.using(pool, 2).call(() -> a.multiplyTranspose(a)));
    }

    @Test
    void scopesNestAndRestore() {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            Parallelism custom = Parallelism.using(pool, 2);
            assertSame(Parallelism.standard(), Parallelism.current());
            Parallelism.serial().run(() -> {
                assertSame(Parallelism.serial(), Parallelism.current());
                custom.run(() -> assertSame(custom, Parallelism.current()));
                assertSame(Parallelism.serial(), Parallelism.current());
                assertThrows(IllegalStateException.class, () -> custom.run(() -> {
                    throw new IllegalStateException();
                }));
                assertSame(Parallelism.serial(), Parallelism.current(), "restored after an exception");
            });
            assertSame(Parallelism.standard(), Parallelism.current());
            assertTrue(Parallelism.serial().isSerial());
            assertEquals(2, custom.threads());
            assertSame(Parallelism.serial(), Parallelism.using(pool, 1), "one thread is serial");
            assertThrows(IllegalArgumentException.class, () -> Parallelism.using(pool, 0));
        } finally {
            pool.shutdownNow();
        }
    }
}
