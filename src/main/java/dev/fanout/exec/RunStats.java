package dev.fanout.exec;

import dev.fanout.task.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures across past runs, as the original system's monitoring kept them: how often tasks
 * fail, how the measured speedup compares with the estimate, which tasks are slowest, and how
 * far estimates are off.
 *
 * @param attempts attempts started across all runs (retries included)
 * @param failureRate failed or timed-out tasks over tasks that ran
 * @param retryRate attempts beyond the first over tasks that ran
 * @param meanEstimatedSpeedup mean over finished runs
 * @param meanMeasuredSpeedup mean over finished runs
 * @param slowest tasks by mean successful duration, slowest first
 * @param estimates tasks with an estimate, by how far off it was, worst first
 * @param estimateError mean absolute error of estimates, as a fraction of the measured time
 * @param usage what agents reported spending across the runs, or null when none did
 * @param usageByAgent the same by agent name, costliest first
 */
public record RunStats(
        int runs,
        int tasksRun,
        int attempts,
        double failureRate,
        double retryRate,
        double meanEstimatedSpeedup,
        double meanMeasuredSpeedup,
        List<TaskTime> slowest,
        List<EstimateError> estimates,
        double estimateError,
        Usage usage,
        Map<String, Usage> usageByAgent) {

    /** A task's mean duration over the runs it succeeded in. */
    public record TaskTime(String taskId, double meanSeconds, int runs) {}

    /** A task's estimate against its mean measured duration. */
    public record EstimateError(String taskId, double estimatedSeconds, double measuredSeconds) {
        /** (measured - estimated) / measured: positive when the estimate was too low. */
        public double error() {
            return measuredSeconds > 0 ? (measuredSeconds - estimatedSeconds) / measuredSeconds : 0;
        }
    }

    /** Computes the figures over {@code records}; {@code top} limits the task lists. */
    public static RunStats of(List<RunRecord> records, int top) {
        int tasksRun = 0;
        int attempts = 0;
        int failed = 0;
        double est = 0;
        double meas = 0;
        int finishedRuns = 0;
        Map<String, double[]> durations = new HashMap<>();
        Map<String, Double> estimates = new HashMap<>();
        Usage usage = null;
        Map<String, Usage> byAgent = new HashMap<>();
        for (RunRecord r : records) {
            Usage spent = r.usage();
            if (spent != null) {
                usage = (usage == null ? Usage.ZERO : usage).plus(spent);
                r.usageByAgent().forEach((agent, u) -> byAgent.merge(agent, u, Usage::plus));
            }
            if (r.state() != RunState.RUNNING && r.endedAt() != null) {
                finishedRuns++;
                est += r.estimatedSpeedup();
                meas += r.measuredSpeedup();
            }
            Map<String, Task> tasks = r.tasks().byId();
            for (TaskResult t : r.results().values()) {
                if (t.reused() || t.attempts().isEmpty()) {
                    continue;
                }
                tasksRun++;
                attempts += t.attempts().size();
                if (t.status() == TaskStatus.FAILED || t.status() == TaskStatus.TIMED_OUT) {
                    failed++;
                }
                if (t.status() == TaskStatus.SUCCEEDED) {
                    double[] d = durations.computeIfAbsent(t.taskId(), k -> new double[2]);
                    d[0] += t.lastAttempt().seconds();
                    d[1]++;
                    Task task = tasks.get(t.taskId());
                    if (task != null && task.estimatedSeconds() != null) {
                        estimates.put(t.taskId(), task.estimatedSeconds());
                    }
                }
            }
        }
        List<TaskTime> slowest = new ArrayList<>();
        durations.forEach((id, d) -> slowest.add(new TaskTime(id, d[0] / d[1], (int) d[1])));
        slowest.sort(Comparator.comparingDouble(TaskTime::meanSeconds).reversed());
        List<EstimateError> errors = new ArrayList<>();
        estimates.forEach((id, e) -> {
            double[] d = durations.get(id);
            errors.add(new EstimateError(id, e, d[0] / d[1]));
        });
        errors.sort(Comparator.comparingDouble((EstimateError e) -> Math.abs(e.error()))
                .reversed());
        double meanError =
                errors.stream().mapToDouble(e -> Math.abs(e.error())).average().orElse(0);
        return new RunStats(
                records.size(),
                tasksRun,
                attempts,
                tasksRun == 0 ? 0 : (double) failed / tasksRun,
                tasksRun == 0 ? 0 : (double) (attempts - tasksRun) / tasksRun,
                finishedRuns == 0 ? 0 : est / finishedRuns,
                finishedRuns == 0 ? 0 : meas / finishedRuns,
                List.copyOf(slowest.subList(0, Math.min(top, slowest.size()))),
                List.copyOf(errors.subList(0, Math.min(top, errors.size()))),
                meanError,
                usage,
                costliestFirst(byAgent));
    }

    private static Map<String, Usage> costliestFirst(Map<String, Usage> byAgent) {
        Map<String, Usage> sorted = new java.util.LinkedHashMap<>();
        byAgent.entrySet().stream()
                .sorted(Map.Entry.<String, Usage>comparingByValue(Comparator.comparingDouble(Usage::costUsd))
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return java.util.Collections.unmodifiableMap(sorted);
    }
}
