package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunProgressTest {
    @Test
    void theEtaIsTheEstimateLessTheTimeSoFar() {
        assertEquals(", ETA 1.50s", RunProgress.eta(4.0, 2.5));
    }

    @Test
    void aRunThatOutlastsItsEstimateSaysByHowMuchInsteadOfAnEtaOfZero() {
        assertEquals(", 3.00s past the estimate", RunProgress.eta(2.0, 5.0));
    }

    @Test
    void aRunWithoutAnEstimateShowsNoEta() {
        assertEquals("", RunProgress.eta(0, 5.0));
    }
}
