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
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /**
     * Keys kept, the most recently used: one key per task ever run made the file grow without
     * bound (51,200 keys made a 1,000-task run 1.28 times slower).
     */
    static final int MAX_KEYS = 10_000;

    private final Path file;
    /** The file as last read or written, and its modification time then: read again only when it changed. */
    private ObjectNode known;

    private FileTime knownTime;

    DurationHistory(Path file) {
        this.file = file;
    }

    /** Measured seconds by task id, for the tasks of this run that have a history. */
    public synchronized Map<String, Double> measured(Iterable<Task> tasks) {
        JsonNode history = read();
        Map<String, Double> out = new HashMap<>();
        if (history.isEmpty()) {
            return out;
        }
        for (Task t : tasks) {
            JsonNode s = history.get(key(t));
            if (s != null && s.isNumber()) {
                out.put(t.id(), s.doubleValue());
            }
        }
        return out;
    }

    /**
     * Folds this run's successful durations into the history, its tasks' keys as the most
     * recently used, and keeps the newest {@link #MAX_KEYS}. Best effort: a failure to write
     * loses only hints.
     */
    synchronized void record(Iterable<Task> tasks, Map<String, TaskResult> results) {
        ObjectNode before = read();
        Map<String, JsonNode> used = new LinkedHashMap<>();
        for (Task t : tasks) {
            String key = key(t);
            JsonNode old = before.get(key);
            TaskResult r = results.get(t.id());
            if (r == null || r.status() != TaskStatus.SUCCEEDED || r.reused() || r.lastAttempt() == null) {
                if (old != null) {
                    used.put(key, old);
                }
                continue;
            }
            double now = r.lastAttempt().seconds();
            double value = old != null && old.isNumber() ? SMOOTHING * now + (1 - SMOOTHING) * old.doubleValue() : now;
            used.put(key, JsonNodeFactory.instance.numberNode(Math.round(value * 1000) / 1000.0));
        }
        // oldest first, as the file keeps them: what this run did not use, then what it did
        ObjectNode after = JsonNodeFactory.instance.objectNode();
        int unused = before.size();
        for (String key : used.keySet()) {
            if (before.has(key)) {
                unused--;
            }
        }
        int skip = Math.max(0, unused + used.size() - MAX_KEYS);
        for (Map.Entry<String, JsonNode> e : before.properties()) {
            if (!used.containsKey(e.getKey()) && skip-- <= 0) {
                after.set(e.getKey(), e.getValue());
            }
        }
        int drop = Math.max(0, used.size() - MAX_KEYS);
        for (Map.Entry<String, JsonNode> e : used.entrySet()) {
            if (drop-- <= 0) {
                after.set(e.getKey(), e.getValue());
            }
        }
        try {
            AtomicFile.write(file, out -> Json.mapper().writeValue(out, after));
            known = after;
            knownTime = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            // durations are hints for ordering; the run record itself is intact
        }
    }

    /** The history, read from the file only when it changed since this instance last read or wrote it. */
    private ObjectNode read() {
        try {
            if (Files.exists(file)) {
                FileTime time = Files.getLastModifiedTime(file);
                if (known != null && time.equals(knownTime)) {
                    return known;
                }
                try (JsonParser parser = FACTORY.createParser(file.toFile())) {
                    if (parser.nextToken() != null) {
                        JsonNode read = Json.read(parser);
                        if (read instanceof ObjectNode o) {
                            known = o;
                            knownTime = time;
                            return o;
                        }
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
        // as %08x, without a Formatter: two keys a task, a measurable part of a big run's end
        String hex = Long.toHexString(crc.getValue());
        return t.id() + " " + "00000000".substring(hex.length()) + hex;
    }
}
