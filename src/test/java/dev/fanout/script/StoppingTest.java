package dev.fanout.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanoutException;
import dev.fanout.ProcessTest;
import dev.fanout.merge.MergeException;
import dev.fanout.merge.TaskOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An endless script can be stopped, from another thread or by the time limit, and fanout goes on. */
@ProcessTest
class StoppingTest {
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    /**
     * The limit where a test means one: long enough that the small evaluations around the endless
     * one (evaluated under it too) fit on a loaded machine, short enough for a quick test.
     */
    private static final ScriptOptions LIMITED = new ScriptOptions(false, 2);

    @TempDir
    Path dir;

    /** Evaluates {@code source} on another thread and cancels it once it has logged "started". */
    private static ScriptStoppedException cancelWhenStarted(BridgeFixture js, String source) throws Exception {
        CompletableFuture<ScriptResult> running = CompletableFuture.supplyAsync(() -> js.bridge.evaluate(source));
        awaitLog(js, "started");
        js.bridge.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(20, TimeUnit.SECONDS));
        return assertInstanceOf(ScriptStoppedException.class, e.getCause());
    }

    private static void awaitLog(BridgeFixture js, String line) throws InterruptedException {
        assertTrue(js.host.awaitLogged(line, Duration.ofSeconds(20)), "script never logged " + line);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "fanout.log('started'); while (true) {}",
                "fanout.log('started'); for (;;);",
                "fanout.log('started'); for (let i = 0; ; i++) { }",
                "fanout.log('started'); var n = 0; do n++; while (true)",
                "fanout.log('started'); for (const x of [1]) { while (true) { try { for (;;) {} } catch (e) {} } }",
                "fanout.log('started'); while (true) { try { while (true) {} } finally { continue; } }",
                "fanout.log('started'); function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2); } f(100)",
                "fanout.log('started'); [1, 2].forEach(function spin() { while (1) if (true) {} })",
                "'use strict'; fanout.log('started'); (function () { 'use strict'; for (;;) { } })()",
                "fanout.log('started'); var o = { get x() { for (;;) {} } }; o.x",
            })
    void anEndlessScriptStopsWhenCancelledFromAnotherThread(String source, @TempDir Path other) throws Exception {
        try (BridgeFixture js = new BridgeFixture(other)) {
            js.eval("var marker = 'kept'");
            assertTimeoutPreemptively(PATIENCE, () -> {
                ScriptStoppedException e = cancelWhenStarted(js, source);
                assertEquals(ScriptStoppedException.Reason.CANCELLED, e.reason());
                assertEquals("<expression>: stopped (interrupted)", e.getMessage());
                assertEquals(FanoutException.INTERRUPTED, e.exitCode());
                assertEquals(42, js.eval("40 + 2").asInt(), "the engine goes on");
                assertEquals(
                        "kept", js.eval("marker").asText(), "the script stopped itself: the engine was not replaced");
            });
        }
    }

    @Test
    void theTimeLimitStopsAnEndlessScriptAndTheNextOneWorks() {
        try (BridgeFixture js = new BridgeFixture(
                dir, LIMITED, "fanout.registerMerge('first', function (outs) { return outs.length; })")) {
            assertTimeoutPreemptively(PATIENCE, () -> {
                ScriptStoppedException e = assertThrows(ScriptStoppedException.class, () -> js.eval("while (true) {}"));
                assertEquals(ScriptStoppedException.Reason.TIME_LIMIT, e.reason());
                assertEquals(
                        "<expression>: stopped after 2 s of JavaScript (script_time_limit_seconds);"
                                + " raise the limit, or set it to 0 for none",
                        e.getMessage());
                assertEquals(FanoutException.FAILED, e.exitCode());
                assertEquals("ok", js.eval("'ok'").asText());
                assertEquals(
                        1,
                        js.bridge
                                .registry()
                                .mergeStrategy("first")
                                .orElseThrow()
                                .merge(List.of(new TaskOutput("a", "t", "succeeded", null, null)))
                                .asInt());
            });
        }
    }

    @Test
    void timeSpentWaitingForFanoutDoesNotCountTowardsTheLimit() throws Exception {
        // the definition warms the engine outside the limit, so the measured run is nearly all waiting
        try (BridgeFixture js = new BridgeFixture(dir, LIMITED, "function status() { return 'warm'; } status()")) {
            js.host.task("{\"id\": \"a\", \"fake_result\": 1}");
            js.host.runGate = new CountDownLatch(1);
            CompletableFuture<ScriptResult> running =
                    CompletableFuture.supplyAsync(() -> js.bridge.evaluate("fanout.run().status"));
            // the run is held twice the limit before it is let go
            assertThrows(TimeoutException.class, () -> running.get(4000, TimeUnit.MILLISECONDS));
            js.host.runGate.countDown();
            assertEquals("succeeded", running.get(20, TimeUnit.SECONDS).value().asText());
        }
    }

    @Test
    void cancellingAScriptThatWaitsForARunInterruptsTheRun() throws Exception {
        try (BridgeFixture js = new BridgeFixture(dir)) {
            js.host.task("{\"id\": \"a\", \"fake_result\": 1}");
            js.host.runGate = new CountDownLatch(1); // never opened: only an interrupt ends the run
            js.host.runEntered = new CountDownLatch(1);
            CompletableFuture<ScriptResult> running = CompletableFuture.supplyAsync(
                    () -> js.bridge.evaluate("try { fanout.run(); } catch (e) { 'caught: ' + e.message }"));
            assertTrue(js.host.runEntered.await(20, TimeUnit.SECONDS));
            js.bridge.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(20, TimeUnit.SECONDS));
            assertInstanceOf(ScriptStoppedException.class, e.getCause());
            assertEquals(2, js.eval("1 + 1").asInt());
        }
    }

    @Test
    void codeThatCannotBeCheckedIsStoppedByRestartingTheEngine() {
        // eval'd text is not instrumented: only giving up the thread stops it
        try (BridgeFixture js = new BridgeFixture(
                dir,
                LIMITED,
                "fanout.registerMerge('count', function (outs) { return {n: outs.length}; });"
                        + " fanout.registerPipeline('p', function (o) { return o.x * 2; });")) {
            assertTimeoutPreemptively(PATIENCE, () -> {
                js.eval("var lost = 1");
                ScriptStoppedException e =
                        assertThrows(ScriptStoppedException.class, () -> js.eval("eval('while (true) {}')"));
                assertEquals(ScriptStoppedException.Reason.TIME_LIMIT, e.reason());
                assertEquals(7, js.eval("3 + 4").asInt(), "the next evaluation works");
                assertEquals("undefined", js.eval("typeof lost").asText(), "a new engine");
                assertEquals(
                        "{\"n\":2}",
                        js.bridge
                                .registry()
                                .mergeStrategy("count")
                                .orElseThrow()
                                .merge(List.of(
                                        new TaskOutput("a", "t", "succeeded", null, null),
                                        new TaskOutput("b", "t", "succeeded", null, null)))
                                .toString(),
                        "registered merges work again: their definitions were evaluated again");
                assertEquals(
                        10,
                        js.bridge
                                .runPipeline("p", BridgeFixture.json("{\"x\": 5}"))
                                .value()
                                .asInt());
            });
        }
    }

    @Test
    void aMergeThatLoopsForeverIsStoppedAndLeavesItsInputsAlone() {
        try (BridgeFixture js = new BridgeFixture(
                dir,
                LIMITED,
                "fanout.registerMerge('spin', function (outs) { outs[0].result.x = 99; while (true) {} })")) {
            assertTimeoutPreemptively(PATIENCE, () -> {
                var result = BridgeFixture.json("{\"x\": 1}");
                List<TaskOutput> outputs = List.of(new TaskOutput("a", "t", "succeeded", result, null));
                MergeException e = assertThrows(
                        MergeException.class,
                        () -> js.bridge
                                .registry()
                                .mergeStrategy("spin")
                                .orElseThrow()
                                .merge(outputs));
                assertTrue(
                        e.getMessage()
                                .startsWith(
                                        "merge strategy 'spin' (<expression>) failed: merge strategy 'spin': stopped after 2 s"),
                        e.getMessage());
                assertEquals("{\"x\":1}", result.toString());
            });
        }
    }

    @Test
    void cancellingATaskFutureStopsOnlyThatTask() throws Exception {
        try (BridgeFixture js = new BridgeFixture(dir)) {
            CompletableFuture<ScriptResult> spinning = js.bridge.runTask(
                    "function (task) { fanout.log('started'); while (true) {} }",
                    BridgeFixture.json("{\"id\": \"spin\"}"),
                    dir);
            CompletableFuture<ScriptResult> next =
                    js.bridge.runTask("task => ({id: task.id})", BridgeFixture.json("{\"id\": \"next\"}"), dir);
            awaitLog(js, "started");
            spinning.cancel(true);
            assertEquals(
                    "{\"id\":\"next\"}", next.get(20, TimeUnit.SECONDS).value().toString());
            assertTrue(spinning.isCancelled());
        }
    }

    @Test
    void anInterruptedCallerStopsItsScript() throws Exception {
        try (BridgeFixture js = new BridgeFixture(dir)) {
            Thread[] caller = new Thread[1];
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            caller[0] = new Thread(() -> {
                try {
                    js.bridge.evaluate("fanout.log('started'); for (;;) {}");
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            caller[0].start();
            awaitLog(js, "started");
            caller[0].interrupt();
            assertInstanceOf(ScriptStoppedException.class, outcome.get(20, TimeUnit.SECONDS));
            assertEquals(1, js.eval("1").asInt());
        }
    }
}
