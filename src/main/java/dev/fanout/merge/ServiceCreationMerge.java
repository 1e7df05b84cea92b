package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code service_creation} strategy: the status of each service, whether all were created,
 * and the files created, deduplicated, by service.
 *
 * <p>Reads: {@code {"service": NAME, "status": "created", "files": [PATH, ...]}} (also
 * {@code files_created}; a file may be {@code {"path": PATH}}), or {@code {"services": [such
 * objects]}}. A missing name is the task id; a missing status is "created" when the task
 * succeeded. A task that did not succeed has its task status, so it never counts as created.
 *
 * <p>Returns: {@code {"all_created": BOOL, "created": N, "services": {NAME: {"tasks": [ID],
 * "status", "created": BOOL, "files": [PATH]}}, "files": [every PATH once], "failed_tasks",
 * "notes"}}. A service reported by several tasks is created only if every report says so.
 */
public final class ServiceCreationMerge implements MergeStrategy {
    public static final String NAME = "service_creation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "status of each service, all created or not, files created by service (deduplicated)";
    }

    @Override
    public JsonNode merge(List<TaskOutput> outputs) {
        MergeNotes notes = MergeNotes.of(outputs);
        Map<String, Service> services = new LinkedHashMap<>();
        Set<String> allFiles = new LinkedHashSet<>();
        for (TaskOutput o : outputs) {
            for (ServiceReport report : ServiceReport.of(o)) {
                Service s = services.computeIfAbsent(report.service(), k -> new Service());
                if (!s.tasks.isEmpty()) {
                    notes.add("service " + report.service() + " is reported by more than one task; "
                            + "it counts as created only if all say so");
                }
                String status = report.status(o, "created");
                s.tasks.add(o.taskId());
                if (s.status == null || (ServiceReport.isSuccess(s.status) && !ServiceReport.isSuccess(status))) {
                    s.status = status;
                }
                List<String> files = Fields.strings(
                        report.fields().has("files")
                                ? report.fields().get("files")
                                : report.fields().get("files_created"),
                        "path",
                        "file");
                s.files.addAll(files);
                allFiles.addAll(files);
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode byService = JsonNodeFactory.instance.objectNode();
        int created = 0;
        for (Map.Entry<String, Service> e : services.entrySet()) {
            Service s = e.getValue();
            boolean ok = ServiceReport.isSuccess(s.status);
            created += ok ? 1 : 0;
            ObjectNode entry = byService.putObject(e.getKey());
            ArrayNode tasks = entry.putArray("tasks");
            s.tasks.forEach(tasks::add);
            entry.put("status", s.status).put("created", ok);
            ArrayNode files = entry.putArray("files");
            s.files.forEach(files::add);
        }
        if (services.isEmpty()) {
            notes.add("no services were reported");
        }
        out.put("all_created", !services.isEmpty() && created == services.size());
        out.put("created", created);
        out.set("services", byService);
        ArrayNode files = out.putArray("files");
        allFiles.forEach(files::add);
        return notes.writeTo(out);
    }

    private static final class Service {
        final Set<String> tasks = new LinkedHashSet<>();
        final Set<String> files = new LinkedHashSet<>();
        String status;
    }
}
