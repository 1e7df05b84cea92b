package dev.fanout.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.LocatedException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Tasks as the JSON of a tasks file, and back: for run records and session snapshots. */
public final class TaskJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TaskJson() {}

    /** The task as it would stand in a tasks file (only the fields it has). */
    public static ObjectNode toJson(Task t) {
        ObjectNode o = NODES.objectNode();
        o.put("id", t.id());
        putIf(o, "type", t.type());
        putIf(o, "description", t.description());
        if (!t.dependsOn().isEmpty()) {
            ArrayNode deps = o.putArray("depends_on");
            t.dependsOn().forEach(deps::add);
        }
        if (t.estimatedSeconds() != null) {
            o.put("estimated_seconds", t.estimatedSeconds());
        }
        if (t.command() != null) {
            if (t.command().isShell()) {
                o.put("command", t.command().shellLine());
            } else {
                ArrayNode argv = o.putArray("command");
                t.command().argv().forEach(argv::add);
            }
        }
        putIf(o, "agent", t.agent());
        putIf(o, "prompt", t.prompt());
        putIf(o, "script", t.script());
        putIf(o, "cwd", t.cwd());
        if (!t.env().isEmpty()) {
            ObjectNode env = o.putObject("env");
            t.env().forEach(env::put);
        }
        if (t.timeoutSeconds() != null) {
            o.put("timeout_seconds", t.timeoutSeconds());
        }
        if (t.retries() != null) {
            o.put("retries", t.retries());
        }
        if (!t.noRetryExitCodes().isEmpty()) {
            ArrayNode codes = o.putArray("no_retry_exit_codes");
            t.noRetryExitCodes().forEach(codes::add);
        }
        if (!t.inputs().isEmpty()) {
            ArrayNode inputs = o.putArray("inputs");
            t.inputs().forEach(inputs::add);
        }
        if (t.limits().memoryMaxBytes() != null) {
            o.put("memory_max", t.limits().memoryMaxBytes());
        }
        if (t.limits().cpus() != null) {
            o.put("cpus", t.limits().cpus());
        }
        if (!t.caching().outputs().isEmpty()) {
            t.caching().outputs().forEach(o.putArray("outputs")::add);
        }
        if (!t.caching().envInputs().isEmpty()) {
            t.caching().envInputs().forEach(o.putArray("env_inputs")::add);
        }
        if (t.caching().cache() != null) {
            o.put("cache", t.caching().cache());
        }
        putIf(o, "isolation", t.isolation());
        putIf(o, "base", t.base());
        putIf(o, "pool", t.pool());
        if (!t.requires().isEmpty()) {
            ObjectNode requires = o.putObject("requires");
            t.requires().forEach(requires::put);
        }
        return o;
    }

    public static ArrayNode toJson(TaskSet set) {
        ArrayNode array = NODES.arrayNode();
        set.tasks().forEach(t -> array.add(toJson(t)));
        return array;
    }

    /**
     * Reads tasks back from the JSON {@link #toJson(TaskSet)} wrote, validating them as a file.
     *
     * @param source the name messages give the tasks ("run 2026…/run.json")
     * @throws LocatedException when the JSON is not a valid task list
     */
    public static TaskSet fromJson(String source, ArrayNode tasks) {
        byte[] bytes = tasks.toString().getBytes(StandardCharsets.UTF_8);
        return new TaskFileReader().read(source, new ByteArrayInputStream(bytes), false);
    }

    private static void putIf(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
