package dev.fanout.cluster;

import com.hazelcast.collection.IQueue;
import com.hazelcast.collection.ItemEvent;
import com.hazelcast.collection.ItemListener;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reads a queue in batches without Hazelcast's blocking operations: a parked {@code take} or
 * {@code poll(timeout)} on a partition that migrates (a member joins or leaves) was lost here
 * and waited out the 60 s call timeout. Instead: non-blocking {@code drainTo}, woken by the
 * queue's item events, and once a second regardless in case an event went astray.
 */
final class QueueReader<T> implements AutoCloseable {
    private static final long FALLBACK_MILLIS = 1000;

    private final IQueue<T> queue;
    private final Semaphore added = new Semaphore(0);
    private final UUID registration;

    QueueReader(IQueue<T> queue) {
        this.queue = queue;
        this.registration = queue.addItemListener(
                new ItemListener<T>() {
                    @Override
                    public void itemAdded(ItemEvent<T> e) {
                        added.release();
                    }

                    @Override
                    public void itemRemoved(ItemEvent<T> e) {
                        // only additions wake the reader
                    }
                },
                false);
    }

    /**
     * Up to {@code max} items, waiting up to a second when there are none.
     *
     * @return the items, perhaps none
     */
    List<T> next(int max) throws InterruptedException {
        List<T> batch = new ArrayList<>();
        queue.drainTo(batch, max);
        if (batch.isEmpty()) {
            added.tryAcquire(FALLBACK_MILLIS, TimeUnit.MILLISECONDS);
            added.drainPermits();
            queue.drainTo(batch, max);
        }
        return batch;
    }

    @Override
    public void close() {
        try {
            queue.removeItemListener(registration);
        } catch (RuntimeException ignored) {
            // the cluster is gone, and the listener with it
        }
    }
}
