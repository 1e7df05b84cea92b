package dev.fanout.exec;

import java.time.Duration;
import java.time.Instant;

/**
 * One try at running a task.
 *
 * @param exitCode the process's exit code, or null when it did not start or was killed by a signal
 * @param signal the signal that ended it, or 0
 * @param error what went wrong in words, or null
 */
public record Attempt(
        int number, Instant startedAt, Instant endedAt, TaskStatus status, Integer exitCode, int signal, String error) {

    public double seconds() {
        return Duration.between(startedAt, endedAt).toNanos() / 1e9;
    }
}
