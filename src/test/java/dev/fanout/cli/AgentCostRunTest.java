package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: what agents report spending is totalled per run and per agent, and max_cost_usd stops new agent tasks. */
class AgentCostRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FAKE_AGENT =
            Path.of("examples/agents/fake-agent.sh").toAbsolutePath();

    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    private void agent(String name) throws IOException {
        Files.createDirectories(home().resolve("agents"));
        Files.writeString(
                home().resolve("agents/" + name + ".md"),
                "---\nname: " + name + "\ndescription: the offline fake agent\ncommand: [\"" + FAKE_AGENT
                        + "\", \"{prompt}\"]\n---\n\nYou edit files.\n");
    }

    private static ObjectNode agentTask(ArrayNode list, String id, String agent, String prompt, String... deps) {
        ObjectNode t = list.addObject();
        t.put("id", id);
        t.put("agent", agent);
        t.put("prompt", prompt);
        ArrayNode d = t.putArray("depends_on");
        for (String dep : deps) {
            d.add(dep);
        }
        return t;
    }

    private JsonNode record() throws IOException {
        return JSON.readTree(
                FanoutProcess.runDir(home()).orElseThrow().resolve("run.json").toFile());
    }

    @Test
    void costsAndTokensAreTotalledPerRunAndPerAgentAsTheAgentPrintedThem() throws Exception {
        agent("fake");
        agent("other");
        ObjectNode file = JSON.createObjectNode();
        file.putObject("config").put("max_retries", 0);
        ArrayNode list = file.putArray("tasks");
        agentTask(list, "guide", "fake", "add docs/guide.md Hello\ncost 0.12");
        agentTask(list, "notes", "fake", "add notes.md one\nadd notes.md two\ncost 0.05");
        agentTask(list, "review", "other", "cost 0.03", "guide");
        list.addObject().put("id", "build").put("command", "true");
        Path tasks = tmp.resolve("tasks.json");
        Files.writeString(tasks, file.toString());

        Cli.Result run = Cli.run(home(), "run", tasks.toString(), "--parallel");

        assertEquals(0, run.exit(), run.toString());
        // what the fake agent printed: input 100 + 10 an edit, output 20 an edit, cache 50 read and 5 written, edits +
        // 1 turns
        assertTrue(
                run.out()
                        .contains("cost 0.20 USD, 330 input + 60 output tokens (cache: 150 read, 15 written), 6 turns;"
                                + " fake 0.17 USD, other 0.03 USD"),
                run.toString());
        JsonNode usage = record().path("usage");
        assertEquals(0.2, usage.path("total").path("total_cost_usd").asDouble(), 1e-9);
        assertEquals(330, usage.path("total").path("input_tokens").asLong());
        assertEquals(60, usage.path("total").path("output_tokens").asLong());
        assertEquals(150, usage.path("total").path("cache_read_input_tokens").asLong());
        assertEquals(15, usage.path("total").path("cache_creation_input_tokens").asLong());
        assertEquals(6, usage.path("total").path("num_turns").asLong());
        assertEquals(
                0.17, usage.path("agents").path("fake").path("total_cost_usd").asDouble(), 1e-9);
        assertEquals(
                0.03, usage.path("agents").path("other").path("total_cost_usd").asDouble(), 1e-9);
        JsonNode attempt =
                record().path("results").path("notes").path("attempts").get(0);
        assertEquals("fake-notes", attempt.path("usage").path("session_id").asText());
        assertTrue(record().path("results")
                .path("build")
                .path("attempts")
                .get(0)
                .path("usage")
                .isMissingNode());

        Cli.Result runs = Cli.run(home(), "runs");
        assertTrue(runs.out().lines().findFirst().orElse("").contains("cost"), runs.toString());
        assertTrue(runs.out().contains("0.20 USD"), runs.toString());
        Cli.Result runsJson = Cli.run(home(), "runs", "--json");
        assertEquals(0.2, JSON.readTree(runsJson.out()).get(0).path("cost_usd").asDouble(), 1e-9);

        Cli.Result again = Cli.run(home(), "run", tasks.toString(), "--parallel");
        assertEquals(0, again.exit(), again.toString());
        Cli.Result stats = Cli.run(home(), "stats");
        assertTrue(stats.out().contains("agents spent 0.40 USD, 660 input + 120 output tokens"), stats.toString());
        assertTrue(stats.out().contains("fake 0.34 USD, other 0.06 USD"), stats.toString());
        JsonNode statsJson = JSON.readTree(Cli.run(home(), "stats", "--json").out());
        assertEquals(0.4, statsJson.path("usage").path("cost_usd").asDouble(), 1e-9);
    }

    @Test
    void aRunThatReachesMaxCostStartsNoNewAgentTaskAndSaysWhy() throws Exception {
        agent("fake");
        ObjectNode file = JSON.createObjectNode();
        file.putObject("config").put("max_retries", 0).put("max_cost_usd", 0.25);
        ArrayNode list = file.putArray("tasks");
        agentTask(list, "a", "fake", "cost 0.1");
        agentTask(list, "b", "fake", "cost 0.1", "a");
        agentTask(list, "c", "fake", "cost 0.1", "b");
        agentTask(list, "d", "fake", "cost 0.1", "c");
        list.addObject()
                .put("id", "e")
                .put("command", "true")
                .putArray("depends_on")
                .add("d");
        list.addObject()
                .put("id", "lint")
                .put("command", "true")
                .putArray("depends_on")
                .add("c");
        Path tasks = tmp.resolve("tasks.json");
        Files.writeString(tasks, file.toString());

        Cli.Result run = Cli.run(home(), "run", tasks.toString(), "--jobs", "1");

        assertEquals(1, run.exit(), "skipped tasks make the run partial, as a failure's dependents do\n" + run);
        JsonNode results = record().path("results");
        for (String ran : List.of("a", "b", "c", "lint")) {
            assertEquals("succeeded", results.path(ran).path("status").asText(), ran + "\n" + run);
        }
        assertEquals("skipped", results.path("d").path("status").asText());
        assertEquals(
                "cost limit 0.25 USD reached (spent 0.30)",
                results.path("d").path("reason").asText());
        assertTrue(results.path("d").path("attempts").isEmpty(), "d never started");
        assertEquals("skipped", results.path("e").path("status").asText());
        assertEquals("dependency d skipped", results.path("e").path("reason").asText());
        assertEquals(
                0.3, record().path("usage").path("total").path("total_cost_usd").asDouble(), 1e-9);
        assertTrue(run.out().contains("skipped d (cost limit 0.25 USD reached (spent 0.30))"), run.toString());
        assertTrue(run.out().contains("skipped e (a dependency did not succeed)"), run.toString());
    }

    @Test
    void theRunFlagSetsTheLimitAndABadValueIsRefused() throws Exception {
        agent("fake");
        ObjectNode file = JSON.createObjectNode();
        ArrayNode list = file.putArray("tasks");
        agentTask(list, "a", "fake", "cost 0.5");
        agentTask(list, "b", "fake", "cost 0.5", "a");
        Path tasks = tmp.resolve("tasks.json");
        Files.writeString(tasks, file.toString());

        Cli.Result bad = Cli.run(home(), "run", tasks.toString(), "--max-cost-usd", "lots");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("max_cost_usd"), bad.toString());

        Cli.Result run = Cli.run(home(), "run", tasks.toString(), "--max-cost-usd", "0.5");
        assertEquals(1, run.exit(), run.toString());
        assertEquals(
                "cost limit 0.50 USD reached (spent 0.50)",
                record().path("results").path("b").path("reason").asText());
    }

    @Test
    void anAgentsPoolHoldsItsTasksUnlessATaskNamesItsOwn() throws Exception {
        Cli.Result made = Cli.run(
                home(),
                "agent",
                "create",
                "--name",
                "pooled",
                "--description",
                "the fake agent, in pool claude",
                "--pool",
                "claude",
                "--command",
                "[\"" + FAKE_AGENT + "\", \"{prompt}\"]");
        assertEquals(0, made.exit(), made.toString());
        assertTrue(Cli.run(home(), "agent", "show", "pooled").out().contains("claude"));
        ObjectNode file = JSON.createObjectNode();
        file.putObject("config").putObject("pools").put("claude", 1).put("gpu", 1);
        ArrayNode list = file.putArray("tasks");
        agentTask(list, "a", "pooled", "cost 0.01");
        agentTask(list, "b", "pooled", "cost 0.01");
        agentTask(list, "c", "pooled", "cost 0.01").put("pool", "gpu");
        Path tasks = tmp.resolve("tasks.json");
        Files.writeString(tasks, file.toString());

        Cli.Result dry = Cli.run(home(), "run", tasks.toString(), "--dry-run");
        assertTrue(dry.out().contains("claude 1 at once (a, b); gpu 1 at once (c)"), dry.toString());

        ((ObjectNode) file.get("config")).remove("pools");
        Files.writeString(tasks, file.toString());
        Cli.Result noLimit = Cli.run(home(), "run", tasks.toString());
        assertEquals(2, noLimit.exit(), noLimit.toString());
        assertTrue(
                noLimit.err().contains("task 'a' is in pool 'claude' (its agent 'pooled' says so), which has no limit"),
                noLimit.toString());
    }
}
