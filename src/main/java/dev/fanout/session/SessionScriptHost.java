package dev.fanout.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.FanoutException;
import dev.fanout.Json;
import dev.fanout.exec.HaltPolicy;
import dev.fanout.exec.RunListener;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.TaskResult;
import dev.fanout.graph.Analysis;
import dev.fanout.graph.AnalysisJson;
import dev.fanout.graph.Decision;
import dev.fanout.graph.TaskGraph;
import dev.fanout.merge.Merged;
import dev.fanout.merge.ResultMerger;
import dev.fanout.merge.TaskOutput;
import dev.fanout.script.ScriptHost;
import dev.fanout.task.Task;
import dev.fanout.task.TaskJson;
import dev.fanout.task.TaskSet;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What the {@code fanout} object of scripts does, done by the session, in JSON. */
final class SessionScriptHost implements ScriptHost {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Session session;
    private volatile Consumer<String> log = line -> {};

    SessionScriptHost(Session session) {
        this.session = session;
    }

    /** Where script log lines (and the progress of runs scripts start) go. */
    void log(Consumer<String> sink) {
        this.log = sink == null ? line -> {} : sink;
    }

    @Override
    public JsonNode tasks() {
        return TaskJson.toJson(session.tasks());
    }

    @Override
    public JsonNode graph() {
        ObjectNode g = NODES.objectNode();
        ArrayNode nodes = g.putArray("nodes");
        ArrayNode edges = g.putArray("edges");
        for (Task t : session.tasks().tasks()) {
            nodes.add(t.id());
            t.dependsOn().forEach(d -> edges.addObject().put("from", d).put("to", t.id()));
        }
        return g;
    }

    @Override
    public JsonNode vars() {
        ObjectNode vars = NODES.objectNode();
        session.variables().forEach(vars::put);
        return vars;
    }

    @Override
    public JsonNode load(String file) {
        TaskSet set = session.read(Path.of(file));
        TaskGraph.of(set); // a script gets no tasks with a cycle in them
        ObjectNode o = NODES.objectNode();
        o.set("tasks", TaskJson.toJson(set));
        if (set.config() != null) {
            o.set("config", set.config());
        }
        return o;
    }

    @Override
    public void addTask(JsonNode task) {
        ArrayNode one = NODES.arrayNode().add(task);
        session.addTask(TaskJson.fromJson("fanout.addTask", one).tasks().get(0));
    }

    @Override
    public JsonNode analyze(JsonNode tasks) {
        TaskSet set = tasks == null ? session.tasksOrFile(null) : taskSet("fanout.analyze", tasks);
        var config = session.configFor(set, Map.of());
        Analysis analysis = Analysis.of(TaskGraph.of(set), config.maxParallelTasks());
        Decision decision = Decision.of(analysis, config);
        session.analysed(analysis, decision);
        try {
            StringWriter w = new StringWriter();
            AnalysisJson.write(analysis, decision, w);
            return Json.mapper().readTree(w.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public JsonNode run(JsonNode options) {
        JsonNode o = options == null ? NODES.objectNode() : options;
        TaskSet set = o.hasNonNull("tasks")
                ? taskSet("fanout.run", o.get("tasks"))
                : o.hasNonNull("file") ? session.read(Path.of(o.get("file").asText())) : session.tasksOrFile(null);
        Map<String, String> flags = new LinkedHashMap<>();
        o.path("config")
                .properties()
                .forEach(e -> flags.put(
                        e.getKey(),
                        e.getValue().isArray()
                                ? String.join(",", strings(e.getValue()))
                                : e.getValue().asText()));
        Boolean parallel = null;
        if (o.has("parallel")) {
            parallel = o.get("parallel").asBoolean();
        } else if (o.has("sequential")) {
            parallel = !o.get("sequential").asBoolean();
        }
        HaltPolicy halt =
                o.has("halt") ? HaltPolicy.valueOf(o.get("halt").asText().toUpperCase()) : HaltPolicy.NEVER;
        java.util.Set<String> forced = new java.util.HashSet<>();
        o.path("force").forEach(id -> forced.add(id.asText()));
        RunRequest request = new RunRequest(
                o.has("jobs") ? o.get("jobs").asInt() : null,
                parallel,
                halt,
                null,
                null,
                flags,
                new CacheRequest(o.path("cache").asBoolean(true), forced));
        RunPlan plan = session.plan(set, request);
        AfterRun after = session.afterRun(plan, session.start(plan, progress()).execute());
        RunRecord r = after.record();
        ObjectNode summary = NODES.objectNode();
        summary.put("run_id", r.runId());
        summary.put("status", r.state().key());
        ObjectNode counts = summary.putObject("counts");
        r.counts().forEach((s, c) -> counts.put(s.key(), c));
        summary.put("wall_seconds", r.wallSeconds());
        summary.put("measured_speedup", r.measuredSpeedup());
        summary.set("merged", after.merged().toJson());
        return summary;
    }

    /** Runs started by scripts report task ends through the log. */
    private RunListener progress() {
        return new RunListener() {
            @Override
            public void note(String text) {
                log.accept(text);
            }

            @Override
            public void taskEnded(TaskResult r, Path stdout, Path stderr) {
                log.accept((r.status().isSuccess() ? "ok      " : r.status().key() + " ")
                        + r.taskId()
                        + (r.reason() == null || r.status().isSuccess() ? "" : ": " + r.reason()));
            }
        };
    }

    @Override
    public JsonNode results(String runId) {
        ArrayNode out = NODES.arrayNode();
        RunRecord record = session.runStore().load(runId == null ? lastRun() : runId);
        for (TaskOutput o : RunMerge.outputs(record, List.of())) {
            ObjectNode item = out.addObject();
            item.put("task_id", o.taskId());
            item.put("type", o.type());
            item.put("status", o.status());
            dev.fanout.exec.TaskResult r = record.results().get(o.taskId());
            if (r != null && r.cached() != null) {
                item.put("cached", true);
                item.put("cached_from", r.cached().fromRun());
            }
            if (o.hasResult()) {
                item.set("result", o.result());
            }
        }
        return out;
    }

    @Override
    public JsonNode merge(String strategy, JsonNode results) {
        Merged merged;
        if (results == null) {
            merged = session.merge(lastRun(), List.of(), strategy);
        } else {
            List<TaskOutput> outputs = new ArrayList<>();
            for (JsonNode r : results) {
                outputs.add(new TaskOutput(
                        r.path("task_id").asText(),
                        r.path("type").asText(null),
                        r.path("status").asText("succeeded"),
                        r.get("result"),
                        null));
            }
            merged = new ResultMerger(session.strategies()).merge(outputs, strategy);
        }
        if (merged.failed()) {
            throw new FanoutException(FanoutException.FAILED, merged.error());
        }
        return merged.json();
    }

    @Override
    public JsonNode strategies() {
        ArrayNode out = NODES.arrayNode();
        session.strategies()
                .all()
                .forEach(s -> out.addObject()
                        .put("name", s.name())
                        .put("description", s.description())
                        .put("origin", s.origin()));
        return out;
    }

    @Override
    public void log(String line) {
        log.accept(line);
    }

    /** The session's last run, else the newest on record. */
    private String lastRun() {
        List<String> runs = session.runs();
        return runs.isEmpty() ? session.runStore().latest() : runs.get(runs.size() - 1);
    }

    private static TaskSet taskSet(String source, JsonNode tasks) {
        if (!tasks.isArray()) {
            throw FanoutException.badInput(source + ": tasks must be an array of task objects");
        }
        return TaskJson.fromJson(source, (ArrayNode) tasks);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
