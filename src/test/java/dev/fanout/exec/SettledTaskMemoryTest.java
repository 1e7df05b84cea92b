package dev.fanout.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a run keeps of a task once it is settled: its result, not what running it needed. */
class SettledTaskMemoryTest {

    @Test
    void aSettledTaskKeepsItsResultAndLetsGoOfItsAttemptContext() {
        TaskState s = new TaskState();
        Path dir = Path.of("/tmp/run/tasks/a");
        s.context = new AttemptContext(
                "r",
                dir.getParent().getParent(),
                dir,
                dir.resolve("stdout.log"),
                dir.resolve("stderr.log"),
                dir.resolve("out.json"),
                1,
                Map.of("FANOUT_TASK_ID", "a"),
                null,
                null);
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        s.attempts.add(new Attempt(1, t0, t0.plusSeconds(2), TaskStatus.SUCCEEDED, 0, 0, null));
        s.reason = null;

        TaskResult settled = s.settle("a", TaskStatus.SUCCEEDED);

        assertNull(s.context);
        assertEquals(0, s.attempts.size());
        assertEquals(1, settled.attempts().size());
        assertEquals(2.0, settled.seconds());
        // every later snapshot (a checkpoint, the final record) shares that one result
        assertSame(settled, s.toResult("a", TaskStatus.SUCCEEDED));
    }

    @Test
    void aCancelledTimerLeavesTheTimerQueueAtOnce() {
        SystemTimeline timeline = new SystemTimeline();
        try {
            Timeline.Timer[] timers = new Timeline.Timer[100];
            for (int i = 0; i < timers.length; i++) {
                timers[i] = timeline.schedule(600_000, () -> {});
            }
            assertEquals(100, timeline.pendingTimers());
            for (Timeline.Timer t : timers) {
                t.cancel();
            }
            // a ten-minute task timeout cancelled at the task's end no longer waits ten minutes in the heap
            assertEquals(0, timeline.pendingTimers());
        } finally {
            timeline.close();
        }
    }
}
