package dev.fanout.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;

/**
 * A message between coordinator and worker: JSON text {@code {"body": "...", "sig": "..."}}
 * where {@code sig} is the HMAC-SHA256 of the body's exact text under the cluster key.
 */
final class SignedMessage {
    private SignedMessage() {}

    /** The wire text of {@code body}, signed. */
    static String seal(ClusterKey key, ObjectNode body) {
        try {
            String text = Json.mapper().writeValueAsString(body);
            ObjectNode env = Json.mapper().createObjectNode();
            env.put("body", text);
            env.put("sig", key.sign(text));
            return Json.mapper().writeValueAsString(env);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of a message, read without trusting it (to say where a refusal goes), or null. */
    static JsonNode unverified(String wire) {
        try {
            JsonNode body = Json.mapper()
                    .readTree(Json.mapper().readTree(wire).path("body").asText());
            return body != null && body.isObject() ? body : null;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The body of a message whose signature verifies.
     *
     * @throws SecurityException when it is not JSON, unsigned or mis-signed
     */
    static JsonNode open(ClusterKey key, String wire) {
        JsonNode env;
        try {
            env = Json.mapper().readTree(wire);
        } catch (JsonProcessingException e) {
            throw new SecurityException("not a fanout message");
        }
        if (env == null || !env.path("body").isTextual()) {
            throw new SecurityException("not a fanout message");
        }
        String body = env.get("body").asText();
        if (!env.path("sig").isTextual()) {
            throw new SecurityException("unsigned message");
        }
        if (!key.verifies(body, env.get("sig").asText())) {
            throw new SecurityException("signature does not match this worker's key");
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new SecurityException("signed body is not JSON");
        }
    }
}
