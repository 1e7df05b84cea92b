package dev.fanout.script;

import dev.fanout.FanoutException;
import dev.fanout.script.ScriptStoppedException.Reason;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps one {@link EngineLoop} going: starts it when the first job comes, and when a loop has to
 * be abandoned (a script that would not stop) starts the next one, which first evaluates the
 * definitions again, then takes over the jobs that were waiting.
 */
final class EngineSupervisor {
    private final ScriptOptions options;
    private final Function<EngineLoop, NashornEngine> engineFactory;
    private final Supplier<Job<?>> replay;
    private final EngineLoop.Owner owner = new Owner();
    private final Object lock = new Object();
    // guarded by lock
    private EngineLoop loop;
    private int generation;
    private ScheduledExecutorService timer;
    private ExecutorService hostCalls;
    private boolean closed;
    private MemoryWatch memory;

    /**
     * @param engineFactory makes the engine on a new loop's thread
     * @param replay the job that evaluates the definitions again in a restarted engine
     */
    EngineSupervisor(
            ScriptOptions options, Function<EngineLoop, NashornEngine> engineFactory, Supplier<Job<?>> replay) {
        this.options = options;
        this.engineFactory = engineFactory;
        this.replay = replay;
    }

    boolean engineStarted() {
        synchronized (lock) {
            return loop != null && loop.engineStarted();
        }
    }

    /** Queues a job (or runs it at once when called from a job on the engine's thread); cancelling the future stops it. */
    <T> CompletableFuture<T> submit(Job<T> job) {
        job.result.whenComplete((value, error) -> {
            if (job.result.isCancelled()) {
                EngineLoop l = current();
                if (l != null) {
                    l.stop(job, Reason.CANCELLED);
                }
            }
        });
        while (true) {
            EngineLoop l = loop();
            if (l.isEngineThread()) {
                l.runNested(job);
                break;
            }
            if (l.offer(job)) {
                break;
            }
        }
        return job.result;
    }

    /**
     * Submits a job and waits for it; an interrupt of the waiting thread stops the job.
     *
     * @throws FanoutException what the job failed with
     */
    <T> T await(Job<T> job) {
        CompletableFuture<T> future = submit(job);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw stopped(job, Reason.CANCELLED);
        } catch (CancellationException e) {
            throw stopped(job, Reason.CANCELLED);
        } catch (ExecutionException e) {
            throw EngineSupervisor.rethrown(e.getCause());
        }
    }

    /** What a job failed with, thrown again on the waiting thread: unchecked ones as they are. */
    static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(cause);
    }

    ScriptStoppedException stopped(Job<?> job, Reason reason) {
        return new ScriptStoppedException(
                job.origin,
                reason,
                reason == Reason.MEMORY_LIMIT ? MemoryWatch.limitMb(options.memoryMb()) : options.timeLimitSeconds());
    }

    /** Stops every running and waiting job; later jobs run as usual. */
    void cancel() {
        EngineLoop l = current();
        if (l != null) {
            l.stopAll(Reason.CANCELLED);
        }
    }

    void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (loop != null) {
                loop.close();
                memory.close();
                timer.shutdownNow();
                hostCalls.shutdownNow();
            }
        }
    }

    private EngineLoop current() {
        synchronized (lock) {
            return loop;
        }
    }

    private EngineLoop loop() {
        synchronized (lock) {
            if (closed) {
                throw new FanoutException(FanoutException.SOFTWARE, "the JavaScript engine has been closed");
            }
            if (loop == null || loop.abandoned()) {
                startLoop(loop != null);
            }
            return loop;
        }
    }

    // holds the lock
    private void startLoop(boolean restart) {
        if (timer == null) {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("fanout-js-timer"));
            t.setRemoveOnCancelPolicy(true);
            timer = t;
            hostCalls = Executors.newCachedThreadPool(daemon("fanout-js-host"));
            memory = MemoryWatch.start(options.memoryMb(), () -> {
                EngineLoop l = current();
                if (l != null) {
                    l.stopRunning(Reason.MEMORY_LIMIT);
                }
            });
        }
        loop = new EngineLoop(owner, timer, hostCalls, options.timeLimitNanos(), "fanout-js-" + (++generation));
        if (restart) {
            loop.offer(replay.get());
        }
        loop.start();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private final class Owner implements EngineLoop.Owner {
        @Override
        public NashornEngine createEngine(EngineLoop l) {
            return engineFactory.apply(l);
        }

        @Override
        public void abandoned(EngineLoop old, List<Job<?>> pending) {
            synchronized (lock) {
                if (closed) {
                    pending.forEach(j -> j.fail(stopped(j, Reason.CLOSED)));
                    return;
                }
                if (loop == old) {
                    startLoop(true);
                }
                pending.forEach(j -> {
                    if (!loop.offer(j)) {
                        j.fail(stopped(j, Reason.ENGINE_RESTARTED));
                    }
                });
            }
        }

        @Override
        public ScriptStoppedException stopped(Job<?> job, Reason reason) {
            return EngineSupervisor.this.stopped(job, reason);
        }
    }
}
