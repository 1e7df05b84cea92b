package dev.fanout.report;

import dev.fanout.Json;
import dev.fanout.exec.Attempt;
import dev.fanout.exec.RunJson;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.RunState;
import dev.fanout.exec.RunStore;
import dev.fanout.exec.TaskResult;
import dev.fanout.exec.TaskStatus;
import dev.fanout.task.Task;
import dev.fanout.task.TaskSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Run records made without running anything, for what only the record's shape matters to: scale. */
public final class SampleRuns {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private SampleRuns() {}

    /**
     * A recorded run of {@code n} tasks on {@code slots} slots, each depending on up to two
     * earlier ones, one in 50 failing once before succeeding and one in 200 of the last twentieth failing for good
     * (its dependents skipped), saved as run.json under {@code runsDir} and read back the way
     * fanout reads records.
     */
    public static RunRecord large(Path runsDir, int n, int slots, long seed) throws IOException {
        Random random = new Random(seed);
        List<Task> tasks = new ArrayList<>(n);
        Map<String, TaskResult> results = new LinkedHashMap<>();
        double[] end = new double[n];
        double[] slotFree = new double[slots];
        boolean[] bad = new boolean[n];
        for (int i = 0; i < n; i++) {
            List<String> deps = new ArrayList<>();
            double ready = 0;
            for (int d = 0; d < 2 && i > 0; d++) {
                int dep = Math.max(0, i - 1 - random.nextInt(Math.min(i, 400)));
                String id = "task-" + dep;
                if (!deps.contains(id) && random.nextInt(3) > 0) {
                    deps.add(id);
                    ready = Math.max(ready, end[dep]);
                    bad[i] |= bad[dep];
                }
            }
            double estimate = 0.5 + random.nextInt(40) / 10.0;
            tasks.add(new Task(
                    "task-" + i,
                    i % 3 == 0 ? "build" : "testing",
                    null,
                    deps,
                    estimate,
                    dev.fanout.task.TaskCommand.argv(List.of("make", "part-" + i)),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
            String id = "task-" + i;
            if (bad[i]) {
                results.put(
                        id,
                        new TaskResult(id, TaskStatus.SKIPPED, List.of(), "a dependency failed", null, null, false));
                end[i] = ready;
                continue;
            }
            int slot = 0;
            for (int s = 1; s < slots; s++) {
                if (slotFree[s] < slotFree[slot]) {
                    slot = s;
                }
            }
            double start = Math.max(ready, slotFree[slot]);
            List<Attempt> attempts = new ArrayList<>();
            TaskStatus status = TaskStatus.SUCCEEDED;
            if (i % 50 == 7) {
                double e = start + estimate * 0.3;
                attempts.add(new Attempt(1, at(start), at(e), TaskStatus.FAILED, 1, 0, "exit code 1"));
                start = e + 1;
            }
            double took = estimate * (0.6 + random.nextDouble() * 0.8);
            if (i % 200 == 11 && i > n - n / 20) {
                status = TaskStatus.FAILED;
                bad[i] = true;
            }
            attempts.add(new Attempt(
                    attempts.size() + 1,
                    at(start),
                    at(start + took),
                    status,
                    status == TaskStatus.FAILED ? 2 : 0,
                    0,
                    null));
            end[i] = start + took;
            slotFree[slot] = end[i];
            results.put(id, new TaskResult(id, status, attempts, null, null, null, false));
        }
        double wall = 0;
        for (double e : end) {
            wall = Math.max(wall, e);
        }
        String runId = "20260102-030405-" + String.format("%04x", (int) (seed & 0xffff));
        Path dir = runsDir.resolve(runId);
        Files.createDirectories(dir);
        RunRecord record = new RunRecord(
                runId,
                RunState.PARTIAL,
                1,
                "large.json",
                T0,
                at(wall),
                null,
                true,
                slots,
                "parallel: " + n + " tasks",
                slots * 0.9,
                TaskSet.of("large.json", tasks),
                results,
                dir);
        Json.mapper().writeValue(dir.resolve("run.json").toFile(), RunJson.toJson(record));
        return new RunStore(runsDir).load(runId);
    }

    static Instant at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1e9));
    }
}
