package dev.fanout.script;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Stops scripts before they exhaust the JVM's heap: a script that fills memory would otherwise end
 * in an OutOfMemoryError that kills the engine's and the timer's threads, and fanout hangs. After a
 * garbage collection leaves more in use than the limit, the JVM notifies this watch (collection
 * usage thresholds on the heap's pools), and the running scripts are stopped at their next check.
 */
final class MemoryWatch implements AutoCloseable {
    /** Share of the maximum heap a script may fill when {@code script_memory_mb} is 0. */
    static final double DEFAULT_SHARE =
            0.6; // the rest is headroom: a script allocating fast fills more before it is stopped

    private final NotificationEmitter emitter;
    private final NotificationListener listener;
    private final long limitMb;

    private MemoryWatch(NotificationEmitter emitter, NotificationListener listener, long limitMb) {
        this.emitter = emitter;
        this.listener = listener;
        this.limitMb = limitMb;
    }

    /** The limit in MB: {@code configuredMb}, or 60 % of the maximum heap when it is 0. */
    static long limitMb(long configuredMb) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        long auto = (long) (maxHeap * DEFAULT_SHARE) >> 20;
        return configuredMb > 0 ? Math.min(configuredMb, maxHeap >> 20) : Math.max(1, auto);
    }

    /** Starts watching; {@code exceeded} runs (on a JVM service thread) each time memory after a collection passes the limit. */
    static MemoryWatch start(long configuredMb, Runnable exceeded) {
        long limitMb = limitMb(configuredMb);
        // the limit itself on each heap pool that may hold it: G1's old generation spans the whole
        // heap, the serial collector's (the launcher's) only part of it, where a share of the
        // pool would have stopped scripts sooner
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()) {
                long max = pool.getUsage().getMax();
                if (max > 0) {
                    pool.setCollectionUsageThreshold(Math.max(1, Math.min(max, limitMb << 20)));
                }
            }
        }
        NotificationEmitter emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
        NotificationListener listener = (Notification n, Object handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())) {
                exceeded.run();
            }
        };
        emitter.addNotificationListener(listener, null, null);
        return new MemoryWatch(emitter, listener, limitMb);
    }

    long limitMb() {
        return limitMb;
    }

    @Override
    public void close() {
        try {
            emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
            // already gone
        }
    }
}
