package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SkillCommandTest {
    @TempDir
    Path home;

    private AgentCliRun run(String... args) {
        return AgentCliRun.run(home, args);
    }

    @Test
    void createListAndShowASkill() throws IOException {
        AgentCliRun created = run(
                "skill",
                "create",
                "--name",
                "graphql-migration-expert",
                "--description",
                "Expert in migrating REST APIs to GraphQL",
                "--capabilities",
                "Analyze REST endpoints",
                "Generate resolvers");
        assertEquals(0, created.exit(), created.err());
        Path file = home.resolve("temp/skills/graphql-migration-expert/SKILL.md");
        assertTrue(created.out().startsWith("created temporary skill 'graphql-migration-expert' at " + file + "\n"));

        AgentCliRun list = run("skill", "list");
        assertEquals("""
                name                      origin     capabilities  description
                graphql-migration-expert  temporary  2             Expert in migrating REST APIs to GraphQL
                """, list.out());

        AgentCliRun show = run("skill", "show", "graphql-migration-expert");
        assertEquals(0, show.exit());
        assertTrue(show.out().startsWith("""
                name:         graphql-migration-expert
                description:  Expert in migrating REST APIs to GraphQL
                origin:       temporary (%s)
                capabilities: Analyze REST endpoints; Generate resolvers
                uses:         0, never used; created by hand

                # graphql-migration-expert
                """.formatted(file)), show.out());
        assertTrue(show.out()
                .endsWith(
                        Files.readString(file).substring(Files.readString(file).indexOf("# graphql"))));
    }

    @Test
    void listAndShowSpeakJson() throws IOException {
        run("skill", "create", "--name", "s1", "--description", "first", "--capabilities", "a", "b");
        JsonNode list = Json.mapper().readTree(run("skill", "list", "--json").out());
        assertEquals("s1", list.at("/skills/0/name").asText());
        assertEquals("temporary", list.at("/skills/0/origin").asText());
        assertEquals(2, list.at("/skills/0/capabilities").size());
        assertEquals(0, list.get("problems").size());
        JsonNode show =
                Json.mapper().readTree(run("skill", "show", "s1", "--json").out());
        assertTrue(show.get("body").asText().contains("## Capabilities"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a/b",
                "..",
                "../escape",
                "has space",
                "Upper",
                "",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            })
    void badNamesAreRefusedWithOneLine(String name) {
        AgentCliRun r = run("skill", "create", "--name", name, "--description", "d");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: skill name '"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(!Files.exists(home.resolve("temp/skills"))
                || home.resolve("temp/skills").toFile().list().length == 0);
    }

    @Test
    void showWithoutANameIsAUsageErrorAndItsHelpNamesTheKind() {
        for (String kind : List.of("skill", "agent")) {
            AgentCliRun missing = run(kind, "show");
            assertEquals(2, missing.exit());
            assertEquals(
                    "error: Missing required parameter: 'NAME' (see 'fanout " + kind + " show --help')\n",
                    missing.err());
            assertTrue(run(kind, "show", "--help").out().contains("NAME             the " + kind + "'s name"));
        }
    }

    @Test
    void aSkillWithoutDescriptionIsRefused() {
        assertEquals(2, run("skill", "create", "--name", "x").exit());
        AgentCliRun blank = run("skill", "create", "--name", "x", "--description", "  ");
        assertEquals(2, blank.exit());
        assertTrue(blank.err().startsWith("error: skill needs a description"), blank.err());
    }

    @Test
    void anUnknownSkillIsBadInputWithAHint() {
        run("skill", "create", "--name", "pdf-tools", "--description", "PDFs");
        AgentCliRun r = run("skill", "show", "pdf-tool");
        assertEquals(2, r.exit());
        assertTrue(r.err().endsWith("did you mean 'pdf-tools'?\n"), r.err());
    }

    @Test
    void aMalformedSkillIsReportedWithPathAndLineNotSkipped() throws IOException {
        Path broken = home.resolve("skills/broken/SKILL.md");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "---\nname: broken\n---\nno description\n");
        AgentCliRun r = run("skill", "list");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("no skills"), r.out());
        assertEquals(
                "warning: " + broken
                        + ":1: the skill has no 'description'; add one line saying what it does and when to use it\n",
                r.err());
        JsonNode json = Json.mapper().readTree(run("skill", "list", "--json").out());
        assertEquals(broken.toString(), json.at("/problems/0/path").asText());
        assertEquals(1, json.at("/problems/0/line").asInt());
        AgentCliRun show = run("skill", "show", "broken");
        assertEquals(2, show.exit());
        assertTrue(show.err().startsWith("error: " + broken + ":1:"), show.err());
    }
}
