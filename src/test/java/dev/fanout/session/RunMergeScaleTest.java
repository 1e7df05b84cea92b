package dev.fanout.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.exec.RunRecord;
import dev.fanout.exec.RunState;
import dev.fanout.exec.TaskResult;
import dev.fanout.exec.TaskStatus;
import dev.fanout.merge.Merged;
import dev.fanout.merge.StrategyRegistry;
import dev.fanout.merge.TaskOutput;
import dev.fanout.task.Task;
import dev.fanout.task.TaskSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge looks each task up by id; with a lookup that scans the set, a 100,000-task run took minutes
 * to merge (issue 12.3). This proves the merge of such a run gives every task's outcome in order; a
 * quadratic lookup would make it run for minutes rather than fail an assertion on time.
 */
class RunMergeScaleTest {
    @Test
    void mergesAHundredThousandTaskChainWhoseFirstTaskFailed(@TempDir Path dir) {
        int n = 100_000;
        List<Task> tasks = new ArrayList<>(n);
        Map<String, TaskResult> results = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String id = "t" + i;
            tasks.add(Task.ofCommand(id, "true", i == 0 ? List.of() : List.of("t" + (i - 1))));
            results.put(
                    id,
                    new TaskResult(
                            id,
                            i == 0 ? TaskStatus.FAILED : TaskStatus.SKIPPED,
                            List.of(),
                            i == 0 ? "exit 1" : "dependency t" + (i - 1),
                            null,
                            null,
                            false));
        }
        RunRecord run = new RunRecord(
                "r1",
                RunState.FAILED,
                1,
                "chain.json",
                Instant.EPOCH,
                Instant.EPOCH,
                null,
                false,
                1,
                "sequential",
                1.0,
                TaskSet.of("chain.json", tasks),
                results,
                dir);

        List<TaskOutput> outputs = RunMerge.outputs(run, List.of());
        assertEquals(n, outputs.size());
        assertEquals("t0", outputs.get(0).taskId());
        assertEquals("failed", outputs.get(0).status());
        assertEquals("t99999", outputs.get(n - 1).taskId());
        assertEquals("skipped", outputs.get(n - 1).status());

        Merged merged = RunMerge.merge(run, List.of(), StrategyRegistry.AUTO, StrategyRegistry.withBuiltIns());
        assertTrue(merged.json() != null || merged.error() != null);
    }
}
