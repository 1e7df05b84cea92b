package dev.fanout.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.merge.MergeException;
import dev.fanout.merge.MergeStrategy;
import dev.fanout.merge.TaskOutput;
import java.util.List;

/**
 * A merge strategy written in JavaScript with {@code fanout.registerMerge}. Its function gets the
 * outputs as an array of {@code {task_id, type, status, result}} objects (copies: the outputs
 * themselves cannot be changed) and returns the merged value.
 */
public final class ScriptMergeStrategy implements MergeStrategy {
    private final ScriptBridge bridge;
    private final ScriptRegistry.Entry entry;

    ScriptMergeStrategy(ScriptBridge bridge, ScriptRegistry.Entry entry) {
        this.bridge = bridge;
        this.entry = entry;
    }

    @Override
    public String name() {
        return entry.name();
    }

    @Override
    public String description() {
        return entry.description() != null ? entry.description() : "JavaScript merge from " + entry.origin();
    }

    /** The file or {@code <expression>} that registered this strategy. */
    public String origin() {
        return entry.origin();
    }

    /**
     * Calls the JavaScript function on the engine's thread and waits for it.
     *
     * @throws MergeException when the function throws, returns {@code undefined}, is stopped
     *     (Ctrl-C, time limit), or is no longer defined
     */
    @Override
    public JsonNode merge(List<TaskOutput> outputs) {
        return bridge.mergeWithScript(entry, outputs);
    }

    @Override
    public String toString() {
        return "ScriptMergeStrategy[" + entry.name() + " from " + entry.origin() + "]";
    }
}
