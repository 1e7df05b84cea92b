package dev.fanout.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanoutException;
import dev.fanout.config.Config;
import dev.fanout.config.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {
    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

    @TempDir
    Path root;

    private Home home() {
        return new Home(root);
    }

    private Resources resources() {
        return new Resources(home(), Config.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void noRegistryYetMeansNoEntries() {
        assertEquals(List.of(), new Registry(home().registryFile()).entries());
    }

    @Test
    void everyEntryFieldIsWrittenAndReadBack() throws IOException {
        resources()
                .createTemporarySkill(
                        new SkillSpec("graphql-expert", "GraphQL help", List.of("Generate resolvers")), CreatedBy.HAND);
        resources()
                .createTemporaryAgent(
                        new AgentSpec("k8s", "deploys", List.of("Bash", "Read"), null, null), CreatedBy.AUTO);
        resources().markUsed(ResourceKind.AGENT, "k8s");
        resources().markUseful(ResourceKind.SKILL, "graphql-expert");

        List<RegistryEntry> entries = new Registry(home().registryFile()).entries();
        assertEquals(2, entries.size());
        RegistryEntry agent = entries.get(0);
        assertEquals(ResourceKind.AGENT, agent.kind());
        assertEquals(List.of("Bash", "Read"), agent.tools());
        assertEquals(CreatedBy.AUTO, agent.createdBy());
        assertEquals(NOW, agent.createdAt());
        assertEquals(NOW, agent.lastUsed());
        assertEquals(1, agent.usageCount());
        assertEquals(home().tempAgentsDir().resolve("k8s.md"), agent.path());
        RegistryEntry skill = entries.get(1);
        assertEquals(List.of("Generate resolvers"), skill.capabilities());
        assertTrue(skill.useful());
        assertNull(skill.lastUsed());
        String json = Files.readString(home().registryFile());
        assertTrue(json.contains("\"usage_count\" : 1") && json.contains("\"created_by\" : \"hand\""), json);
        try (Stream<Path> left = Files.list(home().tempDir())) {
            assertEquals(
                    List.of("agents", "registry.json", "registry.lock", "skills"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary write files left behind");
        }
    }

    @Test
    void aCorruptRegistryIsAnErrorWithItsPathAndIsNeverReset() throws IOException {
        resources().createTemporaryAgent(new AgentSpec("a", "d", null, null, null), CreatedBy.HAND);
        byte[] corrupt = "{\"format\": 1, \"resources\": [ {\"kind\": \"agent\",".getBytes();
        Files.write(home().registryFile(), corrupt);

        FanoutException e =
                assertThrows(FanoutException.class, () -> resources().markUsed(ResourceKind.AGENT, "a"));
        assertEquals(FanoutException.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(home().registryFile() + ":1:"), e.getMessage());
        assertTrue(e.getMessage().contains("fanout does not reset it"), e.getMessage());
        assertThrows(
                FanoutException.class,
                () -> resources().createTemporaryAgent(new AgentSpec("b", "d", null, null, null), CreatedBy.HAND));
        assertThrows(FanoutException.class, () -> resources().cleanup(false));
        assertThrows(FanoutException.class, () -> resources().status());
        assertArrayEquals(corrupt, Files.readAllBytes(home().registryFile()), "the corrupt registry is left as it was");
    }

    @Test
    void aDamagedEntryIsNamed() throws IOException {
        Files.createDirectories(home().tempDir());
        Files.writeString(home().registryFile(), """
                {"format": 1, "resources": [
                  {"kind": "agent", "name": "a", "path": "x", "description": "d", "created_by": "hand",
                   "created_at": "2025-01-01T00:00:00Z", "last_used": null, "usage_count": "many", "useful": false}
                ]}
                """);
        FanoutException e = assertThrows(FanoutException.class, () -> new Registry(home().registryFile()).entries());
        assertTrue(
                e.getMessage().contains("resources[0] (agent 'a'): 'usage_count' must be a whole number"),
                e.getMessage());
    }

    @Test
    void anEntryWhoseNameWouldLeaveTheFolderIsDamage() throws IOException {
        Files.createDirectories(home().tempDir());
        Files.writeString(home().registryFile(), """
                {"format": 1, "resources": [
                  {"kind": "skill", "name": "../../etc", "path": "x", "description": "d", "created_by": "hand",
                   "created_at": "2025-01-01T00:00:00Z", "last_used": null, "usage_count": 0, "useful": false}
                ]}
                """);
        FanoutException e =
                assertThrows(FanoutException.class, () -> resources().cleanup(false));
        assertTrue(e.getMessage().contains("'name' is not a valid skill name"), e.getMessage());
    }

    @Test
    void somethingElseThanARegistryIsRefused() throws IOException {
        Files.createDirectories(home().tempDir());
        Files.writeString(home().registryFile(), "[1, 2]");
        FanoutException e = assertThrows(FanoutException.class, () -> new Registry(home().registryFile()).entries());
        assertTrue(e.getMessage().contains("not a registry"), e.getMessage());
    }
}
