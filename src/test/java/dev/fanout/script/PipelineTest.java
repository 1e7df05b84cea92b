package dev.fanout.script;

import static dev.fanout.script.BridgeFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fanout.FanoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline composes load, filter, run, merge and write through the fanout object. */
class PipelineTest {
    @TempDir
    Path dir;

    @Test
    void aPipelineRunsScriptTasksAndAJavaScriptMergeWhileItWaits() throws Exception {
        Files.writeString(dir.resolve("nightly.json"), """
                [{"id": "lint", "type": "check", "script": "t => ({ok: true, id: t.id})"},
                 {"id": "deploy", "type": "deployment", "fake_result": {"deployed": true}},
                 {"id": "unit", "type": "check", "script": "t => ({ok: false, id: t.id})"}]
                """);
        try (BridgeFixture js = new BridgeFixture(dir)) {
            js.eval("""
                    fanout.registerMerge('oks', function (outputs) {
                      return {ok: outputs.filter(o => o.result.ok).map(o => o.task_id),
                              notOk: outputs.filter(o => !o.result.ok).map(o => o.task_id)};
                    });
                    fanout.registerPipeline('checks', function (options) {
                      const tasks = fanout.load(options.file).filter(t => t.type === 'check');
                      fanout.log('running ' + tasks.length + ' checks');
                      const run = fanout.run({tasks: tasks});
                      const merged = fanout.merge('oks', fanout.results(run.run_id));
                      fanout.write(options.out, merged);
                      return {run: run.run_id, status: run.status, merged: merged};
                    }, 'lint and unit, merged');
                    """);
            // the run's script tasks and the JavaScript merge need the engine's thread while the
            // pipeline holds it waiting for the run: they run nested instead of deadlocking
            ScriptResult r = assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> js.bridge.runPipeline(
                            "checks", json("{\"file\": \"nightly.json\", \"out\": \"out/report.json\"}")));
            assertEquals(
                    json(
                            "{\"run\": \"run-1\", \"status\": \"succeeded\", \"merged\": {\"ok\": [\"lint\"], \"notOk\": [\"unit\"]}}"),
                    r.value());
            assertEquals(List.of("running 2 checks"), r.log());
            assertEquals(
                    json("{\"ok\": [\"lint\"], \"notOk\": [\"unit\"]}"),
                    json(Files.readString(dir.resolve("out/report.json"))));
            assertEquals(
                    "lint and unit, merged",
                    js.bridge.registry().pipeline("checks").orElseThrow().description());
            assertEquals(
                    "[{\"name\":\"checks\",\"description\":\"lint and unit, merged\",\"origin\":\"<expression>\"}]",
                    js.eval("fanout.pipelines()").toString());
        }
    }

    @Test
    void aPipelineWithoutOptionsGetsAnEmptyObject() {
        try (BridgeFixture js = new BridgeFixture(dir)) {
            js.eval("fanout.registerPipeline('keys', o => Object.keys(o).length)");
            assertEquals(0, js.bridge.runPipeline("keys", null).value().asInt());
        }
    }

    @Test
    void anUnknownPipelineSuggestsTheClosestName() {
        try (BridgeFixture js = new BridgeFixture(dir)) {
            FanoutException none = assertThrows(FanoutException.class, () -> js.bridge.runPipeline("nightly", null));
            assertEquals("no pipeline named 'nightly'; register one with fanout.registerPipeline", none.getMessage());
            assertEquals(FanoutException.BAD_INPUT, none.exitCode());
            js.eval("fanout.registerPipeline('nightly', o => 1)");
            assertEquals(
                    "no pipeline named 'nigthly' (did you mean 'nightly'?)",
                    assertThrows(FanoutException.class, () -> js.bridge.runPipeline("nigthly", null))
                            .getMessage());
        }
    }
}
