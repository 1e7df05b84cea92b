package dev.fanout.script;

import dev.fanout.script.ScriptStoppedException.Reason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One engine on its own thread, running jobs one at a time (Nashorn is not thread-safe).
 *
 * <p>While a script waits for fanout (a run, a merge) the thread keeps taking jobs, so a run's
 * script tasks or a JavaScript merge called from a script run nested instead of deadlocking.
 * Each running job is a frame on a stack; its JavaScript time excludes those waits.
 *
 * <p>Stopping a job sets a flag that the checks compiled into every loop and function throw
 * on, and interrupts a wait for fanout. A job that is still running a grace period later
 * (code fanout could not instrument, such as {@code eval}'d text) costs the thread: the loop is
 * abandoned, its thread stopped where the JVM allows it, and the owner starts a new engine.
 */
final class EngineLoop {
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final Job<Object> WAKE = new Job<>(Job.Kind.TASK, "wake", (engine, job) -> null);

    /** The loop's owner: makes the engine and takes over when the loop gives up its thread. */
    interface Owner {
        /** Creates the engine; runs on the loop's thread before any job. */
        NashornEngine createEngine(EngineLoop loop);

        /** The loop was abandoned; {@code pending} are the jobs it had not started. */
        void abandoned(EngineLoop loop, List<Job<?>> pending);

        ScriptStoppedException stopped(Job<?> job, Reason reason);
    }

    private final Owner owner;
    private final ScheduledExecutorService timer;
    private final ExecutorService hostCalls;
    private final long timeLimitNanos;
    private final Thread thread;
    private final BlockingDeque<Job<?>> queue = new LinkedBlockingDeque<>();
    /** Running jobs, innermost first; guarded by this. */
    private final Deque<Frame> frames = new ArrayDeque<>();
    private volatile Frame top;
    private volatile boolean abandoned;
    private volatile boolean closed;
    private volatile boolean started;
    // engine thread only
    private NashornEngine engine;
    private Throwable startFailure;

    EngineLoop(Owner owner, ScheduledExecutorService timer, ExecutorService hostCalls, long timeLimitNanos, String name) {
        this.owner = owner;
        this.timer = timer;
        this.hostCalls = hostCalls;
        this.timeLimitNanos = timeLimitNanos;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether the engine exists (it is made on the loop's thread when the loop starts). */
    boolean engineStarted() {
        return started;
    }

    boolean abandoned() {
        return abandoned;
    }

    boolean isEngineThread() {
        return Thread.currentThread() == thread;
    }

    /** Queues a job; false when this loop no longer takes jobs (abandoned or closed). */
    synchronized boolean offer(Job<?> job) {
        if (abandoned || closed) {
            return false;
        }
        queue.add(job);
        return true;
    }

    /** Runs a job right away; only on the engine's thread (a job submitted from within a job). */
    void runNested(Job<?> job) {
        if (!isEngineThread()) {
            throw new IllegalStateException("not on the engine thread");
        }
        runFrame(job);
    }

    /** The job whose script is running now; engine thread only, null between jobs. */
    Job<?> currentJob() {
        Frame f = top;
        return f == null ? null : f.job;
    }

    private void loop() {
        try {
            engine = owner.createEngine(this);
        } catch (Throwable t) {
            startFailure = t;
        }
        started = true;
        try {
            while (!closed && !abandoned) {
                Job<?> job = queue.take();
                if (job != WAKE) {
                    runFrame(job);
                }
            }
        } catch (InterruptedException e) {
            // closed
        } catch (ThreadDeath death) {
            // abandoned and stopped: the owner has taken over
        }
    }

    private <T> void runFrame(Job<T> job) {
        if (job.finished() || job.result.isDone()) {
            return;
        }
        if (startFailure != null) {
            job.fail(new dev.fanout.FanoutException(dev.fanout.FanoutException.SOFTWARE,
                    "could not start the JavaScript engine: " + startFailure, startFailure));
            return;
        }
        Frame frame = push(job);
        T value = null;
        Throwable failure = null;
        try {
            value = job.work.run(engine, job);
        } catch (ThreadDeath death) {
            pop(frame);
            throw death;
        } catch (Throwable t) {
            failure = t;
        }
        pop(frame);
        if (abandoned) {
            return; // the owner failed every job of this loop when it gave up on it
        }
        Reason stop = frame.stop;
        if (stop != null) {
            job.fail(owner.stopped(job, stop));
        } else if (failure != null) {
            job.fail(engine.translate(failure, job));
        } else {
            job.succeed(value);
        }
    }

    private synchronized Frame push(Job<?> job) {
        Frame frame = new Frame(job, System.nanoTime());
        frames.push(frame);
        top = frame;
        if (timeLimitNanos > 0) {
            scheduleTimeCheck(frame, timeLimitNanos);
        }
        return frame;
    }

    private synchronized void pop(Frame frame) {
        frames.remove(frame);
        top = frames.peek();
        if (frame.timeCheck != null) {
            frame.timeCheck.cancel(false); // so the timer does not hold the job until its limit
        }
    }

    /**
     * Throws {@link StopSignal} when the running job has been asked to stop; called by the
     * checks in scripts and around every call to fanout.
     */
    void checkStop() {
        Frame f = top;
        if (f != null && f.stop != null) {
            throw new StopSignal(f.stop);
        }
        if (abandoned) {
            throw new StopSignal(Reason.ENGINE_RESTARTED);
        }
    }

    /**
     * Calls fanout for the running script: the call runs on a helper thread while this thread
     * keeps running jobs (nested), until the call returns or the script is stopped.
     */
    <R> R callHost(Supplier<R> call) {
        checkStop();
        Frame f = top;
        CompletableFuture<R> reply = new CompletableFuture<>();
        Future<?> task = hostCalls.submit(() -> {
            try {
                reply.complete(call.get());
            } catch (Throwable t) {
                reply.completeExceptionally(t);
            } finally {
                queue.offerFirst(WAKE);
            }
        });
        synchronized (this) {
            f.inHost = true;
            f.hostSince = System.nanoTime();
            f.hostReply = reply;
            f.hostTask = task;
            if (f.stop != null) {
                interruptHostCall(f);
            }
        }
        try {
            while (!reply.isDone()) {
                Job<?> next = queue.take();
                if (next != WAKE) {
                    runFrame(next);
                }
            }
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new StopSignal(Reason.CLOSED);
        } finally {
            synchronized (this) {
                f.hostNanos += System.nanoTime() - f.hostSince;
                f.inHost = false;
                f.hostReply = null;
                f.hostTask = null;
            }
        }
        checkStop();
        try {
            return reply.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private void interruptHostCall(Frame f) {
        f.hostReply.completeExceptionally(new StopSignal(f.stop));
        f.hostTask.cancel(true);
        queue.offerFirst(WAKE);
    }

    /** Stops a job: drops it when queued; asks it to stop (and the jobs nested in it) when running. */
    void stop(Job<?> job, Reason reason) {
        boolean dropped;
        synchronized (this) {
            dropped = queue.remove(job);
            if (!dropped) {
                for (Frame f : frames) {
                    if (f.job == job) {
                        stopFrom(f, reason);
                        break;
                    }
                }
            }
        }
        if (dropped) {
            job.fail(owner.stopped(job, reason));
        }
    }

    /** Stops every running job and drops the queued ones. */
    void stopAll(Reason reason) {
        List<Job<?>> dropped;
        synchronized (this) {
            dropped = drain();
            if (!frames.isEmpty()) {
                stopFrom(frames.peekLast(), reason);
            }
        }
        dropped.forEach(j -> j.fail(owner.stopped(j, reason)));
    }

    /** Stops everything and ends the thread. */
    void close() {
        List<Job<?>> dropped;
        synchronized (this) {
            closed = true;
            dropped = drain();
            if (!frames.isEmpty()) {
                stopFrom(frames.peekLast(), Reason.CLOSED);
            }
        }
        dropped.forEach(j -> j.fail(owner.stopped(j, Reason.CLOSED)));
        thread.interrupt();
    }

    // holds the lock
    private void stopFrom(Frame from, Reason reason) {
        boolean above = false;
        for (Iterator<Frame> it = frames.descendingIterator(); it.hasNext(); ) {
            Frame f = it.next();
            above |= f == from;
            if (above && f.stop == null) {
                f.stop = reason;
                if (f.inHost) {
                    interruptHostCall(f);
                }
            }
        }
        timer.schedule(() -> abandonIfStillRunning(from), GRACE_NANOS, TimeUnit.NANOSECONDS);
    }

    // holds the lock
    private void scheduleTimeCheck(Frame frame, long delayNanos) {
        frame.timeCheck = timer.schedule(() -> checkTime(frame), delayNanos, TimeUnit.NANOSECONDS);
    }

    private synchronized void checkTime(Frame frame) {
        if (abandoned || frame.stop != null || !frames.contains(frame)) {
            return;
        }
        long used = frame.jsNanos(System.nanoTime());
        if (used >= timeLimitNanos) {
            stopFrom(frame, Reason.TIME_LIMIT);
        } else {
            scheduleTimeCheck(frame, timeLimitNanos - used);
        }
    }

    private void abandonIfStillRunning(Frame frame) {
        List<Frame> lost;
        List<Job<?>> pending;
        synchronized (this) {
            if (abandoned || !frames.contains(frame)) {
                return;
            }
            abandoned = true;
            lost = new ArrayList<>(frames);
            frames.clear();
            top = null;
            pending = drain();
            for (Frame f : lost) {
                if (f.inHost) {
                    f.hostTask.cancel(true);
                }
            }
        }
        for (Frame f : lost) {
            f.job.fail(owner.stopped(f.job, f.stop != null ? f.stop : Reason.ENGINE_RESTARTED));
        }
        stopThread();
        if (closed) {
            pending.forEach(j -> j.fail(owner.stopped(j, Reason.CLOSED)));
        } else {
            owner.abandoned(this, pending);
        }
    }

    /**
     * Frees the CPU a runaway script holds. Thread.stop is the only way on Java 17 to stop code
     * that never checks; the thread's engine is thrown away, so no state it held is used again.
     * From Java 20 the call is refused and the thread is left to finish (it is a daemon).
     */
    @SuppressWarnings("deprecation")
    private void stopThread() {
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            // Java 20+: nothing more can be done
        }
    }

    // holds the lock
    private List<Job<?>> drain() {
        List<Job<?>> jobs = new ArrayList<>();
        for (Job<?> j; (j = queue.poll()) != null; ) {
            if (j != WAKE) {
                jobs.add(j);
            }
        }
        return jobs;
    }

    /** A running job and its clock. Fields other than {@code stop} are guarded by the loop. */
    private static final class Frame {
        final Job<?> job;
        final long start;
        long hostNanos;
        long hostSince;
        boolean inHost;
        CompletableFuture<?> hostReply;
        Future<?> hostTask;
        ScheduledFuture<?> timeCheck;
        volatile Reason stop;

        Frame(Job<?> job, long start) {
            this.job = job;
            this.start = start;
        }

        long jsNanos(long now) {
            return now - start - hostNanos - (inHost ? now - hostSince : 0);
        }
    }
}
