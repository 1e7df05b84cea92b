package dev.fanout.exec;

import java.time.Duration;
import java.time.Instant;

/**
 * One try at running a task.
 *
 * @param exitCode the process's exit code, or null when it did not start or was killed by a signal
 * @param signal the signal that ended it, or 0
 * @param error what went wrong in words, or null
 * @param queuedSeconds of the time from start to end, how long it was not running on the shared
 *     runner it takes turns on (a script task waits for the one JavaScript engine); 0 for processes
 * @param usage what an agent reported it spent (cost, tokens, turns), or null
 * @param worker the cluster worker that ran it ({@code host:port}), or null when it ran here
 * @param lost whether it was lost with its worker (not a failure of the task: it runs again, and
 *     the lost try does not count against its retries)
 */
public record Attempt(
        int number,
        Instant startedAt,
        Instant endedAt,
        TaskStatus status,
        Integer exitCode,
        int signal,
        String error,
        double queuedSeconds,
        Usage usage,
        String worker,
        boolean lost) {

    public Attempt(
            int number,
            Instant startedAt,
            Instant endedAt,
            TaskStatus status,
            Integer exitCode,
            int signal,
            String error,
            double queuedSeconds) {
        this(number, startedAt, endedAt, status, exitCode, signal, error, queuedSeconds, null, null, false);
    }

    public Attempt(
            int number,
            Instant startedAt,
            Instant endedAt,
            TaskStatus status,
            Integer exitCode,
            int signal,
            String error) {
        this(number, startedAt, endedAt, status, exitCode, signal, error, 0);
    }

    /** Time it actually ran: waiting for a runner is not running. */
    public double seconds() {
        return Math.max(0, Duration.between(startedAt, endedAt).toNanos() / 1e9 - queuedSeconds);
    }
}
