package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.FanoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges task outputs with a named strategy or one chosen from the tasks' types, and never loses
 * a result: when a strategy throws or returns nothing, the outcome holds the individual results
 * and the error.
 */
public final class ResultMerger {
    private final StrategyRegistry registry;

    public ResultMerger(StrategyRegistry registry) {
        this.registry = registry;
    }

    /**
     * Merges {@code outputs} (in task order).
     *
     * @param strategy a registered strategy's name, or "auto" (or null) to choose from the task
     *     types: one type gives its strategy (the generic one when no strategy has the type's
     *     name); several give each type's strategy, combined into one object keyed by type
     * @return the outcome; {@link Merged#failed()} when the strategy failed
     * @throws FanoutException (bad input) when no strategy has that name; the message suggests the closest
     */
    public Merged merge(List<TaskOutput> outputs, String strategy) {
        List<TaskOutput> in = List.copyOf(outputs);
        if (strategy != null && !strategy.isBlank() && !strategy.equals(StrategyRegistry.AUTO)) {
            MergeStrategy s = registry.require(strategy).strategy();
            List<String> notes = new ArrayList<>();
            Attempt a = attempt(s, in);
            liftNotes(a.json, "", notes);
            return new Merged(s.name(), a.json, a.error, notes);
        }
        Map<String, List<TaskOutput>> byType = new LinkedHashMap<>();
        for (TaskOutput o : in) {
            byType.computeIfAbsent(o.type(), k -> new ArrayList<>()).add(o);
        }
        List<String> notes = new ArrayList<>();
        if (in.isEmpty()) {
            notes.add("there were no task outputs to merge");
        }
        if (byType.size() <= 1) {
            String type = byType.isEmpty() ? null : byType.keySet().iterator().next();
            MergeStrategy s = registry.forType(type);
            notes.add("strategy '" + s.name() + "' chosen from the tasks' type"
                    + (type == null ? "" : " '" + type + "'"));
            Attempt a = attempt(s, in);
            liftNotes(a.json, "", notes);
            return new Merged(s.name(), a.json, a.error, notes);
        }
        ObjectNode combined = JsonNodeFactory.instance.objectNode();
        List<String> errors = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        Map<String, String> typeStrategies = new LinkedHashMap<>();
        for (Map.Entry<String, List<TaskOutput>> e : byType.entrySet()) {
            MergeStrategy s = registry.forType(e.getKey());
            chosen.add(e.getKey() + " → " + s.name());
            typeStrategies.put(e.getKey(), s.name());
            Attempt a = attempt(s, e.getValue());
            combined.set(e.getKey(), a.json);
            liftNotes(a.json, e.getKey() + ": ", notes);
            if (a.error != null) {
                errors.add(e.getKey() + ": " + a.error);
            }
        }
        notes.add(
                0,
                "tasks of " + byType.size() + " types merged each with its own strategy (" + String.join(", ", chosen)
                        + ")");
        return new Merged(
                "by_type", combined, errors.isEmpty() ? null : String.join("; ", errors), notes, typeStrategies);
    }

    /** Merges {@code outputs} with a strategy given as it is (one made for this merge, such as changes --onto). */
    public Merged mergeWith(List<TaskOutput> outputs, MergeStrategy s) {
        List<String> notes = new ArrayList<>();
        Attempt a = attempt(s, List.copyOf(outputs));
        liftNotes(a.json, "", notes);
        return new Merged(s.name(), a.json, a.error, notes);
    }

    /** A strategy's answer, or the individual results and why the strategy failed. */
    private record Attempt(JsonNode json, String error) {}

    private static Attempt attempt(MergeStrategy s, List<TaskOutput> outputs) {
        String error;
        try {
            JsonNode json = s.merge(outputs);
            if (json != null && !json.isMissingNode()) {
                return new Attempt(json, null);
            }
            error = "strategy '" + s.name() + "' returned nothing";
        } catch (MergeException e) {
            error = e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            // a user's strategy can fail any way; its results must survive it
            error = "strategy '" + s.name() + "' failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return new Attempt(new ByTaskMerge().merge(outputs), error);
    }

    /** Copies the {@code notes} array a strategy put in its answer, if any. */
    private static void liftNotes(JsonNode json, String prefix, List<String> notes) {
        JsonNode n = json.get("notes");
        if (n != null && n.isArray()) {
            n.forEach(note -> {
                if (note.isTextual()) {
                    notes.add(prefix + note.asText());
                }
            });
        }
    }
}
