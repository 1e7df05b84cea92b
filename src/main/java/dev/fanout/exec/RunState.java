package dev.fanout.exec;

import java.util.Locale;

/** How a run as a whole ended. */
public enum RunState {
    RUNNING,
    SUCCEEDED,
    PARTIAL,
    FAILED,
    INTERRUPTED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunState ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
