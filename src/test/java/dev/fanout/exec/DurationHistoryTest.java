package dev.fanout.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurationHistoryTest {
    @TempDir
    Path tmp;

    private static List<Task> tasks(String prefix, int n) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(Task.ofCommand(prefix + i, "true", List.of()));
        }
        return tasks;
    }

    private static Map<String, TaskResult> succeeded(List<Task> tasks, long millis) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Map<String, TaskResult> results = new LinkedHashMap<>();
        for (Task t : tasks) {
            Attempt a = new Attempt(1, start, start.plusMillis(millis), TaskStatus.SUCCEEDED, 0, 0, null);
            results.put(t.id(), new TaskResult(t.id(), TaskStatus.SUCCEEDED, List.of(a), null, null, null, false));
        }
        return results;
    }

    /** Keys written by earlier versions (String.format's %08x) still find their tasks. */
    @Test
    void aTaskKeyIsItsIdAndEightHexDigitsOfWhatItRuns() {
        for (String command : new String[] {"true", "echo hi", "sleep 1", "", "x".repeat(100)}) {
            Task t = Task.ofCommand("t", command, List.of());
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(RunDirectory.describe(t).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("t " + String.format(java.util.Locale.ROOT, "%08x", crc.getValue()), DurationHistory.key(t));
        }
    }

    @Test
    void theFileKeepsOnlyTheMostRecentlyUsedKeys() throws IOException {
        Path file = tmp.resolve("durations.json");
        DurationHistory history = new DurationHistory(file);
        List<Task> old = tasks("old", DurationHistory.MAX_KEYS - 10);
        history.record(old, succeeded(old, 1000));
        List<Task> kept = old.subList(0, 5);
        List<Task> fresh = tasks("new", 20);
        List<Task> second = new ArrayList<>(kept);
        second.addAll(fresh);
        history.record(second, succeeded(second, 3000));

        int keys = new ObjectMapper().readTree(file.toFile()).size();
        assertEquals(DurationHistory.MAX_KEYS, keys, "bounded");
        // another instance reads the file afresh
        Map<String, Double> measured = new DurationHistory(file).measured(second);
        assertEquals(25, measured.size(), "the keys just used are kept: " + measured.keySet());
        assertEquals(2.0, measured.get("old0"), 1e-9, "smoothed over the two runs");
        assertTrue(new DurationHistory(file).measured(old.subList(5, 15)).isEmpty(), "the oldest unused went first");
    }
}
