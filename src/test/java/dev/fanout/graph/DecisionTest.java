package dev.fanout.graph;

import static dev.fanout.graph.Tasks.graph;
import static dev.fanout.graph.Tasks.task;
import static dev.fanout.graph.Tasks.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fanout.config.Config;
import dev.fanout.task.TaskFileReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionTest {
    private static final Config DEFAULTS = Config.defaults();

    private static Decision decide(TaskGraph g, Config config) {
        return Decision.of(Analysis.of(g, config.maxParallelTasks()), config);
    }

    private static Decision decideExample(String name, Config config) {
        return decide(TaskGraph.of(new TaskFileReader().read(Path.of("examples", name))), config);
    }

    private static void assertDecision(boolean parallel, Decision.Level level, String rule, String reason, Decision d) {
        assertEquals(new Decision(parallel, level, rule, reason), d);
    }

    @Test
    void fewerThanThreeTasksRunSequentially() {
        assertDecision(
                false,
                Decision.Level.SEQUENTIAL,
                "too_few_tasks",
                "2 tasks, fewer than min_tasks_for_parallel 3",
                decideExample("two-tasks.json", DEFAULTS));
        assertDecision(
                false,
                Decision.Level.SEQUENTIAL,
                "too_few_tasks",
                "1 task, fewer than min_tasks_for_parallel 3",
                decide(graph(task("a", 1.0)), DEFAULTS));
    }

    @Test
    void aChainRunsSequentially() {
        assertDecision(
                false,
                Decision.Level.SEQUENTIAL,
                "chain",
                "every task depends on the one before it: no two tasks can run together",
                decideExample("chain.yaml", DEFAULTS));
    }

    @Test
    void disabledRunsSequentiallyWhateverTheGraph() {
        Config off = DEFAULTS.withText("test", Map.of("enabled", "false"));
        assertDecision(
                false,
                Decision.Level.SEQUENTIAL,
                "disabled",
                "parallel execution is disabled (enabled: false)",
                decideExample("three-services.json", off));
    }

    @Test
    void aLowSpeedupRunsSequentially() {
        // 12s of work, 10s of it in one task: speedup 1.2
        assertDecision(
                false,
                Decision.Level.SEQUENTIAL,
                "low_speedup",
                "estimated speedup 1.2x is below min_speedup_threshold 1.5x",
                decide(graph(task("a", 10.0), task("b", 1.0), task("c", 1.0)), DEFAULTS));
    }

    @Test
    void tasksOfOneTypeAreStronglyRecommended() {
        assertDecision(
                true,
                Decision.Level.STRONGLY_RECOMMENDED,
                "homogeneous",
                "3 tasks of one type (service_creation), estimated speedup 3x >= 1.5x",
                decideExample("three-services.json", DEFAULTS));
        assertDecision(
                true,
                Decision.Level.STRONGLY_RECOMMENDED,
                "homogeneous",
                "5 tasks of one type (testing), estimated speedup 5x >= 1.5x",
                decideExample("five-test-suites.json", DEFAULTS));
    }

    @Test
    void aSpeedupOfExactlyTheThresholdIsEnough() {
        // 3s of work in 2s
        assertDecision(
                true,
                Decision.Level.STRONGLY_RECOMMENDED,
                "homogeneous",
                "3 tasks of one type (untyped), estimated speedup 1.5x >= 1.5x",
                decide(graph(task("a", 2.0), task("b", 0.5), task("c", 0.5)), DEFAULTS));
    }

    @Test
    void mixedTypesAtTheMixedThresholdAreRecommended() {
        assertDecision(
                true,
                Decision.Level.RECOMMENDED,
                "mixed_fast",
                "3 task types, estimated speedup 3.33x >= 2x for mixed types",
                decideExample("ten-tasks.json", DEFAULTS));
        assertDecision(
                true,
                Decision.Level.RECOMMENDED,
                "mixed_fast",
                "2 task types, estimated speedup 2x >= 2x for mixed types",
                decide(
                        graph(typed("a", "build", 2.0), typed("b", "testing", 1.0), typed("c", "build", 1.0)),
                        DEFAULTS));
    }

    @Test
    void mixedTypesBelowTheMixedThresholdAreAcceptable() {
        // 5s of work in 3s: 1.67
        assertDecision(
                true,
                Decision.Level.ACCEPTABLE,
                "mixed_slow",
                "2 task types, estimated speedup 1.67x: above min_speedup_threshold 1.5x but below 2x, "
                        + "so parallel is acceptable rather than recommended",
                decide(
                        graph(typed("a", "build", 3.0), typed("b", "testing", 1.0), typed("c", "build", 1.0)),
                        DEFAULTS));
    }

    @Test
    void theThresholdsComeFromTheConfiguration() {
        Config lenient =
                DEFAULTS.withText("test", Map.of("min_tasks_for_parallel", "2", "min_speedup_threshold", "1.2"));
        assertDecision(
                true,
                Decision.Level.STRONGLY_RECOMMENDED,
                "homogeneous",
                "2 tasks of one type (testing), estimated speedup 1.33x >= 1.2x",
                decideExample("two-tasks.json", lenient));
        Config oneSlot = DEFAULTS.withText("test", Map.of("max_parallel_tasks", "1"));
        assertDecision(
                false,
                Decision.Level.SEQUENTIAL,
                "low_speedup",
                "estimated speedup 1x is below min_speedup_threshold 1.5x",
                decideExample("three-services.json", oneSlot));
    }
}
