package dev.fanout.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fanout.bench.IdleSlots.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleSlotsTest {
    @Test
    void aTaskStartedLateAfterItsDependencyLeavesItsSlotIdleThatLong() {
        // b is ready at 1.0 but starts at 1.25 with both slots free
        List<Span> spans = List.of(new Span(0, 0, 1), new Span(1, 1.25, 2));

        assertEquals(0.25 * 1, IdleSlots.slotSeconds(spans, 2), 1e-9);
    }

    @Test
    void waitingForAFullRunnerIsNotIdle() {
        // one slot: c is ready at 0 but the slot is busy until 1, and c starts then
        List<Span> spans = List.of(new Span(0, 0, 1), new Span(0, 1, 2));

        assertEquals(0, IdleSlots.slotSeconds(spans, 1), 1e-9);
    }

    @Test
    void twoReadyTasksIdleOnlyTheOneSlotThatIsFree() {
        // two slots, one busy 0-2; x and y ready at 0; x runs 0.5-1, y starts at 2: one slot
        // idle 0-0.5 (two tasks waiting) and 1-2 (y waiting)
        List<Span> spans = List.of(new Span(0, 0, 2), new Span(0, 0.5, 1), new Span(0, 2, 3));

        assertEquals(0.5 + 1.0, IdleSlots.slotSeconds(spans, 2), 1e-9);
    }

    @Test
    void theIdealScheduleOverActualLengthsStartsTheLongestPathFirst() throws Exception {
        // one slot short of running all at once: a (1 s) before b (2 s) is the longest path,
        // c (1 s) stands alone; a list schedule on two slots runs a and c, then b: 3 s
        String run = """
                {"tasks": [{"id": "a"}, {"id": "b", "depends_on": ["a"]}, {"id": "c"}],
                 "results": {
                   "a": {"attempts": [{"started_at": "2026-01-01T00:00:00Z", "ended_at": "2026-01-01T00:00:01Z"}]},
                   "b": {"attempts": [{"started_at": "2026-01-01T00:00:01.5Z", "ended_at": "2026-01-01T00:00:03.5Z"}]},
                   "c": {"attempts": [{"started_at": "2026-01-01T00:00:00Z", "ended_at": "2026-01-01T00:00:01Z"}]}}}
                """;
        var json = dev.fanout.Json.mapper().readTree(run);

        assertEquals(3.0, IdleSlots.actualListSchedule(json, 2), 1e-9, "a and c, then b");
        assertEquals(4.0, IdleSlots.actualListSchedule(json, 1), 1e-9, "a, b, then c: all the work on one slot");
    }
}
