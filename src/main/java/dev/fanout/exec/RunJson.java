package dev.fanout.exec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import dev.fanout.Numbers;
import dev.fanout.task.TaskJson;
import dev.fanout.task.TaskSet;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
        Usage usage = r.usage();
        if (usage != null) {
            // what the agents reported spending: the run's total and each agent's
            ObjectNode u = o.putObject("usage");
            u.set("total", usage.toJson());
            ObjectNode agents = u.putObject("agents");
            r.usageByAgent().forEach((agent, a) -> agents.set(agent, a.toJson()));
        }
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
            if (a.usage() != null) {
                j.set("usage", a.usage().toJson());
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

    /** Binds run.json; keys a later fanout adds are left alone, so an older one still reads its records. */
    private static final ObjectReader READER =
            Json.mapper().readerFor(RunFile.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Reads a run record; results are read from each task's result.json.
     *
     * @throws IOException when the file cannot be read or is not a run record
     */
    static RunRecord read(Path dir) throws IOException {
        RunFile f;
        try {
            f = READER.readValue(dir.resolve("run.json").toFile());
        } catch (MismatchedInputException e) {
            throw e.getPath().isEmpty()
                    ? new IOException("not a run record", e)
                    : new IOException(
                            "the field " + where(e.getPath()) + " has the wrong type",
                            e); // a number where text was, say
        }
        if (f == null || f.runId() == null) {
            throw new IOException("not a run record");
        }
        // the original tasks file's name, so messages about resumed tasks still point at it
        TaskSet read = TaskJson.fromJson(f.source() == null ? "run.json" : f.source(), (ArrayNode) f.tasks());
        TaskSet tasks = new TaskSet(read.source(), read.tasks(), f.config(), Map.of());
        Map<String, TaskResult> results = new LinkedHashMap<>();
        if (f.results() != null) {
            f.results().forEach((id, t) -> results.put(id, result(dir, id, t)));
        }
        return new RunRecord(
                f.runId(),
                RunState.ofKey(f.status() == null ? "running" : f.status()),
                f.pid(),
                f.source() == null ? "" : f.source(),
                Instant.parse(f.startedAt()),
                f.endedAt() == null ? null : Instant.parse(f.endedAt()),
                f.resumedFrom(),
                "parallel".equals(f.mode()),
                f.jobs() == null ? 1 : f.jobs(),
                f.decision() == null ? "" : f.decision(),
                f.estimatedSpeedup() == null ? 1 : f.estimatedSpeedup(),
                tasks,
                results,
                dir);
    }

    /** A field's place in the record, as {@code results.build.attempts.0.signal}. */
    private static String where(List<JsonMappingException.Reference> path) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference r : path) {
            parts.add(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
        }
        return String.join(".", parts);
    }

    private static TaskResult result(Path dir, String id, RunFile.Result t) {
        List<Attempt> attempts = new ArrayList<>();
        if (t.attempts() != null) {
            t.attempts().forEach(a -> attempts.add(a.toAttempt()));
        }
        JsonNode value = null;
        String resultError = t.resultError();
        if (t.result() != null) {
            Path file = dir.resolve(t.result());
            try {
                value = Files.exists(file) ? Json.mapper().readTree(file.toFile()) : null;
            } catch (IOException e) {
                resultError = "cannot read " + file + ": " + e.getMessage();
            }
        }
        RunFile.Cache c = t.cache();
        return new TaskResult(
                id,
                TaskStatus.ofKey(t.status()),
                attempts,
                t.reason(),
                value,
                resultError,
                t.reused(),
                c == null
                        ? null
                        : new CacheNote(
                                Objects.requireNonNullElse(c.key(), ""),
                                Objects.requireNonNullElse(c.fromRun(), ""),
                                c.savedSeconds()));
    }

    /**
     * {@code d} to two decimals, the value {@code Numbers.text(d)} prints ({@code %.2f}: half up on
     * the shortest decimal form), without a Formatter: formatting was most of a checkpoint's CPU.
     */
    static double round(double d) {
        if (!(Math.abs(d) < 1e9)) {
            return Numbers.rounded(d); // NaN, infinities, huge values: as they were
        }
        double r = new BigDecimal(Double.toString(d))
                .setScale(2, RoundingMode.HALF_UP)
                .doubleValue();
        return r == 0 ? Math.copySign(0.0, d) : r;
    }
}
