package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.ProcessTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JavaScript from the command line: expressions, files, registered merges and pipelines, errors. */
class JsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private CliContext ctx = newContext();

    private CliContext newContext() {
        return new CliContext(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
    }

    private int fanout(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = dir.resolve("home").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CommandLineFactory.create(ctx)
                .execute(Main.scriptShorthand(all.length > 2 && args[0].endsWith(".js") ? args : all));
    }

    @Test
    void anExpressionPrintsItsValueAsJson() throws Exception {
        assertEquals(0, fanout("js", "({sum: 1 + 2, list: [1, 'two'], gone: undefined})"));
        assertEquals(JSON.readTree("{\"sum\": 3, \"list\": [1, \"two\"]}"), JSON.readTree(out.toString()));
    }

    @Test
    void loadKeepsTheTasksFilesConfigBesideItsTasks() throws Exception {
        Path file = dir.resolve("suites.json");
        Files.writeString(file, """
                {"config": {"max_retries": 0, "backoff_base_seconds": 0.3},
                 "tasks": [{"id": "a", "command": "true"}, {"id": "b", "command": "false"}]}
                """);
        String path = file.toString().replace("\\", "\\\\").replace("'", "\\'");
        assertEquals(
                0,
                fanout(
                        "js",
                        "const all = fanout.load('" + path + "'); "
                                + "({n: all.length, config: all.config, json: JSON.stringify(all).charAt(0)})"));
        assertEquals(
                JSON.readTree(
                        "{\"n\": 2, \"config\": {\"max_retries\": 0, \"backoff_base_seconds\": 0.3}, \"json\": \"[\"}"),
                JSON.readTree(out.toString()));
    }

    @Test
    void scriptsReadTheSessionsVariables() throws Exception {
        assertEquals(0, fanout("var", "target", "staging"));
        assertEquals(0, fanout("js", "fanout.vars.target + '/' + Object.keys(fanout.vars).length"));
        assertEquals("\"staging/1\"\n", out.toString());
    }

    @Test
    void aFileNamedAloneIsEvaluatedAsBy_jsDashF() throws Exception {
        Path script = Files.writeString(dir.resolve("hello.js"), "fanout.log('hello'); 6 * 7\n");
        assertEquals(0, fanout(script.toString(), "--home", dir.resolve("home").toString()));
        assertEquals("42\n", out.toString());
        assertEquals("hello\n", err.toString());
    }

    @Test
    void aMergeRegisteredAtThePromptIsUsedByMergeInTheSameSession() throws Exception {
        assertEquals(0, fanout("run", "--quiet", "examples/search.json"), err.toString());
        assertEquals(0, fanout("js", "fanout.registerMerge('count', outputs => ({tasks: outputs.length}))"));
        assertEquals(0, fanout("strategies"));
        assertTrue(out.toString().contains("count") && out.toString().contains("script: <expression>"), out.toString());
        assertEquals(0, fanout("merge", "--strategy", "count", "--json"));
        String text = out.toString();
        JsonNode merged = JSON.readTree(text.substring(text.lastIndexOf("{\n  \"strategy\"")));
        assertEquals(3, merged.at("/result/tasks").asInt());
    }

    @Test
    void aJsStrategySavedWithTheSessionWorksInANewProcessStartedOnIt() throws Exception {
        assertEquals(0, fanout("run", "--quiet", "examples/search.json"), err.toString());
        assertEquals(0, fanout("js", "fanout.registerMerge('count', outputs => ({tasks: outputs.length}))"));
        assertEquals(0, fanout("save", "work"));
        ctx = newContext(); // as a new fanout process: nothing carried over but the files
        assertEquals(0, fanout("--session", "work", "merge", "--strategy", "count", "--json"), err.toString());
        String text = out.toString();
        assertEquals(
                3,
                JSON.readTree(text.substring(text.lastIndexOf("{\n  \"strategy\"")))
                        .at("/result/tasks")
                        .asInt());
    }

    @Test
    void scriptErrorsNameTheFileLineAndColumn() throws Exception {
        Path script = Files.writeString(dir.resolve("broken.js"), "let a = 1;\nlet b = a.nope.deeper;\n");
        assertEquals(1, fanout("js", "-f", script.toString()));
        // Nashorn gives runtime errors a line only; syntax errors also a column
        assertTrue(err.toString().matches("error: .*broken\\.js:2: TypeError: .*\\n"), err.toString());
        Path bad = Files.writeString(dir.resolve("syntax.js"), "let x = ;\n");
        assertEquals(2, fanout("js", "-f", bad.toString()));
        assertTrue(err.toString().contains("syntax.js:1:9: SyntaxError"), err.toString());
    }

    @Test
    void javaIsRefusedWithAClearMessage() {
        assertEquals(1, fanout("js", "Java.type('java.lang.Runtime').getRuntime()"));
        assertTrue(
                err.toString().contains("scripts cannot use Java classes (java.lang.Runtime); set allow_java: true"),
                err.toString());
    }

    @Test
    void anEndlessScriptIsStoppedByTheTimeLimitAndTheSessionGoesOn() {
        assertEquals(0, fanout("set", "script_time_limit_seconds", "0.5"));
        assertTrue(fanout("js", "while (true) {}") != 0);
        assertTrue(err.toString().contains("stopped after 0.5 s of JavaScript"), err.toString());
        assertEquals(0, fanout("js", "'still here'"));
        assertTrue(out.toString().contains("\"still here\""), out.toString());
    }

    @Test
    void aDefinitionSaysWhatItRegisteredAndHowToUseItEachTimeItIsEvaluated() throws Exception {
        assertEquals(0, fanout("js", "-f", "examples/js/top3.js"));
        assertEquals(0, fanout("js", "-f", "examples/js/nightly.js"));
        assertEquals(0, fanout("js", "-f", "examples/js/top3.js"));
        assertEquals(0, fanout("js", "1 + 1"));

        assertEquals(
                List.of(
                        "registered merge strategy 'top3' (merge --strategy top3)",
                        "registered pipeline 'nightly' (pipeline run nightly)",
                        "registered merge strategy 'top3' (merge --strategy top3)"),
                err.toString().lines().toList());
        assertEquals("2\n", out.toString());
    }

    @ProcessTest // runs five test suites as real processes
    @Test
    void aPipelineRegisteredByAScriptRunsByName() throws Exception {
        Path report = dir.resolve("nightly.json");
        assertEquals(0, fanout("js", "-f", "examples/js/nightly.js"));
        assertEquals(0, fanout("pipeline", "list"));
        assertTrue(out.toString().contains("nightly"), out.toString());
        int code = fanout(
                "pipeline", "run", "nightly", "-o", "file=examples/five-test-suites.json", "-o", "out=" + report);
        assertEquals(0, code, err.toString());
        JsonNode written = JSON.readTree(report.toFile());
        assertEquals(226, written.at("/merged/tests").asInt(), written.toString());
        assertTrue(err.toString().contains("nightly: 5 of 5 tasks"), err.toString());
    }

    @Test
    void anUnknownPipelineSuggestsTheClosest() {
        assertEquals(0, fanout("js", "-f", "examples/js/nightly.js"));
        assertEquals(2, fanout("pipeline", "run", "nighty"));
        assertTrue(err.toString().contains("did you mean 'nightly'?"), err.toString());
    }

    @Test
    void standardOutputCarriesOnlyTheValueWhenTheScriptLogsAndRunsTasks() throws Exception {
        Path script = Files.writeString(
                dir.resolve("report.js"),
                "fanout.log('starting'); console.log({stage: 1}); print('plain print');\n"
                        + "const run = fanout.run({tasks: [{id: 'a', command: 'echo from-a; echo err-a >&2'},"
                        + " {id: 'b', command: 'exit 3', retries: 0}]});\n"
                        + "({status: run.status, counts: run.counts})\n");
        try (FanoutProcess p = FanoutProcess.start(
                dir.resolve("logs"),
                List.of(),
                "--home",
                dir.resolve("home").toString(),
                "js",
                "-f",
                script.toString())) {
            assertEquals(0, p.await(java.time.Duration.ofMinutes(2)), p.stderr());
            JsonNode value = JSON.readerFor(JsonNode.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(p.stdout()); // the whole of stdout is one JSON value
            assertEquals("partial", value.path("status").asText(), p.stdout());
            assertEquals(1, value.at("/counts/failed").asInt(), p.stdout());
            assertTrue(p.stderr().contains("starting"), p.stderr());
            assertTrue(p.stderr().contains("plain print"), p.stderr());
            assertTrue(p.stderr().contains("ok      a"), p.stderr());
        }
    }
}
