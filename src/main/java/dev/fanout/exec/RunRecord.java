package dev.fanout.exec;

import dev.fanout.task.TaskSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * A run as {@code run.json} records it: what ran, how it was decided, and how each task ended.
 *
 * @param pid the fanout process that ran it, to tell a run still going from one that was killed
 * @param endedAt null while running
 * @param resumedFrom the run this one resumed, or null
 * @param decision why it ran in parallel or sequentially, in words
 */
public record RunRecord(
        String runId,
        RunState state,
        long pid,
        String source,
        Instant startedAt,
        Instant endedAt,
        String resumedFrom,
        boolean parallel,
        int jobs,
        String decision,
        double estimatedSpeedup,
        TaskSet tasks,
        Map<String, TaskResult> results,
        Path dir) {

    public RunRecord {
        results = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(results));
    }

    /** Wall time from start to end (or to now while running). */
    public double wallSeconds() {
        Instant end = endedAt == null ? Instant.now() : endedAt;
        return Duration.between(startedAt, end).toNanos() / 1e9;
    }

    /** Time spent in tasks of this run (not those carried over from a resumed run). */
    public double taskSeconds() {
        return results.values().stream()
                .filter(r -> !r.reused())
                .mapToDouble(TaskResult::seconds)
                .sum();
    }

    /** Time the result cache saved: what the cached tasks took when they ran. */
    public double savedSeconds() {
        return results.values().stream()
                .filter(r -> r.cached() != null)
                .mapToDouble(r -> r.cached().savedSeconds())
                .sum();
    }

    /** Time tasks of this run waited for a shared runner (the JavaScript engine) before they ran. */
    public double queuedSeconds() {
        return results.values().stream()
                .filter(r -> !r.reused())
                .flatMap(r -> r.attempts().stream())
                .mapToDouble(Attempt::queuedSeconds)
                .sum();
    }

    /** Task time over wall time: how many tasks ran at once, on average (time spent queued is not counted). */
    public double measuredSpeedup() {
        double wall = wallSeconds();
        return wall > 0 ? taskSeconds() / wall : 1.0;
    }

    /**
     * What this run's agents reported spending (not the tasks carried over from a resumed run),
     * or null when none reported anything.
     */
    public Usage usage() {
        Usage sum = null;
        for (TaskResult r : results.values()) {
            Usage u = r.reused() ? null : r.usage();
            if (u != null) {
                sum = (sum == null ? Usage.ZERO : sum).plus(u);
            }
        }
        return sum;
    }

    /** {@link #usage()} by agent name, in the order the tasks come; empty when none reported anything. */
    public Map<String, Usage> usageByAgent() {
        Map<String, Usage> by = new java.util.LinkedHashMap<>();
        Map<String, dev.fanout.task.Task> byId = null;
        for (TaskResult r : results.values()) {
            Usage u = r.reused() ? null : r.usage();
            if (u == null) {
                continue;
            }
            if (byId == null) {
                byId = tasks.byId();
            }
            dev.fanout.task.Task t = byId.get(r.taskId());
            String agent = t == null || t.agent() == null ? "(no agent)" : t.agent();
            by.merge(agent, u, Usage::plus);
        }
        return by;
    }

    public Map<TaskStatus, Integer> counts() {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        results.values().forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }

    /** The run's state read from its tasks: succeeded, partial, failed (none succeeded) or interrupted. */
    static RunState stateOf(Map<String, TaskResult> results, boolean interrupted) {
        if (interrupted) {
            return RunState.INTERRUPTED;
        }
        long ok = results.values().stream().filter(r -> r.status().isSuccess()).count();
        if (ok == results.size()) {
            return RunState.SUCCEEDED;
        }
        return ok == 0 ? RunState.FAILED : RunState.PARTIAL;
    }

    public Path taskDir(String taskId) {
        return dir.resolve("tasks").resolve(taskId);
    }
}
