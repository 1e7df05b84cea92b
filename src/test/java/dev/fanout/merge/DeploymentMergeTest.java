package dev.fanout.merge;

import static dev.fanout.merge.Outputs.failed;
import static dev.fanout.merge.Outputs.succeeded;
import static dev.fanout.merge.Outputs.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentMergeTest {
    private final DeploymentMerge merge = new DeploymentMerge();

    @Test
    void allDeployedWithEndpointsGatheredByService() {
        JsonNode m = merge.merge(
                List.of(
                        succeeded(
                                "d1",
                                "deployment",
                                "{\"service\": \"api\", \"status\": \"deployed\", \"endpoints\": [\"https://api/v1\", \"https://api/v1\"], \"version\": \"1.2\"}"),
                        succeeded("d2", "deployment", "{\"service\": \"web\", \"url\": \"https://web\"}"),
                        succeeded(
                                "d3",
                                "deployment",
                                "{\"service\": \"admin\", \"endpoints\": {\"ui\": \"https://admin\", \"health\": \"https://admin/health\"}}")));
        assertTrue(m.get("all_deployed").asBoolean());
        assertEquals(List.of("https://api/v1"), texts(m.get("endpoints").get("api")));
        assertEquals(List.of("https://web"), texts(m.get("endpoints").get("web")));
        assertEquals(
                List.of("https://admin", "https://admin/health"),
                texts(m.get("endpoints").get("admin")));
        assertEquals("1.2", m.get("services").get("api").get("version").asText());
        assertEquals(0, m.get("failures").size());
    }

    @Test
    void failuresAreListedAndTheirEndpointsAreNotLive() {
        JsonNode m = merge.merge(List.of(
                succeeded("d1", "deployment", "{\"service\": \"api\", \"endpoints\": [\"https://api\"]}"),
                succeeded(
                        "d2",
                        "deployment",
                        "{\"service\": \"web\", \"deployed\": false, \"error\": \"health check failed\", \"endpoints\": [\"https://web\"]}"),
                failed("d3", "deployment", null)));
        assertFalse(m.get("all_deployed").asBoolean());
        assertEquals(1, m.get("deployed").asInt());
        assertEquals(List.of("https://api"), texts(m.get("endpoints").get("api")));
        assertFalse(m.get("endpoints").has("web"));
        assertEquals(List.of("web", "d3"), m.get("failures").findValuesAsText("service"));
        assertEquals(
                "health check failed", m.get("failures").get(0).get("error").asText());
        assertEquals("failed", m.get("failures").get(1).get("status").asText());
    }
}
