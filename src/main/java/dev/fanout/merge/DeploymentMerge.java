package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code deployment} strategy: whether everything was deployed, the endpoints by service,
 * and the deployments that failed.
 *
 * <p>Reads: {@code {"service": NAME, "status": "deployed", "deployed": BOOL, "endpoints":
 * [URL, ...], "environment", "version", "error"}} or {@code {"services": [such objects]}}.
 * Endpoints may also be {@code endpoint}/{@code url}/{@code urls}, a single string, objects with
 * {@code url}, or a map of names to URLs. A missing name is the task id; a missing status means
 * deployed when the task succeeded; {@code "deployed": false} or a status such as "failed" means
 * not deployed; a task that did not succeed never counts as deployed.
 *
 * <p>Returns: {@code {"all_deployed": BOOL, "deployed": N, "services": {NAME: {"tasks": [ID],
 * "status", "deployed": BOOL, "endpoints": [URL], "environment"?, "version"?}}, "endpoints":
 * {NAME: [URL]} (deployed services only), "failures": [{"task", "service", "status", "error"?}],
 * "failed_tasks", "notes"}}.
 */
public final class DeploymentMerge implements MergeStrategy {
    public static final String NAME = "deployment";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "all deployed or not, endpoints by service, failures listed";
    }

    @Override
    public JsonNode merge(List<TaskOutput> outputs) {
        MergeNotes notes = MergeNotes.of(outputs);
        Map<String, ObjectNode> services = new LinkedHashMap<>();
        Map<String, Set<String>> endpoints = new LinkedHashMap<>();
        ArrayNode failures = JsonNodeFactory.instance.arrayNode();
        for (TaskOutput o : outputs) {
            for (ServiceReport report : ServiceReport.of(o)) {
                JsonNode f = report.fields();
                String status = report.status(o, "deployed");
                Boolean said = Fields.flag(f, "deployed", "success", "succeeded");
                boolean deployed = o.succeeded() && (said != null ? said : ServiceReport.isSuccess(status));
                ObjectNode entry = services.get(report.service());
                if (entry == null) {
                    entry = JsonNodeFactory.instance.objectNode();
                    entry.putArray("tasks");
                    entry.put("status", status).put("deployed", deployed);
                    entry.putArray("endpoints");
                    services.put(report.service(), entry);
                } else {
                    notes.add("service " + report.service() + " is reported by more than one task; "
                            + "it counts as deployed only if all say so");
                    if (!deployed && entry.get("deployed").asBoolean()) {
                        entry.put("status", status).put("deployed", false);
                    }
                }
                ((ArrayNode) entry.get("tasks")).add(o.taskId());
                for (String key : List.of("environment", "version")) {
                    String value = Fields.text(f, key);
                    if (value != null) {
                        entry.put(key, value);
                    }
                }
                Set<String> urls = endpoints.computeIfAbsent(report.service(), k -> new LinkedHashSet<>());
                for (String url : endpoints(f)) {
                    if (urls.add(url)) {
                        ((ArrayNode) entry.get("endpoints")).add(url);
                    }
                }
                if (!deployed) {
                    ObjectNode failure = failures.addObject()
                            .put("task", o.taskId())
                            .put("service", report.service())
                            .put("status", status);
                    String error = Fields.text(f, "error", "message", "reason");
                    if (error != null) {
                        failure.put("error", error);
                    }
                }
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode live = JsonNodeFactory.instance.objectNode();
        int deployed = 0;
        for (Map.Entry<String, ObjectNode> e : services.entrySet()) {
            if (e.getValue().get("deployed").asBoolean()) {
                deployed++;
                live.set(e.getKey(), e.getValue().get("endpoints").deepCopy());
            }
        }
        if (services.isEmpty()) {
            notes.add("no deployments were reported");
        }
        out.put("all_deployed", !services.isEmpty() && deployed == services.size());
        out.put("deployed", deployed);
        ObjectNode byService = out.putObject("services");
        services.forEach(byService::set);
        out.set("endpoints", live);
        out.set("failures", failures);
        return notes.writeTo(out);
    }

    /** The endpoint URLs of one service, in whichever shape it gave them. */
    private static List<String> endpoints(JsonNode f) {
        List<String> out = new ArrayList<>();
        for (String key : List.of("endpoints", "endpoint", "urls", "url")) {
            JsonNode v = f.get(key);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isObject() && Fields.text(v, "url", "endpoint", "href") == null) {
                // a map of names to URLs: {"api": "https://…", "admin": "https://…"}
                v.forEach(u -> {
                    if (u.isValueNode()) {
                        out.add(u.asText());
                    }
                });
            } else {
                out.addAll(Fields.strings(v, "url", "endpoint", "href"));
            }
        }
        return out;
    }
}
