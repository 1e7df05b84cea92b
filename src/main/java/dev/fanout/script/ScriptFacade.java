package dev.fanout.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the {@code fanout} object calls on the Java side. Scripts never see this object: the
 * prelude keeps it in a closure and wraps each method, turning JSON text into JavaScript
 * values and back. It is public only because Nashorn links public methods of public classes;
 * its constructor is not.
 */
public final class ScriptFacade {
    private final ScriptBridge bridge;
    private final EngineLoop loop;
    private final ScriptHost host;
    private NashornEngine engine;

    ScriptFacade(ScriptBridge bridge, EngineLoop loop, ScriptHost host) {
        this.bridge = bridge;
        this.loop = loop;
        this.host = host;
    }

    void attach(NashornEngine engine) {
        this.engine = engine;
    }

    /** The check compiled into every loop and function: throws when the script must stop. */
    public void check() {
        loop.checkStop();
    }

    public String tasks() {
        return ask(host::tasks);
    }

    public String graph() {
        return ask(host::graph);
    }

    public String vars() {
        return ask(host::vars);
    }

    public String load(String file) {
        return ask(() -> host.load(file));
    }

    public void addTask(String task) {
        if (!skipped("addTask")) {
            ask(() -> {
                host.addTask(Json.parseOrMissing(task));
                return null;
            });
        }
    }

    public String analyze(String tasks) {
        return ask(() -> host.analyze(tasks == null ? null : Json.parseOrMissing(tasks)));
    }

    public String run(String options) {
        if (skipped("run")) {
            return null;
        }
        return ask(() -> host.run(options == null ? null : Json.parseOrMissing(options)));
    }

    public String results(String runId) {
        return ask(() -> host.results(runId));
    }

    public String merge(String strategy, String results) {
        return ask(() -> host.merge(strategy, results == null ? null : Json.parseOrMissing(results)));
    }

    /** The host's strategies, plus the script merges it does not list (yet). */
    public String strategies() {
        return ask(() -> {
            JsonNode known = host.strategies();
            ArrayNode all = known != null && known.isArray()
                    ? ((ArrayNode) known).deepCopy()
                    : Json.mapper().createArrayNode();
            Set<String> names = new HashSet<>();
            all.forEach(s -> names.add(s.path("name").asText()));
            for (ScriptRegistry.Entry e : bridge.registry().merges()) {
                if (names.add(e.name())) {
                    all.add(entryJson(
                            e, e.description() != null ? e.description() : "JavaScript merge from " + e.origin()));
                }
            }
            return all;
        });
    }

    public String pipelines() {
        loop.checkStop();
        ArrayNode all = Json.mapper().createArrayNode();
        bridge.registry().pipelines().forEach(e -> all.add(entryJson(e, e.description())));
        return Json.writeOrNull(all);
    }

    public void registerMerge(String name, Object fn, String description) {
        loop.checkStop();
        bridge.register(loop.currentJob(), engine, ScriptBridge.Definition.MERGE, name, fn, description);
    }

    public void registerPipeline(String name, Object fn, String description) {
        loop.checkStop();
        bridge.register(loop.currentJob(), engine, ScriptBridge.Definition.PIPELINE, name, fn, description);
    }

    public void write(String file, String text) {
        if (!skipped("write")) {
            ask(() -> {
                bridge.write(file, text);
                return null;
            });
        }
    }

    public void log(String line) {
        loop.checkStop();
        Job<?> job = loop.currentJob();
        if (job != null) {
            job.log(line);
        }
        host.log(line);
    }

    private String ask(Supplier<JsonNode> call) {
        return Json.writeOrNull(loop.callHost(call));
    }

    /** While definitions are evaluated again (restore, engine restart), nothing runs or is written. */
    private boolean skipped(String what) {
        loop.checkStop();
        Job<?> job = loop.currentJob();
        if (job != null && job.kind.skipsSideEffects) {
            job.log("fanout." + what + " skipped while restoring definitions");
            return true;
        }
        return false;
    }

    private static ObjectNode entryJson(ScriptRegistry.Entry e, String description) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", e.name());
        if (description != null) {
            o.put("description", description);
        }
        o.put("origin", e.origin());
        return o;
    }
}
