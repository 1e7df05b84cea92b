package dev.fanout.exec;

import static dev.fanout.exec.RunFixture.config;
import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.config.Config;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.Task;
import dev.fanout.task.TaskSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: an overloaded service backs the whole pool off, not only the task that met it; on
 * virtual time, through the real {@link Scheduler}.
 */
class PoolBackoffTest {
    @TempDir
    Path tmp;

    private final VirtualTimeline timeline = new VirtualTimeline();
    /** "task#attempt@start" for every attempt the runner saw. */
    private final List<String> starts = new ArrayList<>();

    private TaskGraph graph;

    /** Every attempt takes a second; the tasks named in {@code overloaded} meet an overloaded service on their first. */
    private Map<String, TaskResult> run(ObjectNode tasksFile, List<String> overloaded) throws Exception {
        TaskSet set = RunFixture.parse(tasksFile);
        graph = TaskGraph.of(set);
        Config config = Config.defaults().withJson("tasks.json", set.config());
        TaskRunner runner = (Task task, AttemptContext ctx) -> {
            starts.add(task.id() + "#" + ctx.attempt() + "@" + timeline.millis());
            CompletableFuture<RunningAttempt.AttemptEnd> ended = new CompletableFuture<>();
            boolean busy = ctx.attempt() == 1 && overloaded.contains(task.id());
            timeline.schedule(
                    1000,
                    () -> ended.complete(
                            busy
                                    ? new RunningAttempt.AttemptEnd(
                                            1,
                                            0,
                                            "the agent reported an error: Overloaded",
                                            true,
                                            Double.NaN,
                                            null,
                                            true)
                                    : new RunningAttempt.AttemptEnd(0, 0, null)));
            return RunningAttempt.of(ended, () -> {});
        };
        try (RunDirectory dir = new RunDirectory("virtual", tmp)) {
            return new Scheduler(
                            graph,
                            new RunOptions(10, true, HaltPolicy.NEVER, OutputMode.GROUP, null),
                            config,
                            Map.of(Task.Kind.COMMAND, runner),
                            Resolver.NONE,
                            dir,
                            new RunListener() {},
                            Map.of(),
                            Map.of(),
                            results -> {},
                            timeline)
                    .run();
        }
    }

    private static ObjectNode pooled(String id) {
        return task(id, "true").put("pool", "claude");
    }

    private long startOf(String attempt) {
        return starts.stream()
                .filter(s -> s.startsWith(attempt + "@"))
                .mapToLong(s -> Long.parseLong(s.substring(s.indexOf('@') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(attempt + " never started: " + starts));
    }

    @Test
    void anOverloadedAttemptHoldsBackItsWholePoolUntilTheBackoffEndsButNotOtherTasks() throws Exception {
        ObjectNode cfg = config("backoff_base_seconds", 2, "max_backoff_seconds", 60, "max_retries", 1);
        cfg.putObject("pools").put("claude", 2);
        Map<String, TaskResult> results = run(
                file(
                        cfg,
                        pooled("m1"),
                        pooled("m2"),
                        pooled("m3"),
                        pooled("m4"),
                        task("x", "true"),
                        task("y", "true", "x")),
                List.of("m1"));

        assertEquals(0, startOf("m1#1"));
        assertEquals(0, startOf("m2#1"));
        assertEquals(1000, startOf("y#1"), "a task in no pool goes on at once: " + starts);
        // m1 met the overload at 1000: its pool starts nothing for backoff_base_seconds ^ 1 = 2 s
        assertEquals(3000, startOf("m3#1"), starts.toString());
        assertEquals(3000, startOf("m4#1"), starts.toString());
        assertTrue(startOf("m1#2") >= 4000, "the pool's limit still holds once its backoff is over: " + starts);
        results.values().forEach(r -> assertEquals(TaskStatus.SUCCEEDED, r.status(), r.taskId()));
        assertEquals(2, results.get("m1").attempts().size());
    }

    @Test
    void overloadsInARowDoubleThePoolsBackoffUpToMaxBackoffSeconds() throws Exception {
        ObjectNode cfg = config("backoff_base_seconds", 2, "max_backoff_seconds", 3, "max_retries", 1);
        cfg.putObject("pools").put("claude", 1);
        run(file(cfg, pooled("m1"), pooled("m2"), pooled("m3")), List.of("m1", "m2"));

        // m1 overloaded at 1000: held 2 s; m2 starts at 3000, overloaded at 4000: held min(4, 3) = 3 s
        assertEquals(3000, startOf("m2#1"), starts.toString());
        long next = starts.stream()
                .filter(s -> !s.startsWith("m1#1") && !s.startsWith("m2#1"))
                .mapToLong(s -> Long.parseLong(s.substring(s.indexOf('@') + 1)))
                .min()
                .orElseThrow();
        assertEquals(7000, next, starts.toString());
    }
}
