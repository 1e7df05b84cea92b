package dev.fanout.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** JSON text as it crosses between scripts and fanout; null text is {@code undefined} (a missing node). */
final class JsonText {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {}

    static JsonNode parse(String text) {
        if (text == null) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "the script engine produced JSON that does not parse: " + e.getOriginalMessage(), e);
        }
    }

    /** The text of a node; null for null or a missing node given as "nothing". */
    static String write(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
