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

class ServiceCreationMergeTest {
    private final ServiceCreationMerge merge = new ServiceCreationMerge();

    @Test
    void allCreatedWithFilesDeduplicatedByService() {
        JsonNode m = merge.merge(List.of(
                succeeded(
                        "auth",
                        "service_creation",
                        "{\"service\": \"auth-service\", \"status\": \"created\","
                                + " \"files\": [\"auth/App.java\", \"pom.xml\", \"auth/App.java\"]}"),
                succeeded(
                        "users",
                        "service_creation",
                        "{\"service\": \"user-service\", \"files_created\": [{\"path\": \"users/App.java\"}, \"pom.xml\"]}"),
                succeeded("product-service", "service_creation", null)));
        assertTrue(m.get("all_created").asBoolean());
        assertEquals(3, m.get("created").asInt());
        assertEquals(
                List.of("auth/App.java", "pom.xml"),
                texts(m.get("services").get("auth-service").get("files")));
        assertEquals(List.of("auth/App.java", "pom.xml", "users/App.java"), texts(m.get("files")));
        JsonNode product = m.get("services").get("product-service");
        assertEquals("created", product.get("status").asText(), "a task that succeeded silently created its service");
        assertEquals(List.of(), texts(product.get("files")));
    }

    @Test
    void aFailedTaskOrAFailedStatusMeansNotAllCreated() {
        JsonNode m = merge.merge(List.of(
                succeeded("auth", "service_creation", "{\"service\": \"auth-service\", \"status\": \"created\"}"),
                failed(
                        "users",
                        "service_creation",
                        "{\"service\": \"user-service\", \"status\": \"created\", \"error\": \"port in use\"}"),
                succeeded(
                        "orders",
                        "service_creation",
                        "{\"services\": [{\"name\": \"orders\", \"status\": \"partial\"}, \"billing\"]}")));
        assertFalse(m.get("all_created").asBoolean());
        assertEquals(
                "failed",
                m.get("services").get("user-service").get("status").asText(),
                "a failed task never reads as created, whatever it wrote");
        assertFalse(m.get("services").get("orders").get("created").asBoolean());
        assertTrue(m.get("services").get("billing").get("created").asBoolean());
        assertEquals(2, m.get("created").asInt());
        assertEquals("port in use", m.get("failed_tasks").get(0).get("error").asText());
    }

    @Test
    void aServiceReportedTwiceIsCreatedOnlyIfBothSaySo() {
        JsonNode m = merge.merge(List.of(
                succeeded("a", "service_creation", "{\"service\": \"svc\", \"files\": [\"x\"]}"),
                succeeded(
                        "b",
                        "service_creation",
                        "{\"service\": \"svc\", \"status\": \"failed\", \"files\": [\"y\", \"x\"]}")));
        JsonNode svc = m.get("services").get("svc");
        assertEquals(List.of("a", "b"), texts(svc.get("tasks")));
        assertEquals("failed", svc.get("status").asText());
        assertEquals(List.of("x", "y"), texts(svc.get("files")));
        assertFalse(m.get("all_created").asBoolean());
    }

    @Test
    void noTasksMeansNothingCreated() {
        JsonNode m = merge.merge(List.of());
        assertFalse(m.get("all_created").asBoolean());
        assertEquals(List.of("no services were reported"), texts(m.get("notes")));
    }
}
