package dev.tacit.algebra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    /** Spins for about {@code micros} µs: a task that takes time without sleeping. */
    private static void spin(long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void helpersThatNeverJoinSwitchTheOperationsToSerialOnlyAfterARunOfLateOnesLongerThanTheSpan() {
        // An executor that accepts tasks and never runs them: every operation is done by its caller, late.
        Parallelism p = Parallelism.using(task -> { }, 2);
        long start = System.nanoTime();
        for (int op = 0; op < 8; op++) {
            p.forEach(2, true, i -> spin(40));
        }
        long eightOps = System.nanoTime() - start;
        // Eight late operations in well under the 10 ms span are a hiccup, not a busy machine.
        assumeTrue(eightOps < 5_000_000, "the machine stalled this test");
        assertTrue(p.helpersAvailable(), "a short run of late operations must not switch to serial");
        while (System.nanoTime() - start < 15_000_000) {
            p.forEach(2, true, i -> spin(40));
        }
        assertFalse(p.helpersAvailable(),
                "late operations for longer than the span switch to serial");
    }

    @Test
    void anOperationThatHadToWakeAParkedHelperIsNotCountedLate() {
        // Every task "wakes a parked thread", which then never arrives in time: waking is slow on a virtual machine,
        // and that says nothing about how busy the processors are.
        Parallelism.WakingExecutor waking = new Parallelism.WakingExecutor() {
            @Override
            public boolean executeWaking(Runnable task) {
                return true;
            }

            @Override
            public void execute(Runnable task) {
                executeWaking(task);
            }
        };
        Parallelism p = Parallelism.using(waking, 2);
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        long start = System.nanoTime();
        while (System.nanoTime() - start < 15_000_000) {
            p.forEach(2, true, i -> {
                spin(40);
                runs.incrementAndGet(i);
            });
        }
        assertTrue(p.helpersAvailable(), "operations that woke a helper must not switch to serial");
        assertEquals(runs.get(0), runs.get(1), "every operation ran both tasks on the caller");
    }
}
