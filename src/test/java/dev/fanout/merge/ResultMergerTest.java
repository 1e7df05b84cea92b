package dev.fanout.merge;

import static dev.fanout.merge.Outputs.succeeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.fanout.FanoutException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ResultMergerTest {
    private final StrategyRegistry registry = StrategyRegistry.withBuiltIns();
    private final ResultMerger merger = new ResultMerger(registry);

    private static final List<TaskOutput> TESTS = List.of(
            succeeded("t1", "testing", "{\"passed\": 3, \"coverage\": 80}"),
            succeeded("t2", "testing", "{\"passed\": 2, \"failed\": 1}"));

    /** A user strategy (as a script would register it) doing whatever the test says. */
    record UserStrategy(String name, Function<List<TaskOutput>, JsonNode> body) implements MergeStrategy {
        @Override
        public String description() {
            return "a user's strategy";
        }

        @Override
        public JsonNode merge(List<TaskOutput> outputs) {
            return body.apply(outputs);
        }
    }

    @Test
    void autoWithOneTypeUsesThatTypesStrategyAndLiftsItsNotes() {
        Merged m = merger.merge(TESTS, "auto");
        assertEquals("testing", m.strategy());
        assertFalse(m.failed());
        assertEquals(0, m.exitCode());
        assertEquals(5, m.json().get("passed").asInt());
        assertEquals(
                List.of(
                        "strategy 'testing' chosen from the tasks' type 'testing'",
                        "coverage is an average of percentages because counts were missing for task(s) t1; it weighs every task the same"),
                m.notes());
    }

    @Test
    void autoWithAnUnknownTypeUsesGeneric() {
        Merged m = merger.merge(List.of(succeeded("m1", "migration", "{\"rows\": 5}")), null);
        assertEquals("generic", m.strategy());
        assertEquals(
                5, m.json().get("tasks").get("m1").get("result").get("rows").asInt());
    }

    @Test
    void autoWithMixedTypesMergesEachTypeAndKeysThemByType() {
        Merged m = merger.merge(
                List.of(
                        succeeded("b1", "build", "{\"artifacts\": [{\"path\": \"a.jar\", \"size\": 3}]}"),
                        TESTS.get(0),
                        succeeded("x", null, "{\"any\": true}"),
                        TESTS.get(1)),
                "auto");
        assertEquals("by_type", m.strategy());
        assertEquals(List.of("build", "testing", "untyped"), List.copyOf(iterable(m.json())));
        assertEquals(
                java.util.Map.of("build", "build", "testing", "testing", "untyped", "generic"), m.typeStrategies());
        assertEquals("generic", m.toJson().get("strategies").get("untyped").asText());
        assertTrue(m.json().get("build").get("succeeded").asBoolean());
        assertEquals(5, m.json().get("testing").get("passed").asInt());
        assertTrue(m.json()
                .get("untyped")
                .get("tasks")
                .get("x")
                .get("result")
                .get("any")
                .asBoolean());
        assertEquals(
                "tasks of 3 types merged each with its own strategy (build → build, testing → testing, untyped → generic)",
                m.notes().get(0));
        assertTrue(m.notes()
                .contains("testing: coverage is an average of percentages because counts were missing for task(s) t1; "
                        + "it weighs every task the same"));
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aStrategyThatThrowsKeepsTheIndividualResultsAndReportsTheError() {
        registry.register(
                new UserStrategy("top3", outputs -> {
                    throw new MergeException("strategy 'top3' (top3.js:4:9): TypeError: hits is undefined");
                }),
                "script: top3.js");
        Merged m = merger.merge(TESTS, "top3");
        assertTrue(m.failed());
        assertEquals(1, m.exitCode());
        assertEquals("top3", m.strategy());
        assertEquals("strategy 'top3' (top3.js:4:9): TypeError: hits is undefined", m.error());
        assertEquals(
                3, m.json().get("tasks").get("t1").get("result").get("passed").asInt());
        assertEquals(
                1, m.json().get("tasks").get("t2").get("result").get("failed").asInt());
        JsonNode file = m.toJson();
        assertFalse(file.get("ok").asBoolean());
        assertEquals(m.error(), file.get("error").asText());
        assertEquals(2, file.get("result").get("tasks").size());
    }

    @Test
    void anyRuntimeExceptionOfAUserStrategyIsCaughtTheSameWay() {
        registry.register(new UserStrategy("broken", outputs -> outputs.get(99).result()), "script: broken.js");
        Merged m = merger.merge(TESTS, "broken");
        assertTrue(m.error().startsWith("strategy 'broken' failed: "), m.error());
        assertEquals(2, m.json().get("tasks").size());
    }

    @Test
    void aStrategyThatReturnsNothingIsAFailureThatKeepsTheResults() {
        registry.register(new UserStrategy("nothing", outputs -> null), "script: n.js");
        registry.register(new UserStrategy("missing", outputs -> MissingNode.getInstance()), "script: n.js");
        for (String name : List.of("nothing", "missing")) {
            Merged m = merger.merge(TESTS, name);
            assertEquals("strategy '" + name + "' returned nothing", m.error());
            assertEquals(2, m.json().get("tasks").size());
        }
    }

    @Test
    void aFailingTypeInAMixedMergeKeepsTheOtherTypesMerged() {
        registry.register(
                new UserStrategy("lint", outputs -> {
                    throw new IllegalStateException("no linter output");
                }),
                "script: lint.js");
        Merged m = merger.merge(List.of(TESTS.get(0), succeeded("l1", "lint", "{\"warnings\": 2}")), "auto");
        assertEquals("lint: strategy 'lint' failed: no linter output", m.error());
        assertEquals(3, m.json().get("testing").get("passed").asInt());
        assertEquals(
                2,
                m.json()
                        .get("lint")
                        .get("tasks")
                        .get("l1")
                        .get("result")
                        .get("warnings")
                        .asInt());
    }

    @Test
    void anUnknownStrategyIsBadInputWithTheClosestName() {
        FanoutException e = assertThrows(FanoutException.class, () -> merger.merge(TESTS, "tesing"));
        assertEquals(FanoutException.BAD_INPUT, e.exitCode());
        assertEquals(
                "unknown merge strategy 'tesing'; did you mean 'testing'? ('fanout strategies' lists them)",
                e.getMessage());
    }

    @Test
    void aNamedStrategyIsUsedWhateverTheTypes() {
        Merged m = merger.merge(TESTS, "generic");
        assertEquals("generic", m.strategy());
        assertNull(m.error());
        assertEquals(2, m.json().get("succeeded").asInt());
    }

    @Test
    void anUnreadableResultIsNotedAndTheMergeGoesOn() {
        TaskOutput bad = new TaskOutput(
                "t3",
                "testing",
                "succeeded",
                null,
                null,
                "runs/r1/tasks/t3/result.json is not JSON at line 1, column 1: Unrecognized token 'PASS'",
                null);
        Merged m = merger.merge(List.of(TESTS.get(1), bad), "auto");
        assertFalse(m.failed());
        assertTrue(m.notes()
                .contains("task t3: runs/r1/tasks/t3/result.json is not JSON at line 1, column 1: "
                        + "Unrecognized token 'PASS'; merged as if it returned nothing"));
        assertEquals("nothing", m.json().get("by_task").get("t3").get("from").asText());
    }

    @Test
    void nothingToMergeIsNotAFailure() {
        Merged m = merger.merge(List.of(), "auto");
        assertEquals("generic", m.strategy());
        assertFalse(m.failed());
        assertEquals("there were no task outputs to merge", m.notes().get(0));
    }
}
