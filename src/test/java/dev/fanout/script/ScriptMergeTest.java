package dev.fanout.script;

import static dev.fanout.script.BridgeFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.LocatedException;
import dev.fanout.merge.MergeException;
import dev.fanout.merge.MergeStrategy;
import dev.fanout.merge.TaskOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fanout.registerMerge makes a MergeStrategy that runs its function on the engine's thread. */
class ScriptMergeTest {
    @TempDir
    Path dir;

    BridgeFixture js;

    @BeforeEach
    void start() {
        js = new BridgeFixture(dir);
    }

    @AfterEach
    void stop() {
        js.close();
    }

    private MergeStrategy strategy(String name) {
        return js.bridge.registry().mergeStrategy(name).orElseThrow();
    }

    private static List<TaskOutput> hits() {
        return List.of(
                new TaskOutput(
                        "s1",
                        "search",
                        "succeeded",
                        json("{\"hits\": [{\"id\": \"a\", \"score\": 0.5}, {\"id\": \"b\", \"score\": 0.9}]}"),
                        null),
                new TaskOutput(
                        "s2", "search", "succeeded", json("{\"hits\": [{\"id\": \"c\", \"score\": 0.7}]}"), null),
                new TaskOutput("s3", "search", "failed", null, null));
    }

    @Test
    void aRegisteredMergeIsAStrategyThatSeesTheOutputsAsJavaScriptObjects() {
        js.eval("fanout.registerMerge('top2', function (outputs) {\n"
                + "  var hits = [];\n"
                + "  outputs.forEach(function (o) { if (o.result) hits = hits.concat(o.result.hits); });\n"
                + "  hits.sort(function (a, b) { return b.score - a.score; });\n"
                + "  return {top: hits.slice(0, 2), tasks: outputs.map(function (o) { return o.task_id + ':' + o.status; })};\n"
                + "}, 'the two best hits')");
        MergeStrategy top2 = strategy("top2");
        assertEquals("top2", top2.name());
        assertEquals("the two best hits", top2.description());
        assertEquals("<expression>", ((ScriptMergeStrategy) top2).origin());
        JsonNode merged = top2.merge(hits());
        assertEquals(
                json("{\"top\": [{\"id\": \"b\", \"score\": 0.9}, {\"id\": \"c\", \"score\": 0.7}],"
                        + " \"tasks\": [\"s1:succeeded\", \"s2:succeeded\", \"s3:failed\"]}"),
                merged);
    }

    @Test
    void theListenerHearsOfRegistrationsAndMergeFromScriptsUsesThem() {
        js.eval("fanout.registerMerge('count', function (outputs) { return {count: outputs.length}; })");
        assertTrue(js.host.strategies.containsKey("count"));
        js.host
                .task("{\"id\": \"a\", \"fake_result\": {\"v\": 1}}")
                .task("{\"id\": \"b\", \"fake_result\": {\"v\": 2}}");
        // fanout.merge goes to the host, which calls the JavaScript strategy back on the engine's thread
        assertEquals(
                "{\"count\":2}",
                js.eval("var run = fanout.run(); fanout.merge('count', fanout.results(run.run_id))")
                        .toString());
        assertEquals(
                "[\"concat\",\"count\"]",
                js.eval("fanout.strategies().map(function (s) { return s.name; })")
                        .toString());
    }

    @Test
    void aLateListenerIsToldOfEarlierRegistrations() {
        js.eval("fanout.registerMerge('early', function () { return 1; })");
        List<String> heard = new ArrayList<>();
        js.bridge.registry().addListener(new ScriptRegistry.Listener() {
            @Override
            public void mergeRegistered(MergeStrategy strategy, String origin) {
                heard.add(strategy.name() + "@" + origin);
            }

            @Override
            public void mergeRemoved(String name) {
                heard.add("-" + name);
            }
        });
        assertEquals(List.of("early@<expression>"), heard);
    }

    @Test
    void aFunctionReturningUndefinedFailsClearly() {
        js.eval("fanout.registerMerge('nothing', function (outputs) { outputs.length; })");
        MergeException e =
                assertThrows(MergeException.class, () -> strategy("nothing").merge(hits()));
        assertEquals(
                "merge strategy 'nothing' (<expression>) returned nothing (undefined); its function must return the merged value",
                e.getMessage());
    }

    @Test
    void aFunctionThatThrowsFailsWithWhereAndWhatAndLeavesTheInputsAlone() {
        js.eval(
                "fanout.registerMerge('throws', function (outputs) {\n  outputs[0].result.hits = [];\n  throw new Error('no good');\n})");
        List<TaskOutput> outputs = hits();
        String before = outputs.get(0).result().toString();
        MergeException e =
                assertThrows(MergeException.class, () -> strategy("throws").merge(outputs));
        assertEquals("merge strategy 'throws' (<expression>) failed: <expression>:3:3: Error: no good", e.getMessage());
        assertInstanceOf(LocatedException.class, e.getCause());
        assertEquals(before, outputs.get(0).result().toString());
    }

    @Test
    void aMergeThatReachesForJavaIsRefusedClearly() {
        js.eval(
                "fanout.registerMerge('escape', function (outputs) {\n  return Java.type('java.lang.Runtime').getRuntime().exec('id');\n})");
        MergeException e =
                assertThrows(MergeException.class, () -> strategy("escape").merge(hits()));
        assertEquals(
                "merge strategy 'escape' (<expression>) failed: <expression>:2: Error: scripts cannot use Java classes"
                        + " (java.lang.Runtime); set allow_java: true in the config to allow it",
                e.getMessage());
    }

    @Test
    void aNullResultIsAValueButUndefinedPropertiesAreDropped() {
        js.eval("fanout.registerMerge('n', function (outputs) { return {first: outputs[2].result, none: null}; })");
        assertEquals("{\"none\":null}", strategy("n").merge(hits()).toString());
    }

    @Test
    void aBuiltInNameCanBeRefusedByTheListener() {
        LocatedException e = assertThrows(
                LocatedException.class, () -> js.eval("fanout.registerMerge('concat', function () { return 1; })"));
        assertEquals(
                "<expression>:1: Error: fanout.registerMerge: 'concat' is a built-in strategy; choose another name",
                e.getMessage());
        assertTrue(js.bridge.registry().merges().isEmpty());
    }

    @Test
    void namesThatCannotBeStrategyNamesAreRefused() {
        LocatedException e = assertThrows(
                LocatedException.class, () -> js.eval("fanout.registerMerge('top 3', function () { return 1; })"));
        assertEquals(
                "<expression>:1: Error: fanout.registerMerge: 'top 3' cannot name a merge: use letters, digits, '.', '_' and '-'",
                e.getMessage());
    }

    @Test
    void registeringAgainReplacesTheFunction() {
        js.eval("fanout.registerMerge('v', function () { return 1; })");
        js.eval("fanout.registerMerge('v', function () { return 2; })");
        assertEquals(2, strategy("v").merge(hits()).asInt());
        assertEquals(1, js.bridge.registry().merges().size());
    }

    @Test
    void registrationsOfAScriptThatFailsAreTakenBack() {
        js.eval("fanout.registerMerge('v', function () { return 1; })");
        assertThrows(
                LocatedException.class,
                () -> js.eval(
                        "fanout.registerMerge('v', function () { return 2; }); fanout.registerMerge('w', function () { return 3; }); null.boom"));
        assertEquals(1, strategy("v").merge(hits()).asInt());
        assertFalse(js.bridge.registry().mergeStrategy("w").isPresent());
        assertFalse(js.host.strategies.containsKey("w"), "the listener heard it was removed");
        assertEquals(1, js.bridge.definitions().size());
    }

    @Test
    void aTaskScriptCannotRegister() throws Exception {
        var done = js.bridge.runTask(
                "function (t) { fanout.registerMerge('sneaky', function () { return 1; }); }",
                json("{\"id\": \"t1\"}"),
                dir);
        var e = assertThrows(java.util.concurrent.ExecutionException.class, done::get);
        assertEquals(
                "<script of task t1>:1: Error: fanout.registerMerge: merges can only be registered by a script evaluated"
                        + " at the top level (an expression or a .js file), not inside a task, merge or pipeline",
                e.getCause().getMessage());
    }
}
