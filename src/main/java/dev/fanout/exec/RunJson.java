package dev.fanout.exec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
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
import java.io.ByteArrayOutputStream;
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
        ObjectNode o = header(r);
        o.set("tasks", tasks);
        if (r.tasks().config() != null) {
            o.set("config", r.tasks().config());
        }
        ObjectNode results = o.putObject("results");
        r.results().forEach((id, t) -> results.set(id, toJson(t)));
        return o;
    }

    /** As {@link #write(OutputStream, RunRecord, RecordBytes)}, every part formatted afresh. */
    static void write(OutputStream out, RunRecord r, ArrayNode tasks) throws IOException {
        write(out, r, new RecordBytes(tasks));
    }

    /**
     * Writes the record as {@link #toJson(RunRecord, ArrayNode)} gives it, byte for byte, each
     * result straight to the generator: the tree of a 50,000-task record, made on each
     * checkpoint, was most of a big run's heap. The tasks and each settled result come from
     * {@code parts}, formatted once in the run, so the final record of a big run formats only
     * its header and what changed since the last checkpoint.
     */
    static void write(OutputStream out, RunRecord r, RecordBytes parts) throws IOException {
        try (JsonGenerator g = WRITER.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : header(r).properties()) {
                g.writeFieldName(e.getKey());
                g.writeTree(e.getValue());
            }
            g.writeFieldName("tasks");
            g.writeRawValue(parts.tasks());
            if (r.tasks().config() != null) {
                g.writeFieldName("config");
                g.writeTree(r.tasks().config());
            }
            g.writeObjectFieldStart("results");
            for (Map.Entry<String, TaskResult> e : r.results().entrySet()) {
                g.writeFieldName(e.getKey());
                SerializableString settled = parts.settled(e.getValue());
                if (settled != null) {
                    g.writeRawValue(settled);
                } else {
                    write(g, e.getValue());
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /**
     * A value as {@link #write(OutputStream, RunRecord, RecordBytes)} writes it at {@code depth}
     * (1: a key of the record, 2: a result), indentation and all, to be written raw in its place.
     */
    static byte[] formatted(int depth, Value value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = WRITER.createGenerator(bytes)) {
            g.setPrettyPrinter(new Nested(depth));
            value.writeTo(g);
        }
        return bytes.toByteArray();
    }

    /** Writes one value. */
    @FunctionalInterface
    interface Value {
        void writeTo(JsonGenerator g) throws IOException;
    }

    /** The default pretty printer, started as deep as the value's place in the record. */
    private static final class Nested extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        Nested(int depth) {
            _nesting = depth;
        }
    }

    /** Everything but the tasks, the configuration and the results. */
    private static ObjectNode header(RunRecord r) {
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

    /** Writes a result as {@link #toJson(TaskResult)} makes it, without the tree. */
    static void write(JsonGenerator g, TaskResult t) throws IOException {
        g.writeStartObject();
        g.writeStringField("status", t.status().key());
        if (t.reason() != null) {
            g.writeStringField("reason", t.reason());
        }
        g.writeNumberField("seconds", round(t.seconds()));
        if (t.reused()) {
            g.writeBooleanField("reused", true);
        }
        if (t.cached() != null) {
            g.writeObjectFieldStart("cache");
            g.writeStringField("key", t.cached().key());
            g.writeStringField("from_run", t.cached().fromRun());
            g.writeNumberField("saved_seconds", round(t.cached().savedSeconds()));
            g.writeEndObject();
        }
        if (t.result() != null) {
            g.writeStringField("result", "tasks/" + t.taskId() + "/result.json");
        }
        if (t.resultError() != null) {
            g.writeStringField("result_error", t.resultError());
        }
        g.writeArrayFieldStart("attempts");
        for (Attempt a : t.attempts()) {
            g.writeStartObject();
            g.writeNumberField("attempt", a.number());
            g.writeStringField("status", a.status().key());
            g.writeStringField("started_at", a.startedAt().toString());
            g.writeStringField("ended_at", a.endedAt().toString());
            g.writeNumberField("seconds", round(a.seconds()));
            if (a.queuedSeconds() > 0) {
                g.writeNumberField("queued_seconds", round(a.queuedSeconds()));
            }
            if (a.exitCode() != null) {
                g.writeNumberField("exit_code", a.exitCode());
            }
            if (a.signal() != 0) {
                g.writeNumberField("signal", a.signal());
            }
            if (a.error() != null) {
                g.writeStringField("error", a.error());
            }
            if (a.usage() != null) {
                g.writeFieldName("usage");
                g.writeTree(a.usage().toJson());
            }
            if (a.worker() != null) {
                g.writeStringField("worker", a.worker());
            }
            if (a.lost()) {
                g.writeBooleanField("lost", true);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
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
