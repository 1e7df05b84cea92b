package dev.fanout.script;

import dev.fanout.script.ScriptStoppedException.Reason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The jobs running on an engine's thread, innermost on top, and what stops them: a request, or
 * the time limit on a job's JavaScript time. Stopping a job stops the jobs nested in it too,
 * and fails the call to fanout a stopped job waits for. A job still on the stack a grace period
 * after it was asked to stop may be stuck: the owner decides.
 */
final class FrameStack {
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ScheduledExecutorService timer;
    private final long timeLimitNanos;
    private final Runnable wake;
    private final Consumer<JobFrame> stuck;
    private final Deque<JobFrame> frames = new ArrayDeque<>();
    private volatile JobFrame top;

    /**
     * @param wake wakes the engine's thread when a call to fanout it waits for is failed
     * @param stuck told of a frame asked to stop a grace period ago (it may have finished since)
     */
    FrameStack(ScheduledExecutorService timer, long timeLimitNanos, Runnable wake, Consumer<JobFrame> stuck) {
        this.timer = timer;
        this.timeLimitNanos = timeLimitNanos;
        this.wake = wake;
        this.stuck = stuck;
    }

    /** The innermost running job's frame, or null; read without the lock by the stop checks. */
    JobFrame top() {
        return top;
    }

    synchronized JobFrame push(Job<?> job) {
        JobFrame frame = new JobFrame(job, System.nanoTime());
        frames.push(frame);
        top = frame;
        if (timeLimitNanos > 0 && limited(job.kind)) {
            scheduleTimeCheck(frame, timeLimitNanos);
        }
        return frame;
    }

    /**
     * Whether the time limit applies: not to definitions evaluated again (a restore, an engine
     * restart), which already ran to their end once; cut on a busy machine, they would silently
     * lose a session's merges. Ctrl-C still stops them.
     */
    private static boolean limited(Job.Kind kind) {
        return kind != Job.Kind.RESTORE && kind != Job.Kind.REPLAY;
    }

    synchronized void pop(JobFrame frame) {
        frames.remove(frame);
        top = frames.peek();
        if (frame.timeCheck != null) {
            frame.timeCheck.cancel(false); // so the timer does not hold the job until its limit
        }
    }

    /** The frame now waits for a call to fanout; if it is already stopping, the call is failed at once. */
    synchronized void enterHost(JobFrame f, CompletableFuture<?> reply, Future<?> task) {
        f.inHost = true;
        f.hostSince = System.nanoTime();
        f.hostReply = reply;
        f.hostTask = task;
        if (f.stop != null) {
            interruptHostCall(f);
        }
    }

    synchronized void leaveHost(JobFrame f) {
        f.hostNanos += System.nanoTime() - f.hostSince;
        f.inHost = false;
        f.hostReply = null;
        f.hostTask = null;
    }

    /** Asks a running job to stop; false when it is not running here. */
    synchronized boolean stop(Job<?> job, Reason reason) {
        for (JobFrame f : frames) {
            if (f.job == job) {
                stopFrom(f, reason);
                return true;
            }
        }
        return false;
    }

    synchronized void stopAll(Reason reason) {
        if (!frames.isEmpty()) {
            stopFrom(frames.peekLast(), reason);
        }
    }

    /**
     * Empties the stack when {@code stuck} is still on it (the thread is given up), cancelling
     * the calls to fanout its jobs wait for.
     *
     * @return the frames that were running, or null when {@code stuck} has finished after all
     */
    synchronized List<JobFrame> clearIfStillRunning(JobFrame stuck) {
        if (!frames.contains(stuck)) {
            return null;
        }
        return clear();
    }

    /** Empties the stack, cancelling the calls to fanout its jobs wait for; returns the frames that were running. */
    synchronized List<JobFrame> clear() {
        List<JobFrame> lost = new ArrayList<>(frames);
        frames.clear();
        top = null;
        for (JobFrame f : lost) {
            if (f.inHost) {
                // failed as well as cancelled: a call that never started would leave its job waiting
                f.hostReply.completeExceptionally(new StopSignal(Reason.ENGINE_RESTARTED));
                f.hostTask.cancel(true);
                wake.run();
            }
        }
        return lost;
    }

    // holds the lock
    private void stopFrom(JobFrame from, Reason reason) {
        boolean above = false;
        for (Iterator<JobFrame> it = frames.descendingIterator(); it.hasNext(); ) {
            JobFrame f = it.next();
            above |= f == from;
            if (above && f.stop == null) {
                f.stop = reason;
                if (f.inHost) {
                    interruptHostCall(f);
                }
            }
        }
        schedule(() -> stuck.accept(from), GRACE_NANOS);
    }

    private void interruptHostCall(JobFrame f) {
        f.hostReply.completeExceptionally(new StopSignal(f.stop));
        f.hostTask.cancel(true);
        wake.run();
    }

    // holds the lock
    private void scheduleTimeCheck(JobFrame frame, long delayNanos) {
        frame.timeCheck = schedule(() -> checkTime(frame), delayNanos);
    }

    private synchronized void checkTime(JobFrame frame) {
        if (frame.stop != null || !frames.contains(frame)) {
            return;
        }
        long used = frame.jsNanos(System.nanoTime());
        if (used >= timeLimitNanos) {
            stopFrom(frame, Reason.TIME_LIMIT);
        } else {
            scheduleTimeCheck(frame, timeLimitNanos - used);
        }
    }

    private ScheduledFuture<?> schedule(Runnable check, long delayNanos) {
        try {
            return timer.schedule(check, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // shutting down: nothing is checked any more
        }
    }
}
