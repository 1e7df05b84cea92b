package dev.fanout.exec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.AtomicFile;
import dev.fanout.Json;
import dev.fanout.task.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * How long tasks took in earlier runs ({@code runs/durations.json}), as Ninja keeps its log: a
 * task is known by its id and what it runs, and its duration is smoothed over runs. The
 * scheduler orders ready tasks by these measured lengths when it has them.
 */
public final class DurationHistory {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Weight of the newest measurement. */
    private static final double SMOOTHING = 0.5;

    private final Path file;

    DurationHistory(Path file) {
        this.file = file;
    }

    /** Measured seconds by task id, for the tasks of this run that have a history. */
    public Map<String, Double> measured(Iterable<Task> tasks) {
        JsonNode known = read();
        Map<String, Double> out = new HashMap<>();
        if (known.isEmpty()) {
            return out;
        }
        for (Task t : tasks) {
            JsonNode s = known.get(key(t));
            if (s != null && s.isNumber()) {
                out.put(t.id(), s.doubleValue());
            }
        }
        return out;
    }

    /** Folds this run's successful durations into the history. Best effort: a failure to write loses only hints. */
    void record(Iterable<Task> tasks, Map<String, TaskResult> results) {
        JsonNode before = read();
        ObjectNode after = before.isObject() ? ((ObjectNode) before).deepCopy() : JsonNodeFactory.instance.objectNode();
        for (Task t : tasks) {
            TaskResult r = results.get(t.id());
            if (r == null || r.status() != TaskStatus.SUCCEEDED || r.reused() || r.lastAttempt() == null) {
                continue;
            }
            double now = r.lastAttempt().seconds();
            String key = key(t);
            JsonNode old = after.get(key);
            double value = old != null && old.isNumber() ? SMOOTHING * now + (1 - SMOOTHING) * old.doubleValue() : now;
            after.put(key, Math.round(value * 1000) / 1000.0);
        }
        try {
            AtomicFile.write(file, out -> Json.mapper().writeValue(out, after));
        } catch (IOException e) {
            // durations are hints for ordering; the run record itself is intact
        }
    }

    private JsonNode read() {
        try {
            if (Files.exists(file)) {
                try (JsonParser parser = FACTORY.createParser(file.toFile())) {
                    if (parser.nextToken() != null) {
                        return Json.read(parser);
                    }
                }
            }
        } catch (IOException e) {
            // an unreadable history is as good as none; the next run rewrites it
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * The task's id and a short hash of what it runs: a changed command is a new task. CRC-32,
     * not a cryptographic digest: the key only tells one command of a task id from another, and
     * MessageDigest's first use (security providers) cost about 30 ms before a run's first task.
     */
    static String key(Task t) {
        CRC32 crc = new CRC32();
        crc.update(RunDirectory.describe(t).getBytes(StandardCharsets.UTF_8));
        return t.id() + " " + String.format(Locale.ROOT, "%08x", crc.getValue());
    }
}
