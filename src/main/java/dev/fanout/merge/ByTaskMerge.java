package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code generic} strategy: every task's result, unchanged, keyed by task id, with its
 * status. Used for types no strategy knows, and to keep the individual results when a strategy
 * fails.
 *
 * <p>Reads: any result (or none).
 *
 * <p>Returns: {@code {"tasks": {ID: {"type", "status", "result" (null when none),
 * "result_error" (only when the result could not be read), "stdout" (the log's path, when
 * known)}}, "succeeded": N, "not_succeeded": N, "failed_tasks": [...], "notes": [...]}}.
 */
public final class ByTaskMerge implements MergeStrategy {
    public static final String NAME = "generic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "every task's result keyed by task id, with its status";
    }

    @Override
    public JsonNode merge(List<TaskOutput> outputs) {
        MergeNotes notes = MergeNotes.of(outputs);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode tasks = out.putObject("tasks");
        int succeeded = 0;
        for (TaskOutput o : outputs) {
            String key = o.taskId();
            // outputs of several runs may share ids; keep each under its own key
            for (int n = 2; tasks.has(key); n++) {
                key = o.taskId() + "#" + n;
            }
            if (!key.equals(o.taskId())) {
                notes.add("task id " + o.taskId() + " appears more than once; the later one is under '" + key + "'");
            }
            ObjectNode entry = tasks.putObject(key).put("type", o.type()).put("status", o.status());
            entry.set("result", o.hasResult() ? o.result() : JsonNodeFactory.instance.nullNode());
            if (o.resultUnreadable()) {
                entry.put("result_error", o.resultError());
            }
            if (o.stdout() != null) {
                entry.put("stdout", o.stdout().toString());
            }
            succeeded += o.succeeded() ? 1 : 0;
        }
        out.put("succeeded", succeeded).put("not_succeeded", outputs.size() - succeeded);
        return notes.writeTo(out);
    }
}
