package dev.fanout.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * What an evaluation gave back.
 *
 * @param value the value as JSON; a {@link MissingNode} when the script's value was
 *     {@code undefined} (JavaScript {@code null} is a JSON null)
 * @param log the lines the script logged with {@code fanout.log}, {@code console.log} or
 *     {@code print}, in order
 */
public record ScriptResult(JsonNode value, List<String> log) {

    public ScriptResult {
        value = value == null ? MissingNode.getInstance() : value;
        log = List.copyOf(log);
    }

    /** Whether the script produced a value (anything but {@code undefined}). */
    public boolean hasValue() {
        return !value.isMissingNode();
    }
}
