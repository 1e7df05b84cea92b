package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.Json;
import dev.fanout.agent.AgentDefinition;
import dev.fanout.agent.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCommandTest {
    @TempDir
    Path home;

    private AgentCliRun run(String... args) {
        return AgentCliRun.run(home, args);
    }

    private AgentDefinition read(String name) {
        return AgentDefinition.read(home.resolve("temp/agents/" + name + ".md"), Origin.TEMPORARY);
    }

    @Test
    void theCommandTemplateTakesOptionLikeArgumentsUntilTheNextOwnOption() {
        AgentCliRun r = run(
                "agent",
                "create",
                "--name",
                "k8s-deployer",
                "--description",
                "Orchestrates K8s deployments",
                "--tools",
                "Bash",
                "Read",
                "--command",
                "claude",
                "-p",
                "{prompt}",
                "--append-system-prompt",
                "{body}",
                "--model",
                "sonnet");
        assertEquals(0, r.exit(), r.err());
        AgentDefinition a = read("k8s-deployer");
        assertEquals(List.of("claude", "-p", "{prompt}", "--append-system-prompt", "{body}"), a.command());
        assertEquals("sonnet", a.model());
        assertEquals(List.of("Bash", "Read"), a.tools());
    }

    @Test
    void theCommandTemplateMayBeOneJsonList() {
        AgentCliRun r = run(
                "agent",
                "create",
                "--name",
                "demo",
                "--description",
                "offline demo",
                "--command",
                "[\"examples/agents/demo-agent.sh\", \"{task_id}\", \"{prompt}\"]");
        assertEquals(0, r.exit(), r.err());
        assertEquals(
                List.of("examples/agents/demo-agent.sh", "{task_id}", "{prompt}"),
                read("demo").command());
    }

    @Test
    void anAgentWithoutCommandUsesTheConfiguredOne() {
        run("agent", "create", "--name", "plain", "--description", "d");
        assertEquals(List.of(), read("plain").command());
        AgentCliRun show = run("agent", "show", "plain");
        assertTrue(
                show.out().contains("command:      agent_command from the config: [\"claude\",\"-p\",\"{prompt}\""),
                show.out());
    }

    @Test
    void anEmptyOrUnknownCommandTemplateIsRefused() {
        AgentCliRun empty = run("agent", "create", "--name", "e", "--description", "d", "--command", "[]");
        assertEquals(2, empty.exit());
        assertTrue(empty.err().startsWith("error: agent 'e': the command template is empty"), empty.err());
        AgentCliRun typo = run("agent", "create", "--name", "t", "--description", "d", "--command", "agent", "{promt}");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("did you mean {prompt}?"), typo.err());
        AgentCliRun json = run("agent", "create", "--name", "j", "--description", "d", "--command", "[\"unclosed\"");
        assertEquals(2, json.exit());
        assertTrue(json.err().startsWith("error: --command: not a JSON list"), json.err());
        assertTrue(!Files.exists(home.resolve("temp/agents"))
                || home.resolve("temp/agents").toFile().list().length == 0);
    }

    @Test
    void listShowsWhereEachAgentComesFromAndWhichOneIsShadowed() throws IOException {
        run("agent", "create", "--name", "reviewer", "--description", "temporary reviewer", "--model", "haiku");
        Files.createDirectories(home.resolve("agents"));
        Files.writeString(
                home.resolve("agents/reviewer.md"), "---\nname: reviewer\ndescription: the team's reviewer\n---\n");
        Files.writeString(home.resolve("agents/broken.md"), "---\nname: broken\ndescription: d\ncommand: []\n---\n");
        AgentCliRun r = run("agent", "list");
        assertEquals("""
                name      origin                model  command          description
                reviewer  permanent             -      (agent_command)  the team's reviewer
                reviewer  temporary (shadowed)  haiku  (agent_command)  temporary reviewer
                """, r.out());
        assertTrue(
                r.err()
                        .startsWith(
                                "warning: " + home.resolve("agents/broken.md") + ":4: the command template is empty"),
                r.err());
        assertEquals(
                "the team's reviewer",
                run("agent", "show", "reviewer")
                        .out()
                        .lines()
                        .skip(1)
                        .findFirst()
                        .orElseThrow()
                        .substring(14));
    }

    @Test
    void listAndShowSpeakJson() throws IOException {
        run(
                "agent",
                "create",
                "--name",
                "a1",
                "--description",
                "first",
                "--tools",
                "Bash,Read",
                "--command",
                "x",
                "{prompt}");
        JsonNode list = Json.mapper().readTree(run("agent", "list", "--json").out());
        assertEquals("a1", list.at("/agents/0/name").asText());
        assertEquals("Read", list.at("/agents/0/tools/1").asText());
        assertEquals("{prompt}", list.at("/agents/0/command/1").asText());
        assertEquals(false, list.at("/agents/0/shadowed").asBoolean());
        JsonNode show =
                Json.mapper().readTree(run("agent", "show", "a1", "--json").out());
        assertTrue(show.get("body").asText().startsWith("You are a1: first"));
        assertEquals("hand", show.at("/metadata/fanout-created-by").asText());
    }
}
