package dev.fanout.exec;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps {@code run.json} current while a run goes, on a thread of its own so the scheduler
 * never waits for a write. Snapshots offered during a write are coalesced: only the newest is
 * written. Writes are spaced by at least {@link #MIN_GAP_MILLIS} and by nine times the CPU the
 * last write took, so a big run's record costs at most a tenth of a core: with 1,000 short
 * tasks on two cores, checkpoints five times a second took more CPU than anything else fanout
 * did, and that CPU was the tasks'. CPU, not wall time: on a loaded machine a first write
 * (classes loading, nothing compiled yet) took seconds of wall, and nine times that kept the
 * record from showing running tasks for most of a minute. Each write replaces the file
 * atomically, so a fanout killed at any moment leaves the last complete record.
 */
final class RecordWriter implements Scheduler.Checkpoints, AutoCloseable {
    static final long MIN_GAP_MILLIS = 1000;
    private static final java.nio.file.Path SCHEDSTAT = java.nio.file.Path.of("/proc/thread-self/schedstat");

    /** Writes one record; may fail (a full disk, say). */
    interface Sink {
        void write(RunRecord record) throws IOException;
    }

    private final Function<Map<String, TaskResult>, RunRecord> record;
    private final Sink sink;
    private final Thread thread;
    private Map<String, TaskResult> pending;
    private boolean writing;
    /** When the next write may start, in currentTimeMillis. */
    private long notBefore;

    private boolean closed;
    private IOException failure;

    /**
     * @param record makes the record to write from the tasks' results
     * @param sink writes it
     */
    RecordWriter(Function<Map<String, TaskResult>, RunRecord> record, Sink sink) {
        this.record = record;
        this.sink = sink;
        this.thread = new Thread(this::loop, "fanout-record");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands over the newest results; returns at once. */
    @Override
    public synchronized void offer(Map<String, TaskResult> results) {
        pending = results;
        notifyAll();
    }

    /**
     * Whether a snapshot offered now would be written at once: nothing pending, no write under
     * way, and the gap since the last one passed. The scheduler makes a snapshot (a result per
     * task) only then, so a big run's snapshots cost no more than its writes.
     */
    @Override
    public synchronized boolean ready() {
        return pending == null && !writing && System.currentTimeMillis() >= notBefore;
    }

    /** The first write that failed, or null: the run goes on, and the final record says the rest. */
    synchronized IOException failure() {
        return failure;
    }

    private void loop() {
        while (true) {
            Map<String, TaskResult> next;
            synchronized (this) {
                try {
                    while (!closed && (pending == null || System.currentTimeMillis() < notBefore)) {
                        wait(pending == null ? 0 : Math.max(1, notBefore - System.currentTimeMillis()));
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) {
                    return;
                }
                next = pending;
                pending = null;
                writing = true;
            }
            long t0 = System.currentTimeMillis();
            long cpu0 = cpuNanos();
            try {
                sink.write(record.apply(next));
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    if (failure == null) {
                        failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                    }
                }
            }
            long took = System.currentTimeMillis() - t0;
            long cpu1 = cpu0 < 0 ? -1 : cpuNanos();
            long cpu = cpu1 < 0 ? took : (cpu1 - cpu0) / 1_000_000;
            synchronized (this) {
                writing = false;
                notBefore = System.currentTimeMillis() + Math.max(MIN_GAP_MILLIS - took, 9 * cpu);
            }
        }
    }

    /**
     * This thread's CPU time so far, from Linux's {@code /proc/thread-self/schedstat} (a small
     * read, where the JDK's thread MXBean loads some fifty classes), or -1 where it cannot be read.
     */
    static long cpuNanos() {
        try {
            String stat = java.nio.file.Files.readString(SCHEDSTAT);
            int space = stat.indexOf(' ');
            return Long.parseLong(space < 0 ? stat.strip() : stat.substring(0, space));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Stops writing: drops what is pending and waits for a write under way, so a final record written next is the last. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            pending = null;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
