package dev.fanout.cluster;

import java.util.List;

/**
 * A worker as {@code fanout workers} shows it.
 *
 * @param running the tasks it runs now, as {@code RUN-ID/TASK-ID}; empty when it did not answer
 * @param problem why it did not answer (another key, no answer in time), or null
 */
public record WorkerStatus(String address, int slots, Labels labels, List<String> running, String problem) {
    public WorkerStatus {
        running = List.copyOf(running);
    }
}
