package dev.fanout.script;

import static dev.fanout.script.BridgeFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.FanoutException;
import dev.fanout.LocatedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A task's script field: a function given the task, returning its result, run on the engine's thread. */
class TaskScriptTest {
    @RegisterExtension
    static final SharedBridge js = new SharedBridge();

    private static Throwable failure(CompletableFuture<ScriptResult> f) {
        return assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS))
                .getCause();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "function (task) { return {id: task.id, n: task.inputs.length}; }",
                "function named(task) { return {id: task.id, n: task.inputs.length}; }",
                "task => ({id: task.id, n: task.inputs.length})",
                "(task) => {\n  fanout.log('working on', task.id);\n  return {id: task.id, n: task.inputs.length};\n}",
            })
    void inlineFunctionsGetTheTaskAndReturnItsResult(String script) throws Exception {
        ScriptResult r = js.bridge()
                .runTask(script, json("{\"id\": \"t1\", \"inputs\": [\"a\", \"b\"]}"), js.dir())
                .get(20, TimeUnit.SECONDS);
        assertEquals("{\"id\":\"t1\",\"n\":2}", r.value().toString());
    }

    @Test
    void logLinesComeBackWithTheResult() throws Exception {
        ScriptResult r = js.bridge()
                .runTask(
                        "t => { fanout.log('a', 1, {b: [2]}); console.log('c'); print('d'); return 1; }",
                        json("{\"id\": \"t\"}"),
                        js.dir())
                .get(20, TimeUnit.SECONDS);
        assertEquals(List.of("a 1 {\"b\":[2]}", "c", "d"), r.log());
    }

    @Test
    void aFileWhoseValueIsAFunction(@TempDir Path tasksDir) throws Exception {
        Files.writeString(
                tasksDir.resolve("count.js"),
                "const words = s => s.split(' ').length;\n(task) => ({words: words(task.description)})\n");
        Files.createDirectories(tasksDir.resolve("lib"));
        Files.writeString(
                tasksDir.resolve("lib/exported.js"),
                "module.exports = function (task) { return task.id.toUpperCase(); };\nvar after = 1;\n");
        JsonNode task = json("{\"id\": \"doc\", \"description\": \"three short words\"}");
        assertEquals(
                "{\"words\":3}",
                js.bridge()
                        .runTask("count.js", task, tasksDir)
                        .get(20, TimeUnit.SECONDS)
                        .value()
                        .toString());
        assertEquals(
                "\"DOC\"",
                js.bridge()
                        .runTask(" lib/exported.js ", task, tasksDir)
                        .get(20, TimeUnit.SECONDS)
                        .value()
                        .toString());
        assertEquals(
                "undefined", js.eval("typeof module").asText(), "module is only there while the file is evaluated");
    }

    @Test
    void aFileThatIsNotAFunctionOrMissingFailsClearly(@TempDir Path tasksDir) throws Exception {
        Files.writeString(tasksDir.resolve("value.js"), "var x = 1;\n");
        Throwable e = failure(js.bridge().runTask("value.js", json("{\"id\": \"v\"}"), tasksDir));
        assertEquals(
                "value.js: TypeError: a task script file must end with a function, e.g. (task) => ({...}), or set module.exports to one",
                e.getMessage());
        Throwable missing = failure(js.bridge().runTask("nope.js", json("{\"id\": \"v\"}"), tasksDir));
        assertEquals("task v: script file " + tasksDir.resolve("nope.js") + " not found", missing.getMessage());
        assertEquals(FanoutException.BAD_INPUT, ((FanoutException) missing).exitCode());
    }

    @Test
    void inlineSourceThatIsNotAFunctionFailsClearly() {
        Throwable e = failure(js.bridge().runTask("{a: 1}", json("{\"id\": \"x\"}"), js.dir()));
        assertEquals(
                "<script of task x>: a task's script must be a function, e.g. function (task) { return {...}; } or task => ({...})",
                e.getMessage());
        Throwable syntax =
                failure(js.bridge().runTask("function (task) { return task. }", json("{\"id\": \"y\"}"), js.dir()));
        assertEquals("<script of task y>:1:32: SyntaxError: Expected ident but found }", syntax.getMessage());
        Throwable thrown = failure(js.bridge()
                .runTask(
                        "task => {\n  throw new TypeError('bad task ' + task.id);\n}",
                        json("{\"id\": \"z\"}"),
                        js.dir()));
        assertEquals("<script of task z>:2:3: TypeError: bad task z", thrown.getMessage());
    }

    @Test
    void undefinedMeansTheTaskReturnedNothing() throws Exception {
        ScriptResult r = js.bridge()
                .runTask("function (task) { }", json("{\"id\": \"x\"}"), js.dir())
                .get(20, TimeUnit.SECONDS);
        assertFalse(r.hasValue());
    }

    @Test
    void tasksSubmittedFromManyThreadsRunOneAtATime() throws Exception {
        // each task bumps a shared counter without any locking: on one thread, no update is lost
        js.eval("var counter = 0");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<ScriptResult>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                JsonNode task = json("{\"id\": \"t" + i + "\"}");
                all.add(CompletableFuture.supplyAsync(
                                () -> js.bridge()
                                        .runTask(
                                                "t => { var c = counter; for (var i = 0; i < 100; i++) {} counter = c + 1; return t.id; }",
                                                task,
                                                js.dir()),
                                pool)
                        .thenCompose(f -> f));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertEquals(200, js.eval("counter").asInt());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTaskScriptThatThrowsDoesNotHarmTheNext() throws Exception {
        assertInstanceOf(
                LocatedException.class, failure(js.bridge().runTask("t => null.x", json("{\"id\": \"a\"}"), js.dir())));
        assertEquals(
                1,
                js.bridge()
                        .runTask("t => 1", json("{\"id\": \"b\"}"), js.dir())
                        .get(20, TimeUnit.SECONDS)
                        .value()
                        .asInt());
    }
}
