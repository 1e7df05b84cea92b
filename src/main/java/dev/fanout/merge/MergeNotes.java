package dev.fanout.merge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What every built-in strategy reports beside its answer: the tasks that did not succeed
 * ({@code failed_tasks}) and notes for the reader ({@code notes}), such as a result that could
 * not be read or a figure computed a weaker way. {@link ResultMerger} lifts the notes into
 * {@link Merged#notes()}.
 */
final class MergeNotes {
    private final List<String> notes = new ArrayList<>();
    private final ArrayNode failedTasks = JsonNodeFactory.instance.arrayNode();

    /**
     * Notes every output's problems: a task that did not succeed is listed, a result that could
     * not be read is noted (the task is then merged as one that returned nothing).
     */
    static MergeNotes of(List<TaskOutput> outputs) {
        MergeNotes notes = new MergeNotes();
        for (TaskOutput o : outputs) {
            if (o.resultUnreadable()) {
                notes.add("task " + o.taskId() + ": " + o.resultError() + "; merged as if it returned nothing");
            }
            if (!o.succeeded()) {
                ObjectNode entry =
                        notes.failedTasks.addObject().put("task", o.taskId()).put("status", o.status());
                String error = Fields.text(o.result(), "error", "message");
                if (error != null) {
                    entry.put("error", error);
                }
            }
        }
        return notes;
    }

    void add(String note) {
        notes.add(note);
    }

    /** Adds {@code failed_tasks} and {@code notes} (both always present, maybe empty) to {@code out}. */
    ObjectNode writeTo(ObjectNode out) {
        out.set("failed_tasks", failedTasks);
        ArrayNode array = out.putArray("notes");
        notes.forEach(array::add);
        return out;
    }
}
