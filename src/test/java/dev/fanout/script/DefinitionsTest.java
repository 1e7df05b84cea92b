package dev.fanout.script;

import static dev.fanout.script.BridgeFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.LocatedException;
import dev.fanout.merge.TaskOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots keep JavaScript definitions as source and bring them back by evaluating them again (issue 6). */
class DefinitionsTest {
    @TempDir
    Path dir;

    private static final List<TaskOutput> TWO = List.of(
            new TaskOutput("a", "t", "succeeded", json("{\"n\": 2}"), null),
            new TaskOutput("b", "t", "succeeded", json("{\"n\": 5}"), null));

    @Test
    void onlySourcesThatRegisteredSomethingAreKept() throws Exception {
        Path file = Files.writeString(
                dir.resolve("sum.js"),
                "const total = outs => outs.reduce((s, o) => s + o.result.n, 0);\nfanout.registerMerge('sum', total);\n");
        try (BridgeFixture js = new BridgeFixture(dir)) {
            js.eval("var helper = 1");
            js.bridge.evaluateFile(file);
            js.eval("fanout.registerPipeline('twice', function (o) { return o.n * 2; }, 'doubles n')");
            js.eval("1 + 1");
            assertEquals(
                    List.of(
                            new ScriptDefinition(file.toString(), Files.readString(file)),
                            new ScriptDefinition(
                                    "<expression>",
                                    "fanout.registerPipeline('twice', function (o) { return o.n * 2; }, 'doubles n')")),
                    js.bridge.definitions());
        }
    }

    @Test
    void aFileEvaluatedAgainReplacesItsEarlierDefinition() throws Exception {
        Path file = dir.resolve("m.js");
        try (BridgeFixture js = new BridgeFixture(dir)) {
            Files.writeString(file, "const k = 1;\nfanout.registerMerge('m', () => k);\n");
            js.bridge.evaluateFile(file);
            Files.writeString(file, "const k = 2;\nfanout.registerMerge('m', () => k);\n");
            js.bridge.evaluateFile(file); // top-level const may be declared again
            assertEquals(1, js.bridge.definitions().size());
            assertTrue(js.bridge.definitions().get(0).source().contains("k = 2"));
            assertEquals(
                    2,
                    js.bridge
                            .registry()
                            .mergeStrategy("m")
                            .orElseThrow()
                            .merge(TWO)
                            .asInt());
        }
    }

    @Test
    void aDefinitionStaysWhileAnyOfItsRegistrationsIsCurrent() {
        try (BridgeFixture js = new BridgeFixture(dir)) {
            js.eval("fanout.registerMerge('x', () => 1); fanout.registerMerge('y', () => 2)");
            js.eval("fanout.registerMerge('x', () => 3)");
            assertEquals(2, js.bridge.definitions().size(), "the first still provides y");
            js.eval("fanout.registerMerge('y', () => 4)");
            assertEquals(2, js.bridge.definitions().size(), "the first is now replaced entirely");
            assertEquals(
                    "fanout.registerMerge('x', () => 3)",
                    js.bridge.definitions().get(0).source());
        }
    }

    @Test
    void definitionsRestoredIntoAFreshBridgeWorkAgain(@TempDir Path other) throws Exception {
        Path file = Files.writeString(
                dir.resolve("sum.js"),
                "fanout.registerMerge('sum', outs => ({sum: outs.reduce((s, o) => s + o.result.n, 0)}), 'adds n');\n");
        List<ScriptDefinition> saved;
        try (BridgeFixture js = new BridgeFixture(dir)) {
            js.bridge.evaluateFile(file);
            js.eval("fanout.registerPipeline('p', o => fanout.merge('sum', o.results))");
            saved = js.bridge.definitions();
        }
        Files.delete(file); // a snapshot carries the source, not the path
        try (BridgeFixture restored = new BridgeFixture(other)) {
            restored.bridge.restore(saved);
            assertEquals(saved, restored.bridge.definitions());
            assertEquals(
                    "{\"sum\":7}",
                    restored.bridge
                            .registry()
                            .mergeStrategy("sum")
                            .orElseThrow()
                            .merge(TWO)
                            .toString());
            assertEquals(
                    "adds n",
                    restored.bridge
                            .registry()
                            .mergeStrategy("sum")
                            .orElseThrow()
                            .description());
            assertEquals(
                    file.toString(), restored.bridge.registry().merges().get(0).origin());
            assertTrue(
                    restored.host.strategies.containsKey("sum"), "the restored merge reached the session's strategies");
            restored.host.task("{\"id\": \"a\", \"fake_result\": {\"n\": 10}}");
            restored.eval("fanout.run()");
            assertEquals(
                    "{\"sum\":10}",
                    restored.bridge
                            .runPipeline("p", json("{\"results\": " + restored.host.results(null) + "}"))
                            .value()
                            .toString());
        }
    }

    @Test
    void restoringRunsNothingAndWritesNothing(@TempDir Path other) {
        List<ScriptDefinition> saved = List.of(
                new ScriptDefinition(
                        "<expression>",
                        "fanout.registerMerge('m', () => 1); fanout.run(); fanout.addTask({id: 'x'}); fanout.write('out.json', {a: 1});"));
        try (BridgeFixture restored = new BridgeFixture(other)) {
            restored.bridge.restore(saved);
            assertTrue(restored.host.runs.isEmpty());
            assertTrue(restored.host.tasks.isEmpty());
            assertTrue(Files.notExists(other.resolve("out.json")));
            assertTrue(restored.bridge.registry().mergeStrategy("m").isPresent());
        }
    }

    @Test
    void aDefinitionThatNoLongerEvaluatesFailsTheRestoreNamingIt(@TempDir Path other) {
        List<ScriptDefinition> saved = List.of(
                new ScriptDefinition("good.js", "fanout.registerMerge('good', () => 1);"),
                new ScriptDefinition("bad.js", "fanout.registerMerge('bad', () => 1);\nfanout.results('gone-run');"));
        try (BridgeFixture restored = new BridgeFixture(other)) {
            LocatedException e = assertThrows(LocatedException.class, () -> restored.bridge.restore(saved));
            assertEquals("bad.js:2: Error: fanout.results: no run 'gone-run'", e.getMessage());
            assertTrue(restored.bridge.registry().mergeStrategy("bad").isEmpty(), "its registrations were taken back");
        }
    }
}
