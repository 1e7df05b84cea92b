package dev.fanout.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.FanoutException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrategyRegistryTest {
    private final StrategyRegistry registry = StrategyRegistry.withBuiltIns();

    /** A strategy as the script bridge would register it. */
    record Named(String name) implements MergeStrategy {
        @Override
        public String description() {
            return "test strategy " + name;
        }

        @Override
        public JsonNode merge(List<TaskOutput> outputs) {
            return JsonNodeFactory.instance.objectNode().put("count", outputs.size());
        }
    }

    @Test
    void holdsTheBuiltInStrategiesInOrder() {
        assertEquals(
                List.of(
                        "service_creation",
                        "file_read",
                        "search",
                        "testing",
                        "build",
                        "deployment",
                        "generic",
                        "changes",
                        "best"),
                registry.all().stream().map(RegisteredStrategy::name).toList());
        registry.all().forEach(s -> assertEquals("built-in", s.origin()));
    }

    @Test
    void registeredStrategiesAreListedAfterTheBuiltInOnesWithTheirOrigin() {
        registry.register(new Named("top3"), "script: examples/js/top3.js");
        RegisteredStrategy top3 = registry.require("top3");
        assertEquals("script: examples/js/top3.js", top3.origin());
        assertEquals("top3", registry.all().get(registry.all().size() - 1).name());
    }

    @Test
    void registeringAgainReplacesAScriptStrategy() {
        registry.register(new Named("top3"), "script: a.js");
        Named again = new Named("top3");
        registry.register(again, "script: b.js");
        assertSame(again, registry.require("top3").strategy());
        assertEquals("script: b.js", registry.require("top3").origin());
        assertEquals(10, registry.all().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"testing", "generic", "auto", "test"})
    void aBuiltInNameCannotBeTaken(String name) {
        FanoutException e =
                assertThrows(FanoutException.class, () -> registry.register(new Named(name), "script: x.js"));
        assertEquals(FanoutException.BAD_INPUT, e.exitCode());
        assertEquals(
                "'" + name + "' is the name of a built-in strategy; register yours under another name", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "top 3", "../x", "a/b"})
    void aNameThatIsNotAWordIsRefused(String name) {
        FanoutException e =
                assertThrows(FanoutException.class, () -> registry.register(new Named(name), "script: x.js"));
        assertEquals(
                "strategy name '" + name + "' is not valid: use letters, digits, '.', '_' and '-'", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"tesitng, testing", "serch, search", "deploy, deployment", "generc, generic"})
    void anUnknownNameSuggestsTheClosest(String typo, String suggestion) {
        FanoutException e = assertThrows(FanoutException.class, () -> registry.require(typo));
        assertEquals(FanoutException.BAD_INPUT, e.exitCode());
        assertEquals(
                "unknown merge strategy '" + typo + "'; did you mean '" + suggestion
                        + "'? ('fanout strategies' lists them)",
                e.getMessage());
    }

    @Test
    void anUnknownNameFarFromAnySuggestsNothing() {
        FanoutException e = assertThrows(FanoutException.class, () -> registry.require("zzzzzzzz"));
        assertEquals("unknown merge strategy 'zzzzzzzz' ('fanout strategies' lists them)", e.getMessage());
    }

    @Test
    void aScriptStrategyIsSuggestedToo() {
        registry.register(new Named("flaky-report"), "script: flaky.js");
        FanoutException e = assertThrows(FanoutException.class, () -> registry.require("flaky-reprot"));
        assertEquals(
                "unknown merge strategy 'flaky-reprot'; did you mean 'flaky-report'? ('fanout strategies' lists them)",
                e.getMessage());
    }

    @Test
    void theOriginalMergersNameTestMeansTesting() {
        assertEquals("testing", registry.require("test").name());
    }

    @Test
    void aTypeGetsTheStrategyOfItsNameElseGeneric() {
        registry.register(new Named("lint"), "script: lint.js");
        assertEquals("testing", registry.forType("testing").name());
        assertEquals("lint", registry.forType("lint").name());
        assertEquals("generic", registry.forType("untyped").name());
        assertEquals("generic", registry.forType("migration").name());
    }
}
