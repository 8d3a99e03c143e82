package dev.tacit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the summaries write numbers. */
class ReportTest {

    /** A chosen weight of 0 read "0.00" in the summaries of movielens and fit. */
    @Test
    void aPenaltyWeightOfZeroReadsAsZero() {
        assertEquals("0", Report.weight(0));
        assertEquals("0.00100", Report.weight(1e-3));
        assertEquals("0.300", Report.weight(0.3));
        assertEquals("1.00e-05", Report.weight(1e-5));
    }
}
