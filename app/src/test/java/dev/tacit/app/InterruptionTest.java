package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Before the fix a signal held the shutdown for up to the 120 s grace period from the moment the command started,
 * even while it was still setting up (blocked opening a {@code --events} FIFO that nobody reads), with nothing to save.
 */
class InterruptionTest {

    @Test
    void theShutdownIsHeldOnlyOnceTheWorkHasStarted() {
        try (Interruption interruption = Interruption.install()) {
            assertFalse(interruption.holdsShutdown(), "setting up: a signal ends the process at once");
            assertFalse(interruption.requested());
            interruption.arm();
            assertTrue(interruption.holdsShutdown(), "working: a signal waits for the results to be written");
        }
    }
}
