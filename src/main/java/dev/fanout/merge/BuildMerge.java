package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code build} strategy: the build succeeded only if every task did; the artifacts with
 * their sizes; the failures.
 *
 * <p>Reads: {@code {"success": BOOL (or "succeeded"), "status", "artifacts": [PATH or {"path"
 * (or "name"), "size" (or "size_bytes")}], "error" (or "message")}}. A size not given is read
 * from the file (relative paths against the task's working directory) when it exists. A task that
 * succeeded with no result counts as a successful build with no artifacts; a task that did not
 * succeed, or says {@code "success": false} or a status such as "failed", is a failure and its
 * artifacts are not listed.
 *
 * <p>Returns: {@code {"succeeded": BOOL, "artifacts": [{"task", "path", "size" (null when
 * unknown)}], "total_size": BYTES (each path counted once), "failures": [{"task", "status",
 * "error"?}], "failed_tasks", "notes"}}.
 */
public final class BuildMerge implements MergeStrategy {
    public static final String NAME = "build";
    private static final Set<String> FAILED = Set.of("failed", "failure", "error", "broken");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "succeeded only if all did; artifacts with sizes; failures listed";
    }

    @Override
    public JsonNode merge(List<TaskOutput> outputs) {
        MergeNotes notes = MergeNotes.of(outputs);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode artifacts = JsonNodeFactory.instance.arrayNode();
        ArrayNode failures = JsonNodeFactory.instance.arrayNode();
        Set<String> counted = new HashSet<>();
        long totalSize = 0;
        int unknownSizes = 0;
        for (TaskOutput o : outputs) {
            JsonNode r = o.result();
            Boolean said = Fields.flag(r, "success", "succeeded");
            String status = Fields.text(r, "status");
            boolean ok = o.succeeded()
                    && !Boolean.FALSE.equals(said)
                    && (status == null || !FAILED.contains(status.toLowerCase(Locale.ROOT)));
            if (!ok) {
                ObjectNode failure = failures.addObject()
                        .put("task", o.taskId())
                        .put("status", o.succeeded() ? (status != null ? status : "failed") : o.status());
                String error = Fields.text(r, "error", "message", "reason");
                if (error != null) {
                    failure.put("error", error);
                }
                continue;
            }
            for (JsonNode a : Fields.items(r, "artifacts")) {
                String path = a.isValueNode() ? a.asText() : Fields.text(a, "path", "name", "file");
                if (path == null || path.isEmpty()) {
                    notes.add("task " + o.taskId() + ": an artifact without a path was left out");
                    continue;
                }
                Long size = a.isObject() ? Fields.count(a, "size", "size_bytes", "bytes") : null;
                if (size == null) {
                    size = sizeOnDisk(o, path);
                }
                ObjectNode entry = artifacts.addObject().put("task", o.taskId()).put("path", path);
                if (size == null) {
                    entry.putNull("size");
                    unknownSizes++;
                } else {
                    entry.put("size", size);
                    if (counted.add(path)) {
                        totalSize += size;
                    }
                }
            }
        }
        if (unknownSizes > 0) {
            notes.add(unknownSizes
                    + " artifact(s) have no size given and no file to measure; total_size leaves them out");
        }
        if (outputs.isEmpty()) {
            notes.add("no build tasks to merge");
        }
        out.put("succeeded", !outputs.isEmpty() && failures.isEmpty());
        out.set("artifacts", artifacts);
        out.put("total_size", totalSize);
        out.set("failures", failures);
        return notes.writeTo(out);
    }

    private static Long sizeOnDisk(TaskOutput o, String path) {
        try {
            Path file = o.resolve(path);
            return Files.isRegularFile(file) ? Files.size(file) : null;
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }
}
