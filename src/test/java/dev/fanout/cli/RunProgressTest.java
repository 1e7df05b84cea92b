package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.exec.TaskResult;
import dev.fanout.exec.TaskStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunProgressTest {
    @Test
    void theEtaIsTheEstimateLessTheTimeSoFar() {
        assertEquals(", ETA 1.50s", RunProgress.eta(4.0, 2.5, 0, 10));
    }

    @Test
    void aRunThatOutlastsItsEstimateSaysByHowMuchInsteadOfAnEtaOfZero() {
        assertEquals(", 3.00s past the estimate", RunProgress.eta(2.0, 5.0, 0, 10));
    }

    @Test
    void aRunWithoutAnEstimateShowsNoEtaUntilATaskHasFinished() {
        assertEquals("", RunProgress.eta(0, 5.0, 0, 10));
    }

    @Test
    void withoutAnEstimateTheEtaComesFromTheRateTasksFinishAt() {
        assertEquals(", ETA 5.00s", RunProgress.eta(0, 5.0, 50, 100));
    }

    @Test
    void onceTasksHaveFinishedTheMeasuredRateOutweighsAWrongEstimate() {
        // issue 12.19: 2,000 x 'sleep 0.2' at -j 50 said 'ETA 32.6s' 7.4 s into a 12.7 s run
        assertEquals(", ETA 5.36s", RunProgress.eta(40.0, 7.4, 1160, 2000));
    }

    @Test
    void whileFewTasksHaveFinishedTheEstimateStillCounts() {
        // one of 100 done after 1 s: the rate alone says 99 s, the estimate 9 s; a twentieth of the rate
        assertEquals(", ETA 13.5s", RunProgress.eta(10.0, 1.0, 1, 100));
    }

    @Test
    void aRunPastItsEstimateWithFinishedTasksShowsATimeLeftNotPastTheEstimate() {
        assertEquals(", ETA 2.00s", RunProgress.eta(2.0, 6.0, 30, 40));
    }

    @Test
    void theLiveBlockShowsTheEtaFromTheInjectedClock() {
        StringWriter screen = new StringWriter();
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        LiveBlock block = new LiveBlock(new PrintWriter(screen), () -> 120);
        try (RunProgress progress = new RunProgress(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                Style.plain(),
                false,
                false,
                block,
                nanos::get)) {
            progress.estimate(0); // no task had an estimate
            progress.runStarted("r1", Path.of("runs/r1"), 100, 1.0);
            for (int i = 0; i < 10; i++) {
                progress.taskStarted("t" + i, 1);
            }
            nanos.addAndGet(3_000_000_000L);
            progress.taskStarted("t10", 1); // a redraw before any task finished, past one second a task
            assertFalse(screen.toString().contains("past the estimate"), screen.toString());
            assertFalse(screen.toString().contains("ETA"), screen.toString());

            nanos.addAndGet(2_000_000_000L);
            for (int i = 0; i < 50; i++) {
                progress.taskEnded(
                        new TaskResult("t" + i, TaskStatus.SUCCEEDED, List.of(), null, null, null, false), null, null);
            }
            String last = screen.toString().substring(screen.toString().lastIndexOf("50/100 done"));
            assertTrue(last.startsWith("50/100 done, 0 running, 5.00s, ETA 5.00s"), last);
        }
    }
}
