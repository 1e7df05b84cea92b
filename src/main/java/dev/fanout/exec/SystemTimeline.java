package dev.fanout.exec;

import java.time.Instant;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Real time: the system clock, one timer thread, and a few launch threads. Starting a process
 * blocks until the child has exec'd (25-50 ms a task on a loaded machine), which the scheduler's
 * one thread must not wait for, and several starts overlap well since each mostly waits.
 */
final class SystemTimeline implements Timeline {
    private static final int LAUNCH_THREADS = 4;

    private final ScheduledThreadPoolExecutor timers = timers();
    private ExecutorService launchers;

    /**
     * One timer thread; a cancelled timer leaves its queue at once: each task's timeout is
     * cancelled when it ends, and kept until due (ten minutes by default) they were a big run's
     * heap.
     */
    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "fanout-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    @Override
    public Timer schedule(long delayMillis, Runnable action) {
        ScheduledFuture<?> f = timers.schedule(action, delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    /** Timers not yet due nor cancelled. */
    int pendingTimers() {
        return timers.getQueue().size();
    }

    @Override
    public SchedulerEvent await(BlockingDeque<SchedulerEvent> events, long timeoutMillis) throws InterruptedException {
        return timeoutMillis < 0 ? events.take() : events.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized Executor launchers(int jobs) {
        if (launchers == null) {
            launchers = Executors.newFixedThreadPool(Math.min(jobs, LAUNCH_THREADS), r -> {
                Thread t = new Thread(r, "fanout-launch");
                t.setDaemon(true);
                return t;
            });
        }
        return launchers;
    }

    @Override
    public synchronized void close() {
        timers.shutdownNow();
        if (launchers != null) {
            launchers.shutdownNow();
        }
    }
}
