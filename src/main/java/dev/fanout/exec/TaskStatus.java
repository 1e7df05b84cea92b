package dev.fanout.exec;

import java.util.Locale;

/** Where a task stands in a run. The last five are final. */
public enum TaskStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    SKIPPED,
    CANCELLED;

    public boolean isFinal() {
        return ordinal() >= SUCCEEDED.ordinal();
    }

    /** The name used in run records and output: "timed_out". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
