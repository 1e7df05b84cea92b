package dev.fanout.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the scheduler keeps of one task beside its {@link Plan} status: attempts, the process
 * under way, its timer; owned and changed by the scheduler's thread only.
 */
final class TaskState {
    final List<Attempt> attempts = new ArrayList<>();
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

    /** Keeps what the attempt returned. */
    void keep(RunDirectory.Collected collected) {
        result = collected.result();
        resultError = collected.error();
    }

    TaskResult toResult(String taskId, TaskStatus status) {
        TaskStatus shown = status == TaskStatus.SUCCEEDED && cached != null ? TaskStatus.CACHED : status;
        return new TaskResult(taskId, shown, attempts, reason, result, resultError, reused, cached);
    }
}
