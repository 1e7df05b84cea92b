package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a task says about one service, for the service_creation and deployment strategies: a
 * result is one service ({@code {"service": NAME, ...}}), or several ({@code {"services":
 * [{...}, ...]}}); a service without a name is named after its task.
 *
 * @param fields the service's object in the result (an empty object when the task returned nothing)
 */
record ServiceReport(String service, JsonNode fields) {
    private static final Set<String> SUCCESS =
            Set.of("created", "deployed", "success", "succeeded", "ok", "done", "healthy", "running", "up");

    /** The services {@code output}'s result reports on, in the order given. */
    static List<ServiceReport> of(TaskOutput output) {
        List<ServiceReport> out = new ArrayList<>();
        JsonNode result = output.hasResult() ? output.result() : JsonNodeFactory.instance.objectNode();
        JsonNode services = result.get("services");
        if (services != null && services.isArray()) {
            int i = 1;
            for (JsonNode s : services) {
                JsonNode fields =
                        s.isObject() ? s : JsonNodeFactory.instance.objectNode().put("service", s.asText());
                String name = Fields.text(fields, "service", "name");
                out.add(new ServiceReport(name != null ? name : output.taskId() + "[" + i + "]", fields));
                i++;
            }
            return out;
        }
        String name = Fields.text(result, "service", "name");
        out.add(new ServiceReport(
                name != null ? name : output.taskId(),
                result.isObject() ? result : JsonNodeFactory.instance.objectNode()));
        return out;
    }

    /** The status the task gave, or the task's own status when it gave none (so a failed task never reads as done). */
    String status(TaskOutput output, String whenDone) {
        String given = Fields.text(fields, "status");
        if (!output.succeeded()) {
            return output.status();
        }
        return given != null ? given : whenDone;
    }

    /** Whether {@code status} says the work was done: created, deployed, success, ok, … (any case). */
    static boolean isSuccess(String status) {
        return status != null && SUCCESS.contains(status.toLowerCase(Locale.ROOT));
    }
}
