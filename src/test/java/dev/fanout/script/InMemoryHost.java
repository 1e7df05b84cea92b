package dev.fanout.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.FanoutException;
import dev.fanout.Names;
import dev.fanout.merge.MergeStrategy;
import dev.fanout.merge.TaskOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/**
 * A {@link ScriptHost} over tasks, runs and strategies kept in memory: the session's stand-in.
 * A run executes script tasks through the bridge (as the scheduler will) and takes other
 * tasks' results from their {@code fake_result} field.
 */
final class InMemoryHost implements ScriptHost {
    static final ObjectMapper MAPPER = new ObjectMapper();

    final ArrayNode tasks = MAPPER.createArrayNode();
    final Map<String, ArrayNode> runs = Collections.synchronizedMap(new LinkedHashMap<>());
    final Map<String, MergeStrategy> strategies = Collections.synchronizedMap(new LinkedHashMap<>());
    final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Path dir;
    ScriptBridge bridge;
    /** When set, run() waits for it, so a test can stop a script while it waits for fanout. */
    volatile CountDownLatch runGate;

    volatile CountDownLatch runEntered;

    InMemoryHost(Path dir) {
        this.dir = dir;
        strategies.put("concat", new MergeStrategy() {
            @Override
            public String name() {
                return "concat";
            }

            @Override
            public String description() {
                return "results in task order";
            }

            @Override
            public JsonNode merge(List<TaskOutput> outputs) {
                ArrayNode all = MAPPER.createArrayNode();
                outputs.forEach(o -> all.add(o.hasResult() ? o.result() : MAPPER.nullNode()));
                return all;
            }
        });
    }

    /** Connects a bridge: its script merges become strategies here, as the session will do. */
    InMemoryHost connect(ScriptBridge b) {
        this.bridge = b;
        b.registry().addListener(new ScriptRegistry.Listener() {
            @Override
            public void mergeRegistered(MergeStrategy strategy, String origin) {
                if (strategies.containsKey(strategy.name())
                        && !(strategies.get(strategy.name()) instanceof ScriptMergeStrategy)) {
                    throw FanoutException.badInput(
                            "'" + strategy.name() + "' is a built-in strategy; choose another name");
                }
                strategies.put(strategy.name(), strategy);
            }

            @Override
            public void mergeRemoved(String name) {
                strategies.remove(name);
            }
        });
        return this;
    }

    InMemoryHost task(String json) {
        try {
            tasks.add(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    @Override
    public JsonNode tasks() {
        calls.add("tasks");
        synchronized (tasks) {
            return tasks.deepCopy();
        }
    }

    @Override
    public JsonNode graph() {
        calls.add("graph");
        ObjectNode g = MAPPER.createObjectNode();
        ArrayNode nodes = g.putArray("nodes");
        ArrayNode edges = g.putArray("edges");
        for (JsonNode t : tasks) {
            nodes.add(t.path("id").asText());
            for (JsonNode d : t.path("depends_on")) {
                edges.addObject().put("from", d.asText()).put("to", t.path("id").asText());
            }
        }
        return g;
    }

    @Override
    public JsonNode load(String file) {
        calls.add("load " + file);
        try {
            JsonNode doc = MAPPER.readTree(dir.resolve(file).toFile());
            return doc.isArray() ? doc : doc.path("tasks");
        } catch (IOException e) {
            throw FanoutException.badInput("cannot read tasks file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void addTask(JsonNode task) {
        calls.add("addTask " + task.path("id").asText());
        if (!Names.isTaskId(task.path("id").asText(null))) {
            throw FanoutException.badInput("a task needs an id made of letters, digits, '.', '_' and '-'");
        }
        synchronized (tasks) {
            tasks.add(task);
        }
    }

    @Override
    public JsonNode analyze(JsonNode given) {
        calls.add("analyze");
        JsonNode set = given == null ? tasks() : given;
        return MAPPER.createObjectNode()
                .put("task_count", set.size())
                .put("decision", set.size() >= 3 ? "parallel" : "sequential");
    }

    @Override
    public JsonNode run(JsonNode options) {
        calls.add("run");
        CountDownLatch entered = runEntered;
        if (entered != null) {
            entered.countDown();
        }
        CountDownLatch gate = runGate;
        try {
            if (gate != null) {
                gate.await();
            }
            JsonNode set = options != null && options.has("tasks") ? options.get("tasks") : tasks();
            ArrayNode results = MAPPER.createArrayNode();
            boolean allOk = true;
            for (JsonNode t : set) {
                ObjectNode out = results.addObject();
                out.put("task_id", t.path("id").asText());
                out.put("type", t.path("type").asText("untyped"));
                try {
                    JsonNode result = t.has("script")
                            ? bridge.runTask(t.get("script").asText(), t, dir)
                                    .get()
                                    .value()
                            : t.get("fake_result");
                    out.put("status", t.path("fake_status").asText("succeeded"));
                    if (result != null && !result.isMissingNode()) {
                        out.set("result", result);
                    }
                } catch (ExecutionException e) {
                    out.put("status", "failed");
                    out.put("error", e.getCause().getMessage());
                }
                allOk &= "succeeded".equals(out.get("status").asText());
            }
            String id = "run-" + (runs.size() + 1);
            runs.put(id, results);
            return MAPPER.createObjectNode()
                    .put("run_id", id)
                    .put("status", allOk ? "succeeded" : "failed")
                    .put("tasks", results.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FanoutException(FanoutException.INTERRUPTED, "run interrupted");
        }
    }

    @Override
    public JsonNode results(String runId) {
        calls.add("results " + runId);
        synchronized (runs) {
            if (runId == null) {
                if (runs.isEmpty()) {
                    throw FanoutException.badInput("no runs yet");
                }
                return new ArrayList<>(runs.values()).get(runs.size() - 1).deepCopy();
            }
            ArrayNode r = runs.get(runId);
            if (r == null) {
                throw FanoutException.badInput("no run '" + runId + "'");
            }
            return r.deepCopy();
        }
    }

    @Override
    public JsonNode merge(String strategy, JsonNode results) {
        calls.add("merge " + strategy);
        MergeStrategy s = strategies.get(strategy);
        if (s == null) {
            throw FanoutException.badInput("no strategy '" + strategy + "'");
        }
        List<TaskOutput> outputs = new ArrayList<>();
        for (JsonNode r : results == null ? results(null) : results) {
            outputs.add(new TaskOutput(
                    r.path("task_id").asText(),
                    r.path("type").asText("untyped"),
                    r.path("status").asText("succeeded"),
                    r.get("result"),
                    null));
        }
        return s.merge(outputs);
    }

    @Override
    public JsonNode strategies() {
        calls.add("strategies");
        ArrayNode all = MAPPER.createArrayNode();
        synchronized (strategies) {
            strategies
                    .values()
                    .forEach(s -> all.addObject()
                            .put("name", s.name())
                            .put("description", s.description())
                            .put("origin", s instanceof ScriptMergeStrategy js ? js.origin() : "built-in"));
        }
        return all;
    }

    @Override
    public void log(String line) {
        synchronized (logged) {
            logged.add(line);
            logged.notifyAll();
        }
    }

    /** Waits until a script has logged {@code line}; false when it has not within {@code patience}. */
    boolean awaitLogged(String line, java.time.Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (logged) {
            while (!logged.contains(line)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(logged, left);
            }
            return true;
        }
    }
}
