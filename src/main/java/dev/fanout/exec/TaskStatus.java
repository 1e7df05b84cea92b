package dev.fanout.exec;

import java.util.Locale;

/** Where a task stands in a run. The last six are final; succeeded and cached are successes. */
public enum TaskStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    /** Not run: its result was restored from the result cache. */
    CACHED,
    FAILED,
    TIMED_OUT,
    SKIPPED,
    CANCELLED;

    public boolean isFinal() {
        return ordinal() >= SUCCEEDED.ordinal();
    }

    /** Whether it counts as a success (for its dependents, the run's state, merges). */
    public boolean isSuccess() {
        return this == SUCCEEDED || this == CACHED;
    }

    /** The name used in run records and output: "timed_out". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
