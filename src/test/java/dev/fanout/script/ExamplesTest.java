package dev.fanout.script;

import static dev.fanout.script.BridgeFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.LocatedException;
import dev.fanout.merge.MergeStrategy;
import dev.fanout.merge.TaskOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripts in examples/js work against the fanout API (the session's end-to-end run comes later). */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("examples", "js");

    @TempDir
    Path dir;

    @Test
    void top3KeepsTheBestHitsOnceWithEveryTaskThatFoundThem() {
        try (BridgeFixture js = new BridgeFixture(dir)) {
            js.bridge.evaluateFile(EXAMPLES.resolve("top3.js"));
            MergeStrategy top3 = js.bridge.registry().mergeStrategy("top3").orElseThrow();
            JsonNode merged = top3.merge(List.of(
                    new TaskOutput(
                            "web",
                            "search",
                            "succeeded",
                            json("{\"hits\": [{\"url\": \"u1\", \"score\": 0.4},"
                                    + " {\"id\": \"d1\", \"score\": 0.9, \"title\": \"old\"}, {\"id\": \"nos\"}]}"),
                            null),
                    new TaskOutput(
                            "code",
                            "search",
                            "succeeded",
                            json(
                                    "{\"hits\": [{\"path\": \"a.c\", \"line\": 3, \"score\": 0.7},"
                                            + " {\"id\": \"d1\", \"score\": 0.95, \"title\": \"new\"}, {\"url\": \"u2\", \"score\": 0.1}]}"),
                            null),
                    new TaskOutput("down", "search", "failed", null, null)));
            assertEquals(
                    json("{\"top\": ["
                            + "{\"id\": \"d1\", \"score\": 0.95, \"title\": \"new\", \"sources\": [\"web\", \"code\"]},"
                            + "{\"path\": \"a.c\", \"line\": 3, \"score\": 0.7, \"sources\": [\"code\"]},"
                            + "{\"url\": \"u1\", \"score\": 0.4, \"sources\": [\"web\"]}],"
                            + " \"unique_hits\": 4, \"unranked_hits\": 1}"),
                    merged);
            assertEquals("the 3 best search hits, each once, with every task that found it", top3.description());
        }
    }

    @Test
    void flakyTestsFindsTestsThatFailInSomeRunsButNotAll() throws Exception {
        try (BridgeFixture js = new BridgeFixture(dir)) {
            js.host.strategies.put("testing", failuresByTask());
            js.host.runs.put("r1", runOf("{\"failures\": [{\"test\": \"a_times_out\"}, {\"test\": \"b_broken\"}]}"));
            js.host.runs.put("r2", runOf("{\"failures\": [{\"test\": \"b_broken\"}]}"));
            js.host.runs.put("r3", runOf("{\"failures\": [{\"test\": \"b_broken\"}, {\"test\": \"c_rare\"}]}"));
            js.bridge.evaluateFile(EXAMPLES.resolve("flaky.js"));
            ScriptResult r = js.bridge.runPipeline(
                    "flaky-tests", json("{\"runs\": [\"r1\", \"r2\", \"r3\"], \"out\": \"flaky.json\"}"));
            JsonNode expected = json("{\"runs\": [\"r1\", \"r2\", \"r3\"],"
                    + " \"flaky\": [{\"test\": \"suite a_times_out\", \"failed_in\": [\"r1\"]}, {\"test\": \"suite c_rare\", \"failed_in\": [\"r3\"]}],"
                    + " \"broken\": [{\"test\": \"suite b_broken\", \"failed_in\": [\"r1\", \"r2\", \"r3\"]}]}");
            assertEquals(expected, r.value());
            assertEquals(expected, json(Files.readString(dir.resolve("flaky.json"))));
            assertEquals(List.of("2 flaky, 1 failing in every run, over 3 runs"), r.log());
            LocatedException e = assertThrows(LocatedException.class, () -> js.bridge.runPipeline("flaky-tests", null));
            assertEquals(
                    EXAMPLES.resolve("flaky.js")
                            + ":19:7: Error: flaky-tests needs options {runs: [two or more run ids]}",
                    e.getMessage());
        }
    }

    @Test
    void nightlyLoadsFiltersRunsMergesAndWrites() throws Exception {
        Files.writeString(dir.resolve("tasks.json"), """
                {"tasks": [
                  {"id": "build", "type": "build", "fake_result": {"ok": true}},
                  {"id": "test", "type": "testing", "depends_on": ["build"], "script": "t => ({passed: 3, from: t.id})"},
                  {"id": "deploy", "type": "deployment", "depends_on": ["test"], "fake_result": {"deployed": true}},
                  {"id": "smoke", "type": "testing", "depends_on": ["deploy"], "fake_result": {"passed": 1}}
                ]}
                """);
        try (BridgeFixture js = new BridgeFixture(dir)) {
            js.host.strategies.put("auto", js.host.strategies.get("concat"));
            js.bridge.evaluateFile(EXAMPLES.resolve("nightly.js"));
            ScriptResult r = js.bridge.runPipeline(
                    "nightly", json("{\"file\": \"tasks.json\", \"out\": \"reports/nightly.json\"}"));
            JsonNode report = json(Files.readString(dir.resolve("reports/nightly.json")));
            assertEquals(r.value(), report);
            assertEquals("[\"build\",\"test\"]", report.get("tasks").toString());
            assertEquals("[\"deploy\",\"smoke\"]", report.get("skipped").toString(), "smoke needs the skipped deploy");
            assertEquals(
                    "[{\"ok\":true},{\"passed\":3,\"from\":\"test\"}]",
                    report.get("merged").toString());
            assertEquals("succeeded", report.get("status").asText());
            assertEquals(
                    List.of(
                            "nightly: 2 of 4 tasks from tasks.json",
                            "nightly: run run-1 succeeded; report written to reports/nightly.json"),
                    r.log());
        }
    }

    /** A stand-in for the testing strategy: every failure with its task. */
    private static MergeStrategy failuresByTask() {
        return new MergeStrategy() {
            @Override
            public String name() {
                return "testing";
            }

            @Override
            public String description() {
                return "failures by task";
            }

            @Override
            public JsonNode merge(List<TaskOutput> outputs) {
                ObjectNode merged = InMemoryHost.MAPPER.createObjectNode();
                ArrayNode failures = merged.putArray("failures");
                for (TaskOutput o : outputs) {
                    for (JsonNode f : o.result().path("failures")) {
                        failures.addObject()
                                .put("task_id", o.taskId())
                                .put("test", f.get("test").asText());
                    }
                }
                return merged;
            }
        };
    }

    private static ArrayNode runOf(String result) {
        ArrayNode run = InMemoryHost.MAPPER.createArrayNode();
        run.addObject()
                .put("task_id", "suite")
                .put("type", "testing")
                .put("status", "failed")
                .set("result", json(result));
        return run;
    }
}
