package dev.fanout.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanoutException;
import dev.fanout.LocatedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentDefinitionTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name + ".md");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void anAgentWrittenByFanoutReadsBackIdentically() throws IOException {
        AgentSpec spec = new AgentSpec(
                "k8s-deployer",
                "Orchestrates K8s deployments: rollouts, \"canaries\" and rollbacks",
                List.of("Bash", "Read,Write"),
                "sonnet",
                List.of("claude", "-p", "{prompt}", "--append-system-prompt", "{body}", "--model", "{model}"));
        Path file = dir.resolve("k8s-deployer.md");
        AgentDefinition agent = new AgentDefinition(
                spec.name(),
                spec.description(),
                spec.tools(),
                spec.model(),
                spec.command(),
                spec.body(),
                Map.of("fanout-created-by", "auto"),
                file,
                Origin.TEMPORARY);
        Files.writeString(file, agent.toMarkdown());

        AgentDefinition back = AgentDefinition.read(file, Origin.TEMPORARY);
        assertEquals(agent, back);
        assertEquals(List.of("Bash", "Read", "Write"), back.tools());
        assertEquals(agent.toMarkdown(), back.toMarkdown());
    }

    @Test
    void aClaudeCodeAgentWithoutCommandIsReadAndUsesTheDefaultCommand() throws IOException {
        Path file = write("code-reviewer", """
                ---
                name: code-reviewer
                description: Expert code review specialist. Use immediately after writing or modifying code.
                tools: Read, Grep, Glob, Bash
                model: inherit
                color: blue
                ---

                You are a senior code reviewer.
                """);
        AgentDefinition a = AgentDefinition.read(file, Origin.EXTRA);
        assertEquals(List.of("Read", "Grep", "Glob", "Bash"), a.tools());
        assertEquals("inherit", a.model());
        assertEquals(List.of(), a.command());
        assertEquals("You are a senior code reviewer.\n", a.body());
    }

    @Test
    void anAgentWithOnlyNameAndDescriptionIsRead() throws IOException {
        AgentDefinition a =
                AgentDefinition.read(write("min", "---\nname: min\ndescription: d\n---\n"), Origin.PERMANENT);
        assertNull(a.model());
        assertEquals(List.of(), a.tools());
        assertEquals("", a.body());
    }

    @Test
    void anEmptyCommandTemplateIsReportedOnItsLine() throws IOException {
        Path file = write("empty-cmd", "---\nname: empty-cmd\ndescription: d\ncommand: []\n---\n");
        LocatedException e = assertThrows(LocatedException.class, () -> AgentDefinition.read(file, Origin.PERMANENT));
        assertEquals(4, e.line());
        assertTrue(e.problem().startsWith("the command template is empty"), e.getMessage());
    }

    @Test
    void aCommandGivenAsAShellStringIsRefused() throws IOException {
        Path file = write("shell", "---\nname: shell\ndescription: d\ncommand: claude -p \"{prompt}\"\n---\n");
        LocatedException e = assertThrows(LocatedException.class, () -> AgentDefinition.read(file, Origin.PERMANENT));
        assertEquals(4, e.line());
        assertTrue(e.problem().contains("never runs a shell"), e.getMessage());
    }

    @Test
    void anUnknownPlaceholderIsReportedWithTheClosestOne() throws IOException {
        Path file = write("typo", "---\nname: typo\ndescription: d\ncommand: [\"agent\", \"{promt}\"]\n---\n");
        LocatedException e = assertThrows(LocatedException.class, () -> AgentDefinition.read(file, Origin.PERMANENT));
        assertTrue(e.problem().contains("{promt}") && e.problem().contains("did you mean {prompt}?"), e.getMessage());
    }

    @Test
    void aNameThatDiffersFromTheFileNameIsReported() throws IOException {
        Path file = write("file-name", "---\nname: other-name\ndescription: d\n---\n");
        LocatedException e = assertThrows(LocatedException.class, () -> AgentDefinition.read(file, Origin.PERMANENT));
        assertEquals(2, e.line());
    }

    @Test
    void anAgentWithoutDescriptionIsReported() throws IOException {
        Path file = write("nodesc", "---\nname: nodesc\ntools: Bash\n---\n");
        LocatedException e = assertThrows(LocatedException.class, () -> AgentDefinition.read(file, Origin.PERMANENT));
        assertEquals(file + ":1: the agent has no 'description'; add one saying what it does", e.getMessage());
    }

    @Test
    void specsRefuseAnEmptyCommandTemplateButTakeNullAsTheDefault() {
        FanoutException e =
                assertThrows(FanoutException.class, () -> new AgentSpec("a", "d", List.of(), null, List.of()));
        assertTrue(e.getMessage().startsWith("agent 'a': the command template is empty"), e.getMessage());
        assertThrows(FanoutException.class, () -> new AgentSpec("a", "d", List.of(), null, List.of("", "{prompt}")));
        assertEquals(List.of(), new AgentSpec("a", "d", null, null, null).command());
    }

    @Test
    void theDemoAgentShippedInExamplesIsAValidAgent() {
        AgentDefinition a = AgentDefinition.read(Path.of("examples/agents/demo-agent.md"), Origin.EXTRA);
        assertEquals("demo-agent", a.name());
        assertEquals(List.of("examples/agents/demo-agent.sh", "{task_id}", "{prompt}"), a.command());
    }
}
