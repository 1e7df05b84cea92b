package dev.fanout.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the scheduler keeps of one task beside its {@link Plan} status: attempts, the process
 * under way, its timer; owned and changed by the scheduler's thread only. Once the task is
 * settled only its {@link TaskResult} is kept: a 50,000-task run held every attempt's context
 * (paths, environment) and timer to its end.
 */
final class TaskState {
    final List<Attempt> attempts = new ArrayList<>(1);
    String reason;
    JsonNode result;
    String resultError;
    /** Carried over from the run being resumed. */
    boolean reused;
    /** Restored from the result cache, or null. */
    CacheNote cached;
    /** The attempt under way, or null. */
    RunningAttempt current;

    AttemptContext context;
    Instant startedAt;
    boolean timedOut;
    /** Stopped by a halt or Ctrl-C: its end reads as cancelled. */
    boolean stoppedByUs;

    Timeline.Timer timeout;

    /** The final result once the task is settled, else null. */
    private TaskResult settled;

    /** Keeps what the attempt returned. */
    void keep(RunDirectory.Collected collected) {
        result = collected.result();
        resultError = collected.error();
    }

    TaskResult toResult(String taskId, TaskStatus status) {
        if (settled != null) {
            return settled;
        }
        TaskStatus shown = status == TaskStatus.SUCCEEDED && cached != null ? TaskStatus.CACHED : status;
        return new TaskResult(taskId, shown, attempts, reason, result, resultError, reused, cached);
    }

    /**
     * Keeps the final result and lets go of what only a running task needs; {@link #toResult}
     * gives that result from now on.
     */
    TaskResult settle(String taskId, TaskStatus status) {
        settled = toResult(taskId, status);
        attempts.clear();
        result = null;
        resultError = null;
        context = null;
        current = null;
        timeout = null;
        return settled;
    }
}
