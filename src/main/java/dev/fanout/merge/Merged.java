package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.FanoutException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a merge. Nothing is ever lost: when the strategy failed, {@code json} holds the
 * individual results keyed by task id (what the {@code generic} strategy gives) and
 * {@code error} says what went wrong.
 *
 * @param strategy the strategy used: its name, or "by_type" when tasks of several types were
 *     merged each with their own
 * @param json the merged answer (never null)
 * @param error why the strategy failed, or null when it did not
 * @param notes warnings for the reader, e.g. that coverage is an average of percentages
 * @param typeStrategies for "by_type": each type's strategy, in the order of {@code json}'s keys; else empty
 */
public record Merged(
        String strategy, JsonNode json, String error, List<String> notes, Map<String, String> typeStrategies) {

    public Merged {
        notes = List.copyOf(notes);
        typeStrategies = Collections.unmodifiableMap(new LinkedHashMap<>(typeStrategies));
    }

    /** The outcome of one strategy. */
    public Merged(String strategy, JsonNode json, String error, List<String> notes) {
        this(strategy, json, error, notes, Map.of());
    }

    /** Whether the strategy failed (the individual results are then in {@link #json}). */
    public boolean failed() {
        return error != null;
    }

    /** The exit code a one-shot command ends with: 0, or 1 ({@link FanoutException#FAILED}) when the merge failed. */
    public int exitCode() {
        return failed() ? FanoutException.FAILED : 0;
    }

    /**
     * The outcome as written to a run's {@code merged.json}: {@code {"strategy", "strategies"
     * (type to strategy, only for by_type), "ok", "error" (only when failed), "notes": [...],
     * "result": JSON}}.
     */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("strategy", strategy);
        if (!typeStrategies.isEmpty()) {
            ObjectNode byType = out.putObject("strategies");
            typeStrategies.forEach(byType::put);
        }
        out.put("ok", !failed());
        if (failed()) {
            out.put("error", error);
        }
        ArrayNode n = out.putArray("notes");
        notes.forEach(n::add);
        out.set("result", json);
        return out;
    }
}
