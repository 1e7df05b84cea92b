package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code file_read} strategy: the contents every task read, concatenated in task order, each
 * under a header naming its source ({@code ==> SOURCE <==}, as {@code head} and {@code tail}
 * print it).
 *
 * <p>Reads: {@code {"path": PATH, "content": TEXT}}; {@code {"files": [such objects]}}; a bare
 * string (the content); or {@code {"path": PATH}} alone, in which case the file is read
 * (relative to the task's working directory). A task with no result contributes its stdout log.
 * Files and logs are read up to {@value #MAX_BYTES} bytes each (a note says when one was cut).
 * Tasks that did not succeed are listed, not concatenated.
 *
 * <p>Returns: {@code {"content": TEXT, "sources": [{"task", "source", "chars", "truncated"?}],
 * "failed_tasks", "notes"}}.
 */
public final class FileReadMerge implements MergeStrategy {
    public static final String NAME = "file_read";
    static final int MAX_BYTES = 8 * 1024 * 1024;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "contents concatenated in task order, each under a header with its source";
    }

    @Override
    public JsonNode merge(List<TaskOutput> outputs) {
        MergeNotes notes = MergeNotes.of(outputs);
        StringBuilder content = new StringBuilder();
        ArrayNode sources = JsonNodeFactory.instance.arrayNode();
        for (TaskOutput o : outputs) {
            if (!o.succeeded()) {
                continue;
            }
            int before = sources.size();
            JsonNode r = o.result();
            if (r != null && r.isTextual()) {
                append(content, sources, o, "task " + o.taskId(), r.asText(), false);
            } else if (r != null && (r.isObject() || r.isArray())) {
                for (JsonNode file : Fields.items(r, "files")) {
                    section(content, sources, notes, o, file);
                }
                if (r.isObject() && !r.has("files")) {
                    section(content, sources, notes, o, r);
                }
            }
            if (sources.size() == before && o.stdout() != null && Files.isRegularFile(o.stdout())) {
                String source = "task " + o.taskId() + " stdout";
                readInto(content, sources, notes, o, source, o.stdout());
            }
            if (sources.size() == before) {
                notes.add("task " + o.taskId() + " returned no content");
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("content", content.toString());
        out.set("sources", sources);
        return notes.writeTo(out);
    }

    /** One file of a task's result: its content, or the file at its path. */
    private static void section(
            StringBuilder content, ArrayNode sources, MergeNotes notes, TaskOutput o, JsonNode file) {
        String path = Fields.text(file, "path", "file", "source");
        JsonNode text = file.isObject() ? file.get("content") : null;
        if (text != null && !text.isNull()) {
            append(content, sources, o, path != null ? path : "task " + o.taskId(), text.asText(), false);
        } else if (path != null) {
            try {
                readInto(content, sources, notes, o, path, o.resolve(path));
            } catch (InvalidPathException e) {
                notes.add("task " + o.taskId() + ": '" + path + "' is not a valid path");
            }
        }
    }

    private static void readInto(
            StringBuilder content, ArrayNode sources, MergeNotes notes, TaskOutput o, String source, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES);
            boolean truncated = in.read() != -1;
            if (truncated) {
                notes.add(source + " is longer than " + MAX_BYTES + " bytes; only the start is included");
            }
            append(content, sources, o, source, new String(bytes, StandardCharsets.UTF_8), truncated);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            notes.add("task " + o.taskId() + ": " + source + " could not be read (" + why + ")");
        }
    }

    private static void append(
            StringBuilder content, ArrayNode sources, TaskOutput o, String source, String text, boolean truncated) {
        if (content.length() > 0) {
            content.append('\n');
        }
        content.append("==> ").append(source).append(" <==\n").append(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            content.append('\n');
        }
        ObjectNode entry = sources.addObject()
                .put("task", o.taskId())
                .put("source", source)
                .put("chars", text.length());
        if (truncated) {
            entry.put("truncated", true);
        }
    }
}
