package dev.fanout.script;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

/**
 * A running job on the engine's thread and its clock: the JavaScript time it has used excludes
 * the time it spent waiting for fanout. Fields other than {@code stop} are guarded by the loop.
 */
final class JobFrame {
    final Job<?> job;
    final long start;
    long hostNanos;
    long hostSince;
    boolean inHost;
    /** The reply of the call to fanout the job waits for, and the task running it. */
    CompletableFuture<?> hostReply;

    Future<?> hostTask;
    ScheduledFuture<?> timeCheck;
    volatile ScriptStoppedException.Reason stop;

    JobFrame(Job<?> job, long start) {
        this.job = job;
        this.start = start;
    }

    /** Nanoseconds of JavaScript so far. */
    long jsNanos(long now) {
        return now - start - hostNanos - (inHost ? now - hostSince : 0);
    }
}
