package dev.fanout.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Task outputs for tests, from JSON text. */
public final class Outputs {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Outputs() {}

    public static TaskOutput succeeded(String id, String type, String json) {
        return new TaskOutput(id, type, "succeeded", json == null ? null : parse(json), null);
    }

    static TaskOutput failed(String id, String type, String json) {
        return new TaskOutput(id, type, "failed", json == null ? null : parse(json), null);
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
