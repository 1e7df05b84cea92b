package dev.fanout.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How a task ended in a run: its status, every attempt, why it was skipped or cancelled, and
 * the structured result it returned (null for none).
 *
 * @param reason why the task has its status, in words ("dependency auth-service failed"), or null
 * @param resultError why the task's result file could not be read (not JSON, say), or null
 * @param reused whether the result was carried over from an earlier run (resume)
 * @param cached where the result came from when the result cache gave it, else null
 */
public record TaskResult(
        String taskId,
        TaskStatus status,
        List<Attempt> attempts,
        String reason,
        JsonNode result,
        String resultError,
        boolean reused,
        CacheNote cached) {

    public TaskResult {
        attempts = List.copyOf(attempts);
    }

    /** A result that did not come from the cache. */
    public TaskResult(
            String taskId,
            TaskStatus status,
            List<Attempt> attempts,
            String reason,
            JsonNode result,
            String resultError,
            boolean reused) {
        this(taskId, status, attempts, reason, result, resultError, reused, null);
    }

    /** Time spent running, over all attempts. */
    public double seconds() {
        if (attempts.size() == 1) {
            // most tasks ran once: no stream for them (a big run's record sums this per task)
            return attempts.get(0).seconds();
        }
        return attempts.stream().mapToDouble(Attempt::seconds).sum();
    }

    /** What its agent reported spending over all attempts, or null when no attempt reported any. */
    public Usage usage() {
        Usage sum = null;
        for (Attempt a : attempts) {
            if (a.usage() != null) {
                sum = (sum == null ? Usage.ZERO : sum).plus(a.usage());
            }
        }
        return sum;
    }

    public Attempt lastAttempt() {
        return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }
}
