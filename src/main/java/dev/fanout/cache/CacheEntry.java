package dev.fanout.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored result, as its {@code entry.json} describes it: which task and run it came from,
 * how long that run of it took, and every file it restores with its digest, size and mode.
 *
 * @param logs "stdout", "stderr", "result" to the stored copy of the task's file of that name
 * @param outputs the task's output files, by path relative to its cwd
 */
public record CacheEntry(
        String key,
        String taskId,
        String runId,
        Instant createdAt,
        double seconds,
        Map<String, StoredFile> logs,
        List<StoredFile> outputs) {

    /**
     * One file of an entry.
     *
     * @param path relative to the task's cwd (outputs) or the log's name (logs)
     * @param mode POSIX permissions as "rwxr-xr-x", or null where the file system has none
     */
    public record StoredFile(String path, String sha256, long size, String mode) {}

    public CacheEntry {
        logs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(logs));
        outputs = List.copyOf(outputs);
    }

    /** Bytes the entry's files hold. */
    public long size() {
        long n = 0;
        for (StoredFile f : logs.values()) {
            n += f.size();
        }
        for (StoredFile f : outputs) {
            n += f.size();
        }
        return n;
    }

    /** The entry.json text, sealed with a checksum over the rest so that an edit is seen. */
    byte[] toJson() throws IOException {
        ObjectNode o = body();
        o.put("checksum", Sha256.hex(Json.mapper().writeValueAsBytes(body())));
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
    }

    private ObjectNode body() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", KeyManifest.FORMAT);
        o.put("key", key);
        o.put("task_id", taskId);
        o.put("run_id", runId);
        o.put("created_at", createdAt.toString());
        o.put("seconds", seconds);
        ObjectNode l = o.putObject("logs");
        logs.forEach((name, f) -> l.set(name, file(f)));
        ArrayNode outs = o.putArray("outputs");
        outputs.forEach(f -> outs.add(file(f)));
        return o;
    }

    private static ObjectNode file(StoredFile f) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("path", f.path());
        o.put("sha256", f.sha256());
        o.put("size", f.size());
        if (f.mode() != null) {
            o.put("mode", f.mode());
        }
        return o;
    }

    /**
     * Reads an entry.json back and checks its seal.
     *
     * @throws IOException naming what is wrong: not JSON, a field missing, the checksum not matching
     */
    static CacheEntry parse(byte[] bytes) throws IOException {
        JsonNode o;
        try {
            o = Json.mapper().readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("entry.json is not JSON");
        }
        if (o == null || !o.isObject() || o.path("format").asInt() != KeyManifest.FORMAT) {
            throw new IOException("entry.json is not an entry of this cache format");
        }
        try {
            CacheEntry e = new CacheEntry(
                    text(o, "key"),
                    text(o, "task_id"),
                    text(o, "run_id"),
                    Instant.parse(text(o, "created_at")),
                    o.path("seconds").asDouble(),
                    logs(o.path("logs")),
                    outputs(o.path("outputs")));
            if (!Sha256.hex(Json.mapper().writeValueAsBytes(e.body()))
                    .equals(o.path("checksum").asText())) {
                throw new IOException("entry.json was changed after it was written (its checksum does not match)");
            }
            return e;
        } catch (RuntimeException e) {
            throw new IOException("entry.json is incomplete (" + e.getMessage() + ")");
        }
    }

    private static Map<String, StoredFile> logs(JsonNode l) {
        Map<String, StoredFile> out = new LinkedHashMap<>();
        l.properties().forEach(e -> out.put(e.getKey(), stored(e.getValue())));
        return out;
    }

    private static List<StoredFile> outputs(JsonNode a) {
        List<StoredFile> out = new ArrayList<>();
        a.forEach(f -> out.add(stored(f)));
        return out;
    }

    private static StoredFile stored(JsonNode f) {
        String sha = text(f, "sha256");
        if (!Sha256.isHex(sha)) {
            throw new IllegalArgumentException("a file digest is not SHA-256 hex");
        }
        return new StoredFile(
                text(f, "path"),
                sha,
                f.path("size").asLong(),
                f.hasNonNull("mode") ? f.get("mode").asText() : null);
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        return v.textValue();
    }
}
