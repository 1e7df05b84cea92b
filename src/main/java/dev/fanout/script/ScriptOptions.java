package dev.fanout.script;

import dev.fanout.config.Config;

/**
 * How the JavaScript engine is set up.
 *
 * @param allowJava whether scripts may use Java classes ({@code allow_java})
 * @param timeLimitSeconds how long one evaluation may run JavaScript before it is stopped; time
 *     spent waiting for fanout (a run, a merge) does not count; 0 means no limit
 */
public record ScriptOptions(boolean allowJava, double timeLimitSeconds) {

    public ScriptOptions {
        if (!(timeLimitSeconds >= 0)) {
            throw new IllegalArgumentException("time limit must be 0 or more seconds, not " + timeLimitSeconds);
        }
    }

    /** The options a configuration gives ({@code allow_java}, {@code script_time_limit_seconds}). */
    public static ScriptOptions from(Config config) {
        return new ScriptOptions(config.allowJava(), config.scriptTimeLimitSeconds());
    }

    long timeLimitNanos() {
        return timeLimitSeconds == 0 ? 0 : (long) (timeLimitSeconds * 1e9);
    }
}
