package dev.fanout.script;

import dev.fanout.FanoutException;

/** A script was stopped before it finished: interrupted, over its time limit, or lost with a restarted engine. */
public class ScriptStoppedException extends FanoutException {

    /** Why a script was stopped. */
    public enum Reason {
        /** Someone asked (Ctrl-C, a cancelled task). */
        CANCELLED,
        /** It ran JavaScript longer than {@code script_time_limit_seconds}. */
        TIME_LIMIT,
        /** Memory in use passed {@code script_memory_mb} while it ran. */
        MEMORY_LIMIT,
        /** Another script would not stop, so the engine was replaced and this one went with it. */
        ENGINE_RESTARTED,
        /** The bridge was closed. */
        CLOSED
    }

    private final String origin;
    private final Reason reason;

    public ScriptStoppedException(String origin, Reason reason, double timeLimitSeconds) {
        super(reason == Reason.CANCELLED ? INTERRUPTED : FAILED, origin + ": " + explain(reason, timeLimitSeconds));
        this.origin = origin;
        this.reason = reason;
    }

    private static String explain(Reason reason, double limit) {
        return switch (reason) {
            case CANCELLED -> "stopped (interrupted)";
            case TIME_LIMIT ->
                "stopped after " + seconds(limit) + " of JavaScript (script_time_limit_seconds);"
                        + " raise the limit, or set it to 0 for none";
            case MEMORY_LIMIT ->
                "stopped: memory in use passed " + (long) limit + " MB (script_memory_mb); keep less in memory,"
                        + " or raise it with 'set script_memory_mb N' and give fanout more heap with FANOUT_JAVA_OPTS=-XmxNm";
            case ENGINE_RESTARTED ->
                "stopped because the JavaScript engine had to be restarted (another script would not stop)";
            case CLOSED -> "stopped because the JavaScript engine was closed";
        };
    }

    private static String seconds(double s) {
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }

    public String origin() {
        return origin;
    }

    public Reason reason() {
        return reason;
    }
}
