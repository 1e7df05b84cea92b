package dev.fanout.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.FanoutException;
import dev.fanout.LocatedException;
import dev.fanout.config.Config;
import dev.fanout.config.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
    @TempDir
    Path root;

    private Home home() {
        return new Home(root.resolve("home"));
    }

    private Path extra() {
        return root.resolve("claude-agents");
    }

    private Catalog catalog() {
        var settings = JsonNodeFactory.instance.objectNode();
        settings.putArray("agent_dirs").add(extra().toString());
        settings.putArray("skill_dirs").add(root.resolve("claude-skills").toString());
        return new Catalog(home(), Config.defaults().withJson("test", settings));
    }

    private static void agent(Path dir, String name, String description) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve(name + ".md"), "---\nname: " + name + "\ndescription: " + description + "\n---\nbody\n");
    }

    @Test
    void lookupGoesPermanentThenExtraFoldersThenTemporary() throws IOException {
        agent(home().tempAgentsDir(), "reviewer", "temporary one");
        assertEquals(
                Origin.TEMPORARY, catalog().findAgent("reviewer").orElseThrow().origin());
        agent(extra(), "reviewer", "extra one");
        assertEquals("extra one", catalog().findAgent("reviewer").orElseThrow().description());
        agent(home().agentsDir(), "reviewer", "permanent one");
        AgentDefinition found = catalog().findAgent("reviewer").orElseThrow();
        assertEquals("permanent one", found.description());
        assertEquals(Origin.PERMANENT, found.origin());
        assertFalse(found.temporary());

        Listing<AgentDefinition> all = catalog().agents();
        assertEquals(3, all.found().size());
        assertEquals(List.of(found), all.effective());
        assertTrue(all.shadowed(all.found().get(2)));
        assertFalse(all.shadowed(all.found().get(0)));
    }

    @Test
    void skillsAreFoldersWithSkillMd() throws IOException {
        Path dir = root.resolve("claude-skills").resolve("pdf");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("SKILL.md"), "---\nname: pdf\ndescription: PDFs\n---\n");
        Files.createDirectories(root.resolve("claude-skills").resolve("not-a-skill"));
        SkillDefinition s = catalog().findSkill("pdf").orElseThrow();
        assertEquals(Origin.EXTRA, s.origin());
        assertEquals(List.of(s), catalog().skills().found());
        assertEquals(List.of(), catalog().skills().problems());
    }

    @Test
    void aMalformedFileIsListedAsAProblemWithPathAndLineNotSkipped() throws IOException {
        agent(home().agentsDir(), "good", "fine");
        Files.writeString(home().agentsDir().resolve("broken.md"), "---\nname: broken\ndescription: [oops\n---\n");
        Files.writeString(home().agentsDir().resolve("Bad Name.md"), "---\nname: x\ndescription: d\n---\n");
        Files.writeString(home().agentsDir().resolve("notes.txt"), "not an agent");
        Files.writeString(home().agentsDir().resolve(".hidden.md"), "half-written");

        Listing<AgentDefinition> listing = catalog().agents();
        assertEquals(
                List.of("good"),
                listing.found().stream().map(AgentDefinition::name).toList());
        assertEquals(2, listing.problems().size(), listing.problems().toString());
        ResourceProblem nameProblem = listing.problems().get(0);
        assertTrue(nameProblem.toString().contains("Bad Name.md: agent name 'Bad Name'"), nameProblem.toString());
        ResourceProblem yaml = listing.problems().get(1);
        assertEquals(home().agentsDir().resolve("broken.md"), yaml.path());
        assertTrue(yaml.line() >= 3, yaml.toString());
        assertTrue(yaml.problem().startsWith("the frontmatter is not valid YAML"), yaml.toString());
    }

    @Test
    void findingAMalformedAgentIsAnErrorNotAMiss() throws IOException {
        Files.createDirectories(home().agentsDir());
        Files.writeString(home().agentsDir().resolve("broken.md"), "no frontmatter at all\n");
        LocatedException e =
                assertThrows(LocatedException.class, () -> catalog().findAgent("broken"));
        assertEquals(
                home().agentsDir().resolve("broken.md") + ":1: no frontmatter: the file must start with a '---' line, "
                        + "then YAML fields (name, description, …), then '---'",
                e.getMessage());
    }

    @Test
    void aMissingAgentNamesWhereItLookedAndTheClosestName() throws IOException {
        agent(extra(), "code-reviewer", "reviews");
        FanoutException e =
                assertThrows(FanoutException.class, () -> catalog().require(ResourceKind.AGENT, "code-reveiwer"));
        assertEquals(FanoutException.BAD_INPUT, e.exitCode());
        assertTrue(
                e.getMessage().startsWith("no agent named 'code-reveiwer' in " + home().agentsDir() + ", " + extra()),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("did you mean 'code-reviewer'?"), e.getMessage());
    }

    @Test
    void aNameThatIsAPathIsRefusedBeforeAnyFileIsTouched() {
        for (String bad : List.of("../../etc/passwd", "a/b", "..", "")) {
            assertThrows(FanoutException.class, () -> catalog().findAgent(bad), bad);
        }
    }

    @Test
    void aTildeInAnExtraFolderIsTheUsersHome() {
        var settings = JsonNodeFactory.instance.objectNode();
        settings.putArray("agent_dirs").add("~/.claude/agents");
        Catalog c = new Catalog(home(), Config.defaults().withJson("test", settings));
        assertEquals(
                Path.of(System.getProperty("user.home"), ".claude", "agents"),
                c.places(ResourceKind.AGENT).get(1).dir());
    }
}
