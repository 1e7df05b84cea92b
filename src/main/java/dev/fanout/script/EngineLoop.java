package dev.fanout.script;

import dev.fanout.FanoutException;
import dev.fanout.script.ScriptStoppedException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * One engine on its own thread, running jobs one at a time (Nashorn is not thread-safe).
 *
 * <p>While a script waits for fanout (a run, a merge) the thread keeps taking jobs, so a run's
 * script tasks or a JavaScript merge called from a script run nested instead of deadlocking.
 *
 * <p>Stopping a job sets a flag that the checks compiled into every loop and function throw
 * on ({@link FrameStack}). A job still running a grace period later (code fanout could not
 * instrument, such as {@code eval}'d text) costs the thread: the loop is abandoned, its thread
 * stopped where the JVM allows it, and the owner starts a new engine.
 */
final class EngineLoop {
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
    private final ExecutorService hostCalls;
    private final Thread thread;
    private final BlockingDeque<Job<?>> queue = new LinkedBlockingDeque<>();
    private final FrameStack frames;
    private volatile boolean abandoned;
    private volatile boolean closed;
    private volatile boolean started;
    // engine thread only
    private NashornEngine engine;
    // heap set aside for reporting a full heap: freed first, so that failing the job can allocate
    private byte[] reserve = new byte
            [(int) Math.min(8 << 20, Math.max(1 << 20, Runtime.getRuntime().maxMemory() / 16))];
    private Throwable startFailure;

    EngineLoop(
            Owner owner, ScheduledExecutorService timer, ExecutorService hostCalls, long timeLimitNanos, String name) {
        this.owner = owner;
        this.hostCalls = hostCalls;
        this.frames = new FrameStack(timer, timeLimitNanos, () -> queue.offerFirst(WAKE), this::abandon);
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
        runJob(job);
    }

    /** The job whose script is running now; engine thread only, null between jobs. */
    Job<?> currentJob() {
        JobFrame f = frames.top();
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
                    runJob(job);
                }
            }
        } catch (InterruptedException e) {
            // closed
        } catch (ThreadDeath death) {
            // abandoned and stopped: the owner has taken over
        }
    }

    private <T> void runJob(Job<T> job) {
        if (job.finished() || job.result.isDone()) {
            return;
        }
        if (startFailure != null) {
            job.fail(new FanoutException(
                    FanoutException.SOFTWARE, "could not start the JavaScript engine: " + startFailure, startFailure));
            return;
        }
        JobFrame frame = frames.push(job);
        T value = null;
        Throwable failure = null;
        try {
            value = job.work.run(engine, job);
        } catch (ThreadDeath death) {
            frames.pop(frame);
            throw death;
        } catch (Throwable t) {
            failure = t;
        }
        frames.pop(frame);
        if (abandoned) {
            return; // every job of this loop was failed when it was given up
        }
        try {
            if (filledTheHeap(failure)) {
                failure = null;
                giveUpFullHeap(job);
            } else if (frame.stop != null) {
                job.fail(owner.stopped(job, frame.stop));
            } else if (failure != null) {
                job.fail(engine.translate(failure, job));
            } else {
                job.succeed(value);
            }
        } catch (OutOfMemoryError e) {
            giveUpFullHeap(job); // reporting the end found the heap full
        }
    }

    /** Whether a job failed for want of heap, as itself or as the cause the engine wrapped. */
    private static boolean filledTheHeap(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /**
     * The heap filled before the memory watch could stop the script (it allocated faster than a
     * collection could report). What it built may outlive the job, held by the engine (a global
     * variable), so that every thread of fanout would fail next: the engine is dropped before
     * anything is allocated, then the loop gives up its thread. The jobs fail as memory stops and
     * the owner starts a new engine, its definitions evaluated again, for what comes next.
     */
    private void giveUpFullHeap(Job<?> job) {
        reserve = null;
        engine = null;
        boolean first;
        List<Job<?>> pending;
        synchronized (this) {
            first = !abandoned;
            abandoned = true;
            pending = drain();
        }
        List<JobFrame> outer = frames.clear();
        job.fail(owner.stopped(job, Reason.MEMORY_LIMIT));
        for (JobFrame f : outer) {
            f.job.fail(owner.stopped(f.job, Reason.MEMORY_LIMIT));
        }
        if (!first) {
            return; // given up once already: the owner has moved on
        }
        if (closed) {
            pending.forEach(j -> j.fail(owner.stopped(j, Reason.CLOSED)));
        } else {
            owner.abandoned(this, pending);
        }
    }

    /**
     * Throws {@link StopSignal} when the running job has been asked to stop; called by the
     * checks in scripts and around every call to fanout.
     */
    void checkStop() {
        JobFrame f = frames.top();
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
        JobFrame f = frames.top();
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
        frames.enterHost(f, reply, task);
        try {
            while (!reply.isDone()) {
                Job<?> next = queue.take();
                if (next != WAKE) {
                    runJob(next);
                }
            }
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new StopSignal(Reason.CLOSED);
        } finally {
            frames.leaveHost(f);
        }
        checkStop();
        try {
            return reply.join();
        } catch (CompletionException e) {
            throw EngineSupervisor.rethrown(e.getCause());
        }
    }

    /** Stops a job: drops it when queued; asks it to stop (and the jobs nested in it) when running. */
    void stop(Job<?> job, Reason reason) {
        if (queue.remove(job)) {
            job.fail(owner.stopped(job, reason));
        } else {
            frames.stop(job, reason);
        }
    }

    /** Stops the running jobs; queued ones stay. */
    void stopRunning(Reason reason) {
        frames.stopAll(reason);
    }

    /** Stops every running job and drops the queued ones. */
    void stopAll(Reason reason) {
        stopEverything(reason, false);
    }

    /** Stops everything and ends the thread. */
    void close() {
        stopEverything(Reason.CLOSED, true);
        thread.interrupt();
    }

    private void stopEverything(Reason reason, boolean closing) {
        List<Job<?>> dropped;
        synchronized (this) {
            closed |= closing;
            dropped = drain();
        }
        frames.stopAll(reason);
        dropped.forEach(j -> j.fail(owner.stopped(j, reason)));
    }

    /** Gives up the thread if a job asked to stop a grace period ago is still running. */
    private void abandon(JobFrame stuck) {
        List<JobFrame> lost = frames.clearIfStillRunning(stuck);
        if (lost == null) {
            return;
        }
        List<Job<?>> pending;
        boolean first;
        synchronized (this) {
            first = !abandoned;
            abandoned = true;
            pending = drain();
        }
        for (JobFrame f : lost) {
            f.job.fail(owner.stopped(f.job, f.stop != null ? f.stop : Reason.ENGINE_RESTARTED));
        }
        stopThread();
        if (!first) {
            return; // a thread given up before that went on running (Java 20+): the owner has moved on
        }
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
}
