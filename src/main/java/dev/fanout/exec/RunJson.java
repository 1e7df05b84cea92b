package dev.fanout.exec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import dev.fanout.graph.Decision;
import dev.fanout.task.TaskJson;
import dev.fanout.task.TaskSet;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json}: the run record as JSON. Results refer to each task's {@code result.json}
 * rather than holding it, so the record stays small however big the results are.
 */
public final class RunJson {
    static final int FORMAT = 1;
    static final com.fasterxml.jackson.databind.ObjectWriter WRITER =
            Json.mapper().writerWithDefaultPrettyPrinter();

    private RunJson() {}

    /** The record as it stands in run.json. */
    public static ObjectNode toJson(RunRecord r) {
        return toJson(r, TaskJson.toJson(r.tasks()));
    }

    /** As {@link #toJson(RunRecord)}, with the tasks already as JSON: they do not change during a run. */
    static ObjectNode toJson(RunRecord r, ArrayNode tasks) {
        ObjectNode o = header(r, tasks);
        ObjectNode results = o.putObject("results");
        r.results().forEach((id, t) -> results.set(id, toJson(t)));
        return o;
    }

    /**
     * Writes the record as {@link #toJson(RunRecord, ArrayNode)} gives it, byte for byte, one
     * result at a time: the tree of a 50,000-task record, made on each checkpoint, was most of
     * a big run's heap.
     */
    static void write(OutputStream out, RunRecord r, ArrayNode tasks) throws IOException {
        try (JsonGenerator g = WRITER.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : header(r, tasks).properties()) {
                g.writeFieldName(e.getKey());
                g.writeTree(e.getValue());
            }
            g.writeObjectFieldStart("results");
            for (Map.Entry<String, TaskResult> e : r.results().entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeTree(toJson(e.getValue()));
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** Everything but the results. */
    private static ObjectNode header(RunRecord r, ArrayNode tasks) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("format", FORMAT);
        o.put("run_id", r.runId());
        o.put("status", r.state().key());
        o.put("pid", r.pid());
        o.put("source", r.source());
        o.put("started_at", r.startedAt().toString());
        o.put("ended_at", r.endedAt() == null ? null : r.endedAt().toString());
        o.put("resumed_from", r.resumedFrom());
        o.put("mode", r.parallel() ? "parallel" : "sequential");
        o.put("jobs", r.jobs());
        o.put("decision", r.decision());
        o.put("estimated_speedup", round(r.estimatedSpeedup()));
        o.put("wall_seconds", round(r.wallSeconds()));
        o.put("task_seconds", round(r.taskSeconds()));
        o.put("measured_speedup", round(r.measuredSpeedup()));
        if (r.pid() == ProcessHandle.current().pid()) {
            // how this fanout kept each task's processes together (fanout doctor says more)
            Containment c = Containment.system();
            ObjectNode contained = o.putObject("containment");
            contained.put("kind", c.kind().key());
            c.controllers().forEach(contained.putArray("controllers")::add);
        }
        ObjectNode counts = o.putObject("counts");
        r.counts().forEach((s, c) -> counts.put(s.key(), c));
        o.set("tasks", tasks);
        if (r.tasks().config() != null) {
            o.set("config", r.tasks().config());
        }
        return o;
    }

    private static ObjectNode toJson(TaskResult t) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("status", t.status().key());
        if (t.reason() != null) {
            o.put("reason", t.reason());
        }
        o.put("seconds", round(t.seconds()));
        if (t.reused()) {
            o.put("reused", true);
        }
        if (t.cached() != null) {
            ObjectNode c = o.putObject("cache");
            c.put("key", t.cached().key());
            c.put("from_run", t.cached().fromRun());
            c.put("saved_seconds", round(t.cached().savedSeconds()));
        }
        if (t.result() != null) {
            o.put("result", "tasks/" + t.taskId() + "/result.json");
        }
        if (t.resultError() != null) {
            o.put("result_error", t.resultError());
        }
        ArrayNode attempts = o.putArray("attempts");
        for (Attempt a : t.attempts()) {
            ObjectNode j = attempts.addObject();
            j.put("attempt", a.number());
            j.put("status", a.status().key());
            j.put("started_at", a.startedAt().toString());
            j.put("ended_at", a.endedAt().toString());
            j.put("seconds", round(a.seconds()));
            if (a.queuedSeconds() > 0) {
                j.put("queued_seconds", round(a.queuedSeconds()));
            }
            if (a.exitCode() != null) {
                j.put("exit_code", a.exitCode());
            }
            if (a.signal() != 0) {
                j.put("signal", a.signal());
            }
            if (a.error() != null) {
                j.put("error", a.error());
            }
            if (a.worker() != null) {
                j.put("worker", a.worker());
            }
            if (a.lost()) {
                j.put("lost", true);
            }
        }
        return o;
    }

    /**
     * Reads a run record; results are read from each task's result.json.
     *
     * @throws IOException when the file cannot be read or is not a run record
     */
    static RunRecord read(Path dir) throws IOException {
        JsonNode o = Json.mapper().readTree(dir.resolve("run.json").toFile());
        if (o == null || !o.isObject() || !o.has("run_id")) {
            throw new IOException("not a run record");
        }
        String runId = o.path("run_id").asText();
        TaskSet read = TaskJson.fromJson(sourceOf(o), (ArrayNode) o.get("tasks"));
        TaskSet tasks = new TaskSet(read.source(), read.tasks(), o.get("config"), java.util.Map.of());
        Map<String, TaskResult> results = new LinkedHashMap<>();
        o.path("results").properties().forEach(e -> results.put(e.getKey(), result(dir, e.getKey(), e.getValue())));
        return new RunRecord(
                runId,
                RunState.ofKey(o.path("status").asText("running")),
                o.path("pid").asLong(),
                o.path("source").asText(),
                Instant.parse(o.path("started_at").asText()),
                o.path("ended_at").isTextual()
                        ? Instant.parse(o.path("ended_at").asText())
                        : null,
                o.path("resumed_from").isTextual() ? o.path("resumed_from").asText() : null,
                "parallel".equals(o.path("mode").asText()),
                o.path("jobs").asInt(1),
                o.path("decision").asText(""),
                o.path("estimated_speedup").asDouble(1),
                tasks,
                results,
                dir);
    }

    /** The original tasks file's name, so messages about resumed tasks still point at it. */
    private static String sourceOf(JsonNode o) {
        return o.path("source").asText("run.json");
    }

    private static TaskResult result(Path dir, String id, JsonNode o) {
        List<Attempt> attempts = new ArrayList<>();
        for (JsonNode a : o.path("attempts")) {
            attempts.add(new Attempt(
                    a.path("attempt").asInt(),
                    Instant.parse(a.path("started_at").asText()),
                    Instant.parse(a.path("ended_at").asText()),
                    TaskStatus.ofKey(a.path("status").asText()),
                    a.has("exit_code") ? a.get("exit_code").asInt() : null,
                    a.path("signal").asInt(0),
                    a.path("error").isTextual() ? a.get("error").asText() : null,
                    a.path("queued_seconds").asDouble(0),
                    a.path("worker").isTextual() ? a.get("worker").asText() : null,
                    a.path("lost").asBoolean(false)));
        }
        JsonNode value = null;
        String resultError =
                o.path("result_error").isTextual() ? o.get("result_error").asText() : null;
        if (o.path("result").isTextual()) {
            Path file = dir.resolve(o.get("result").asText());
            try {
                value = Files.exists(file) ? Json.mapper().readTree(file.toFile()) : null;
            } catch (IOException e) {
                resultError = "cannot read " + file + ": " + e.getMessage();
            }
        }
        return new TaskResult(
                id,
                TaskStatus.ofKey(o.path("status").asText()),
                attempts,
                o.path("reason").isTextual() ? o.get("reason").asText() : null,
                value,
                resultError,
                o.path("reused").asBoolean(false),
                o.path("cache").isObject()
                        ? new CacheNote(
                                o.path("cache").path("key").asText(),
                                o.path("cache").path("from_run").asText(),
                                o.path("cache").path("saved_seconds").asDouble())
                        : null);
    }

    private static double round(double d) {
        return Double.parseDouble(Decision.fmt(d));
    }
}
