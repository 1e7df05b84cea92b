package dev.fanout.script;

import dev.fanout.config.Config;

/**
 * How the JavaScript engine is set up.
 *
 * @param allowJava whether scripts may use Java classes ({@code allow_java})
 * @param timeLimitSeconds how long one evaluation may run JavaScript before it is stopped; time
 *     spent waiting for fanout (a run, a merge) does not count; 0 means no limit
 * @param memoryMb scripts are stopped when memory in use after a collection passes this; 0 means
 *     80% of the heap
 */
public record ScriptOptions(boolean allowJava, double timeLimitSeconds, long memoryMb) {

    public ScriptOptions(boolean allowJava, double timeLimitSeconds) {
        this(allowJava, timeLimitSeconds, 0);
    }

    public ScriptOptions {
        if (!(timeLimitSeconds >= 0)) {
            throw new IllegalArgumentException("time limit must be 0 or more seconds, not " + timeLimitSeconds);
        }
    }

    /** The options a configuration gives ({@code allow_java}, {@code script_time_limit_seconds}). */
    public static ScriptOptions from(Config config) {
        return new ScriptOptions(config.allowJava(), config.scriptTimeLimitSeconds(), config.scriptMemoryMb());
    }

    long timeLimitNanos() {
        return timeLimitSeconds == 0 ? 0 : (long) (timeLimitSeconds * 1e9);
    }
}
