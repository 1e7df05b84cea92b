package dev.fanout.exec;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Executor;

/**
 * Virtual time for the scheduler: when no event is waiting, the clock jumps to the next timer and
 * runs every timer due then, so things that end together are all seen before anything starts (as
 * the list schedule assumes). Attempts launch on the caller's thread. A run that would wait for
 * an event that can never come fails at once instead of hanging.
 */
final class VirtualTimeline implements Timeline {
    static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    private static final class Pending implements Timer {
        final long at;
        final long seq;
        final Runnable action;
        boolean cancelled;

        Pending(long at, long seq, Runnable action) {
            this.at = at;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final PriorityQueue<Pending> timers =
            new PriorityQueue<>(Comparator.<Pending>comparingLong(p -> p.at).thenComparingLong(p -> p.seq));
    private long now;
    private long seq;

    @Override
    public Instant now() {
        return ORIGIN.plusMillis(now);
    }

    @Override
    public long millis() {
        return now;
    }

    @Override
    public Timer schedule(long delayMillis, Runnable action) {
        Pending p = new Pending(now + Math.max(0, delayMillis), seq++, action);
        timers.add(p);
        return p;
    }

    @Override
    public SchedulerEvent await(BlockingDeque<SchedulerEvent> events, long timeoutMillis) {
        SchedulerEvent e = events.poll();
        if (e != null) {
            return e;
        }
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll();
        }
        if (timers.isEmpty()) {
            if (timeoutMillis < 0) {
                throw new IllegalStateException(
                        "the scheduler waits for an event that will never come, at " + now + " ms");
            }
            now += timeoutMillis;
            return null;
        }
        long at = timers.peek().at;
        if (timeoutMillis >= 0 && at > now + timeoutMillis) {
            now += timeoutMillis;
            return null;
        }
        now = at;
        while (!timers.isEmpty() && timers.peek().at == at) {
            Pending p = timers.poll();
            if (!p.cancelled) {
                p.action.run();
            }
        }
        return events.poll();
    }

    @Override
    public Executor launchers(int jobs) {
        return Runnable::run;
    }

    @Override
    public void close() {
        timers.clear();
    }
}
