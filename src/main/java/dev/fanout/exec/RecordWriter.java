package dev.fanout.exec;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps {@code run.json} current while a run goes, on a thread of its own so the scheduler
 * never waits for a write. Snapshots offered during a write are coalesced: only the newest is
 * written. Writes are spaced by at least {@link #MIN_GAP_MILLIS} and by nine times the last
 * write's duration, so a big run's record costs at most a tenth of a core: with 1,000 short
 * tasks on two cores, checkpoints five times a second took more CPU than anything else fanout
 * did, and that CPU was the tasks'. Each write replaces the file atomically, so a fanout killed
 * at any moment leaves the last complete record, at most about a second old.
 */
final class RecordWriter implements Scheduler.Checkpoints, AutoCloseable {
    static final long MIN_GAP_MILLIS = 1000;

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
            synchronized (this) {
                writing = false;
                notBefore = System.currentTimeMillis() + Math.max(MIN_GAP_MILLIS - took, 9 * took);
            }
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
