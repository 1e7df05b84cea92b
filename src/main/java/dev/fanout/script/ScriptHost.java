package dev.fanout.script;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What scripts reach through the {@code fanout} object, implemented by the session. Everything
 * crosses as JSON: a script's objects arrive as Jackson trees and what a method returns reaches
 * the script as plain JavaScript objects and arrays.
 *
 * <p>Calls come from a helper thread while the script waits, never from the engine's own thread,
 * so a method may run scripts itself (a run with script tasks, a merge with a JavaScript
 * strategy). A method should return promptly when its thread is interrupted: that is how a
 * stopped script (Ctrl-C, time limit) stops the work it started. Errors are thrown as
 * {@link dev.fanout.FanoutException}; the script sees the message as a JavaScript {@code Error}.
 */
public interface ScriptHost {

    /** The session's tasks: an array of task objects in the tasks-file shape. */
    JsonNode tasks();

    /** The session's dependency graph, e.g. {@code {"nodes": [...], "edges": [{"from": "a", "to": "b"}]}}. */
    JsonNode graph();

    /**
     * Reads a tasks file without changing the session.
     *
     * @param file a path, relative to the session's working folder
     * @return {@code {"tasks": [...], "config": {...}}}: the file's tasks and its config, if any
     *     (an array of tasks alone is taken too)
     */
    JsonNode load(String file);

    /** Adds a task object (the tasks-file shape) to the session's tasks. */
    void addTask(JsonNode task);

    /**
     * Analyses tasks: waves, critical path, speedup, decision.
     *
     * @param tasks an array of task objects, or null for the session's tasks
     */
    JsonNode analyze(JsonNode tasks);

    /**
     * Runs tasks and waits for the run to end.
     *
     * @param options null to run the session's tasks; else an object such as
     *     {@code {"tasks": [...]}} or {@code {"file": "tasks.json"}}, optionally with
     *     {@code "config": {...}} settings for this run
     * @return the run's summary; at least {@code run_id} and {@code status}
     */
    JsonNode run(JsonNode options);

    /**
     * The task outputs of a run.
     *
     * @param runId a run id, or null for the session's last run
     * @return an array of {@code {"task_id", "type", "status", "result"}} objects in task order
     */
    JsonNode results(String runId);

    /**
     * Merges task outputs with a strategy (built-in or registered by a script).
     *
     * @param strategy a strategy name, or {@code auto}
     * @param results an array shaped like {@link #results}, or null for the last run's
     */
    JsonNode merge(String strategy, JsonNode results);

    /** The known merge strategies: an array of {@code {"name", "description", "origin"}}. */
    JsonNode strategies();

    /** The session's variables as an object of strings ({@code fanout.vars}). */
    default JsonNode vars() {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }

    /**
     * A line a script logged, as it is logged (the same lines come back with the result of the
     * evaluation, so a caller that prints results need not print these too).
     */
    default void log(String line) {}
}
