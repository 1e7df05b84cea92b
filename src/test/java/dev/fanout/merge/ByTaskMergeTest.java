package dev.fanout.merge;

import static dev.fanout.merge.Outputs.failed;
import static dev.fanout.merge.Outputs.succeeded;
import static dev.fanout.merge.Outputs.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByTaskMergeTest {
    @Test
    void keysEveryResultByTaskWithItsStatus() {
        TaskOutput unreadable = new TaskOutput(
                "c", "lint", "succeeded", null, null, "result.json is not JSON at line 1, column 1: x", null);
        JsonNode m = new ByTaskMerge()
                .merge(List.of(
                        succeeded("a", "lint", "{\"warnings\": 3}"),
                        failed("b", null, null),
                        unreadable,
                        succeeded("a", "lint", "[1, 2]")));
        assertEquals(3, m.get("tasks").get("a").get("result").get("warnings").asInt());
        assertEquals("lint", m.get("tasks").get("a").get("type").asText());
        assertEquals("failed", m.get("tasks").get("b").get("status").asText());
        assertTrue(m.get("tasks").get("b").get("result").isNull());
        assertEquals(
                "result.json is not JSON at line 1, column 1: x",
                m.get("tasks").get("c").get("result_error").asText());
        assertEquals(2, m.get("tasks").get("a#2").get("result").size());
        assertEquals(3, m.get("succeeded").asInt());
        assertEquals(1, m.get("not_succeeded").asInt());
        assertTrue(texts(m.get("notes")).contains("task id a appears more than once; the later one is under 'a#2'"));
    }
}
