package dev.fanout.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.cli.CliContext;
import dev.fanout.cli.CommandLineFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompts reach agents byte for byte through argv templates; agent JSON becomes the result. */
class AgentRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** An agent whose command is a script given the prompt as one argument. */
    private void agent(String name, String script) throws Exception {
        Path file = Files.writeString(dir.resolve(name + ".sh"), "#!/bin/sh\n" + script + "\n");
        file.toFile().setExecutable(true);
        Files.createDirectories(dir.resolve("home/agents"));
        Files.writeString(
                dir.resolve("home/agents/" + name + ".md"),
                "---\nname: " + name + "\ndescription: test agent\n" + "command: [\"" + file
                        + "\", \"{task_id}\", \"{prompt}\"]\n---\nYou are a test.\n");
    }

    private int run(ArrayNode tasks) throws Exception {
        ObjectNode file = JSON.createObjectNode();
        file.putObject("config").put("backoff_base_seconds", 0.01).put("auto_cleanup_temp_resources", false);
        file.set("tasks", tasks);
        Path path = dir.resolve("tasks.json");
        JSON.writeValue(path.toFile(), file);
        CliContext ctx = new CliContext(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        return CommandLineFactory.create(ctx)
                .execute("--home", dir.resolve("home").toString(), "run", "--quiet", path.toString());
    }

    private Path runDir() throws Exception {
        try (var runs = Files.list(dir.resolve("home/runs"))) {
            return runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private JsonNode result(String taskId) throws Exception {
        return JSON.readTree(runDir().resolve("run.json").toFile()).at("/results/" + taskId);
    }

    @Test
    void everyPromptReachesTheAgentByteForByte() throws Exception {
        agent("echo", "printf '%s' \"$2\" > \"$FANOUT_RUN_DIR/got-$1\"");
        List<String> prompts = List.of(
                "it's \"quoted\" and 'single'",
                "$(touch " + dir.resolve("pwned-subshell") + ")",
                "`touch " + dir.resolve("pwned-backtick") + "`",
                "a; touch " + dir.resolve("pwned-semicolon") + "; b && c || d > e < f | g",
                "line one\nline two\n\ttabbed\r\nwindows",
                "unicode: żółć 漢字 🚀 \\ backslash %s %n",
                "x".repeat(100 * 1024));
        ArrayNode tasks = JSON.createArrayNode();
        for (int i = 0; i < prompts.size(); i++) {
            tasks.addObject().put("id", "p" + i).put("agent", "echo").put("prompt", prompts.get(i));
        }
        assertEquals(0, run(tasks), err.toString() + out);
        for (int i = 0; i < prompts.size(); i++) {
            assertArrayEquals(
                    prompts.get(i).getBytes(StandardCharsets.UTF_8),
                    Files.readAllBytes(runDir().resolve("got-p" + i)),
                    "prompt " + i);
        }
        for (String marker : List.of("pwned-subshell", "pwned-backtick", "pwned-semicolon")) {
            assertFalse(Files.exists(dir.resolve(marker)), marker + ": a shell saw the prompt");
        }
    }

    @Test
    void claudeJsonOutputBecomesTheTaskResult() throws Exception {
        agent(
                "claude-like",
                "printf '%s' '{\"type\":\"result\",\"is_error\":false,\"result\":\"made it\","
                        + "\"num_turns\":4,\"total_cost_usd\":0.0123,\"session_id\":\"s-1\"}'");
        ArrayNode tasks = JSON.createArrayNode();
        tasks.addObject().put("id", "job").put("agent", "claude-like").put("prompt", "do it");
        assertEquals(0, run(tasks), err.toString());
        JsonNode value = JSON.readTree(runDir().resolve("tasks/job/result.json").toFile());
        assertEquals("made it", value.get("result").asText());
        assertFalse(value.get("is_error").asBoolean());
        assertEquals(4, value.get("num_turns").asInt());
        assertEquals(0.0123, value.get("total_cost_usd").asDouble());
    }

    @Test
    void anOverloadedAgentIsRetriedAndOtherAgentErrorsAreNot() throws Exception {
        agent(
                "busy",
                "if [ \"$FANOUT_ATTEMPT\" = 1 ]; then printf '%s' '{\"is_error\":true,\"result\":\"API Error: 529 "
                        + "Overloaded\"}'; else printf '%s' '{\"is_error\":false,\"result\":\"ok\"}'; fi");
        agent("broken", "printf '%s' '{\"is_error\":true,\"result\":\"Prompt is too long\"}'");
        ArrayNode tasks = JSON.createArrayNode();
        tasks.addObject().put("id", "retried").put("agent", "busy").put("prompt", "p");
        tasks.addObject().put("id", "refused").put("agent", "broken").put("prompt", "p");
        assertEquals(1, run(tasks));
        assertEquals("succeeded", result("retried").get("status").asText());
        assertEquals(2, result("retried").get("attempts").size());
        assertEquals("failed", result("refused").get("status").asText());
        assertEquals(1, result("refused").get("attempts").size());
        assertTrue(
                result("refused").get("reason").asText().contains("Prompt is too long"),
                result("refused").toString());
    }

    @Test
    void claudeCodeIsRemovedFromTheAgentsEnvironment() throws Exception {
        agent("env", "env > \"$FANOUT_RUN_DIR/env-$1\"");
        ArrayNode tasks = JSON.createArrayNode();
        tasks.addObject()
                .put("id", "e")
                .put("agent", "env")
                .put("prompt", "p")
                .putObject("env")
                .put("CLAUDECODE", "1");
        assertEquals(0, run(tasks), err.toString());
        String env = Files.readString(runDir().resolve("env-e"));
        assertFalse(env.contains("CLAUDECODE="), env);
        assertTrue(env.contains("FANOUT_TASK_ID=e"), env);
    }

    @Test
    void placeholdersAreFilledInsideEachArgumentAndUnknownBracesStay() {
        List<String> argv = AgentRunner.fill(
                List.of("run", "--system={body}", "{prompt}", "{not_a_placeholder}", "{"),
                Map.of("{body}", "be {prompt} brief", "{prompt}", "hi $(x)"));
        assertEquals(List.of("run", "--system=be {prompt} brief", "hi $(x)", "{not_a_placeholder}", "{"), argv);
    }
}
