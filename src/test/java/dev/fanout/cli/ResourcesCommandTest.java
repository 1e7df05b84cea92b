package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourcesCommandTest {
    @TempDir
    Path home;

    private AgentCliRun run(String... args) {
        return AgentCliRun.run(home, args);
    }

    private Path registry() {
        return home.resolve("temp/registry.json");
    }

    /** Moves an entry's times into the past, as if it had been made and used then. */
    private void age(String name, Duration created, Duration lastUsed, int uses) throws IOException {
        JsonNode root = Json.mapper().readTree(registry().toFile());
        Instant now = Instant.now();
        for (JsonNode e : root.get("resources")) {
            if (e.get("name").asText().equals(name)) {
                ObjectNode o = (ObjectNode) e;
                o.put("created_at", now.minus(created).toString());
                if (lastUsed == null) {
                    o.putNull("last_used");
                } else {
                    o.put("last_used", now.minus(lastUsed).toString());
                }
                o.put("usage_count", uses);
            }
        }
        Files.writeString(registry(), Json.pretty(root));
    }

    @Test
    void listShowsAgeUsesLastUseAndTheDecisionWithItsReason() throws IOException {
        run("agent", "create", "--name", "service-builder", "--description", "builds services");
        run("skill", "create", "--name", "old-skill", "--description", "never used");
        age(
                "service-builder",
                Duration.ofDays(3).plusMinutes(1),
                Duration.ofHours(5).plusMinutes(1),
                1);
        age("old-skill", Duration.ofDays(40).plusMinutes(1), null, 0);

        AgentCliRun r = run("resources", "list");
        assertEquals(0, r.exit(), r.err());
        assertEquals("""
                kind   name             age  uses  last used  decision  why
                skill  old-skill        40d  0     never      delete    never used in 40d (temp_resource_retention_days is 30)
                agent  service-builder  3d   1     5h ago     keep      last used 5h ago (within 7 days)
                """, r.out());

        JsonNode json =
                Json.mapper().readTree(run("resources", "list", "--json").out());
        assertEquals("delete", json.at("/resources/0/decision").asText());
        assertEquals("unused_too_long", json.at("/resources/0/rule").asText());
        assertEquals(1, json.at("/resources/1/usage_count").asInt());
        assertEquals(true, json.at("/resources/1/file_exists").asBoolean());
    }

    @Test
    void markUsedAndMarkUsefulChangeTheDecision() throws IOException {
        run("skill", "create", "--name", "one-off", "--description", "d");
        age("one-off", Duration.ofDays(10), Duration.ofDays(10), 1);
        assertTrue(run("resources", "list").out().contains("delete    used once, created 10d ago"));

        AgentCliRun used = run("resources", "mark-used", "--name", "one-off", "--type", "skill");
        assertEquals("skill 'one-off' used 2 times\n", used.out());
        String after = run("resources", "list").out();
        assertTrue(after.matches("(?s).*keep      last used \\d+s ago \\(within 7 days\\).*"), after);

        AgentCliRun useful = run("resources", "mark-useful", "--name", "one-off");
        assertEquals("skill 'one-off' marked useful: the cleanup keeps it\n", useful.out());
        age("one-off", Duration.ofDays(100), Duration.ofDays(90), 2);
        assertTrue(run("resources", "list").out().contains("keep      marked useful"));
    }

    @Test
    void markingNeedsATypeOnlyWhenBothKindsHaveTheName() {
        run("skill", "create", "--name", "both", "--description", "d");
        run("agent", "create", "--name", "both", "--description", "d");
        AgentCliRun r = run("resources", "mark-used", "--name", "both");
        assertEquals(2, r.exit());
        assertTrue(r.err().endsWith("add --type skill or --type agent\n"), r.err());
        assertEquals(
                0,
                run("resources", "mark-used", "--name", "both", "--type", "agent")
                        .exit());
        AgentCliRun badType = run("resources", "mark-used", "--name", "both", "--type", "tool");
        assertEquals(2, badType.exit());
        assertEquals("error: unknown resource type 'tool'; use skill or agent\n", badType.err());
        AgentCliRun missing = run("resources", "mark-useful", "--name", "nothing-here");
        assertEquals(2, missing.exit());
        AgentCliRun badName = run("resources", "mark-used", "--name", "../x", "--type", "agent");
        assertEquals(2, badName.exit());
    }

    @Test
    void cleanupDryRunDeletesNothingThenCleanupDeletes() throws IOException {
        run("agent", "create", "--name", "stale", "--description", "d");
        run("agent", "create", "--name", "busy", "--description", "d");
        age("stale", Duration.ofDays(45), null, 0);
        age("busy", Duration.ofDays(45), Duration.ofDays(40), 5);

        AgentCliRun dry = run("resources", "cleanup", "--dry-run");
        assertEquals("""
                action        kind   name   why
                kept          agent  busy   used 5 times (3 or more keep it)
                would delete  agent  stale  never used in 45d (temp_resource_retention_days is 30)
                dry run: 1 would be deleted, 1 kept
                """, dry.out());
        assertTrue(Files.exists(home.resolve("temp/agents/stale.md")));

        AgentCliRun done = run("resources", "cleanup");
        assertEquals(0, done.exit());
        assertTrue(done.out().contains("deleted  agent  stale"), done.out());
        assertTrue(done.out().endsWith("1 deleted, 1 kept\n"), done.out());
        assertFalse(Files.exists(home.resolve("temp/agents/stale.md")));
        assertTrue(Files.exists(home.resolve("temp/agents/busy.md")));
    }

    @Test
    void cleanupHonoursAConfigFlag() throws IOException {
        run("agent", "create", "--name", "young", "--description", "d");
        age("young", Duration.ofDays(2), null, 0);
        assertTrue(run("resources", "cleanup", "--dry-run").out().contains("0 would be deleted"));
        AgentCliRun r = run("resources", "cleanup", "-c", "temp_resource_retention_days=1", "--json");
        JsonNode json = Json.mapper().readTree(r.out());
        assertEquals("delete", json.at("/decisions/0/decision").asText());
        assertFalse(json.get("dry_run").asBoolean());
        assertFalse(Files.exists(home.resolve("temp/agents/young.md")));
    }

    @Test
    void anEntryWhoseFileIsGoneIsListedThenRemovedByCleanup() throws IOException {
        run("skill", "create", "--name", "vanished", "--description", "d");
        Files.delete(home.resolve("temp/skills/vanished/SKILL.md"));
        AgentCliRun list = run("resources", "list");
        assertTrue(
                list.out().contains("delete    its file is gone (" + home.resolve("temp/skills/vanished/SKILL.md")),
                list.out());
        run("resources", "cleanup");
        assertEquals("no temporary skills or agents\n", run("resources", "list").out());
    }

    @Test
    void promoteMovesToThePermanentPlaceAndNeedsForceToReplace() throws IOException {
        run("agent", "create", "--name", "keeper", "--description", "first");
        AgentCliRun p = run("resources", "promote", "--name", "keeper");
        assertEquals("promoted agent 'keeper' to " + home.resolve("agents/keeper.md") + "\n", p.out());
        assertTrue(run("agent", "show", "keeper").out().contains("origin:       permanent"));

        Files.createDirectories(home.resolve("temp/agents"));
        Files.writeString(home.resolve("temp/agents/keeper.md"), "---\nname: keeper\ndescription: second\n---\n");
        AgentCliRun refused = run("resources", "promote", "--name", "keeper", "--type", "agent");
        assertEquals(2, refused.exit());
        assertEquals(
                "error: a permanent agent named 'keeper' exists at " + home.resolve("agents/keeper.md")
                        + "; add --force to replace it\n",
                refused.err());
        AgentCliRun forced = run("resources", "promote", "--name", "keeper", "--force");
        assertTrue(forced.out().endsWith("(replaced the permanent one)\n"), forced.out());
        assertTrue(run("agent", "show", "keeper").out().contains("description:  second"));
    }

    @Test
    void aCorruptRegistryIsAnErrorNamingItAndStaysAsItIs() throws IOException {
        run("agent", "create", "--name", "a", "--description", "d");
        Files.writeString(registry(), "{ not json");
        for (String[] args : new String[][] {
            {"resources", "list"}, {"resources", "cleanup"}, {"resources", "mark-used", "--name", "a"}
        }) {
            AgentCliRun r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args));
            assertTrue(r.err().startsWith("error: " + registry() + ":1:"), r.err());
        }
        assertEquals("{ not json", Files.readString(registry()));
        assertTrue(Files.exists(home.resolve("temp/agents/a.md")));
    }

    @Test
    void withoutASubcommandTheUsageIsShown() {
        AgentCliRun r = run("resources");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("cleanup") && r.out().contains("mark-useful"), r.out());
    }
}
