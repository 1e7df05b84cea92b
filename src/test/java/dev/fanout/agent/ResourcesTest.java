package dev.fanout.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanoutException;
import dev.fanout.LocatedException;
import dev.fanout.agent.LifecycleDecision.Rule;
import dev.fanout.config.Config;
import dev.fanout.config.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourcesTest {
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    @TempDir
    Path root;

    private Home home() {
        return new Home(root);
    }

    private Resources at(Duration later) {
        return new Resources(home(), Config.defaults(), Clock.fixed(T0.plus(later), ZoneOffset.UTC));
    }

    private Resources now() {
        return at(Duration.ZERO);
    }

    private static AgentSpec agent(String name) {
        return new AgentSpec(name, "does " + name + " work", List.of("Bash"), null, null);
    }

    @Test
    void aCreatedSkillIsWrittenUnderTempRegisteredAndFoundByLookup() {
        SkillDefinition made = now().createTemporarySkill(
                        new SkillSpec("graphql-expert", "Migrates REST APIs to GraphQL", List.of("Analyze endpoints")),
                        CreatedBy.HAND);
        assertEquals(home().tempSkillsDir().resolve("graphql-expert").resolve("SKILL.md"), made.path());
        assertEquals(Map.of(Resources.CREATED_BY, "hand", Resources.CREATED_AT, T0.toString()), made.metadata());
        assertEquals(made, now().catalog().findSkill("graphql-expert").orElseThrow());
        RegistryEntry e =
                now().registry().entry(ResourceKind.SKILL, "graphql-expert").orElseThrow();
        assertEquals(List.of("Analyze endpoints"), e.capabilities());
        assertEquals(0, e.usageCount());
    }

    @Test
    void creatingANameThatExistsIsRefused() throws IOException {
        now().createTemporaryAgent(agent("twice"), CreatedBy.HAND);
        FanoutException again =
                assertThrows(FanoutException.class, () -> now().createTemporaryAgent(agent("twice"), CreatedBy.HAND));
        assertTrue(again.getMessage().startsWith("a temporary agent named 'twice' exists at "), again.getMessage());

        Files.createDirectories(home().agentsDir());
        Files.writeString(home().agentsDir().resolve("kept.md"), "---\nname: kept\ndescription: d\n---\n");
        FanoutException shadow =
                assertThrows(FanoutException.class, () -> now().createTemporaryAgent(agent("kept"), CreatedBy.HAND));
        assertTrue(
                shadow.getMessage().startsWith("a permanent agent named 'kept' exists at " + home().agentsDir()),
                shadow.getMessage());
    }

    @Test
    void ensureAgentCreatesAMissingAgentOnceAndFindsExistingOnes() throws IOException {
        Resources.Ensured first = now().ensureAgent(agent("service-builder"));
        assertTrue(first.created());
        assertTrue(first.agent().temporary());
        assertEquals("auto", first.agent().metadata().get(Resources.CREATED_BY));
        assertEquals(
                CreatedBy.AUTO,
                now().registry()
                        .entry(ResourceKind.AGENT, "service-builder")
                        .orElseThrow()
                        .createdBy());
        Resources.Ensured second = now().ensureAgent(agent("service-builder"));
        assertFalse(second.created());
        assertEquals(first.agent(), second.agent());

        Files.createDirectories(home().agentsDir());
        Files.writeString(home().agentsDir().resolve("mine.md"), "---\nname: mine\ndescription: d\n---\n");
        Resources.Ensured found = now().ensureAgent(agent("mine"));
        assertFalse(found.created());
        assertEquals(Origin.PERMANENT, found.agent().origin());
    }

    @Test
    void usesAreCountedAndUntrackedTemporaryFilesGetRegistered() throws IOException {
        now().createTemporaryAgent(agent("counted"), CreatedBy.HAND);
        now().markUsed(ResourceKind.AGENT, "counted");
        RegistryEntry e = at(Duration.ofHours(2)).markUsed(ResourceKind.AGENT, "counted");
        assertEquals(2, e.usageCount());
        assertEquals(T0.plus(Duration.ofHours(2)), e.lastUsed());

        Files.writeString(
                home().tempAgentsDir().resolve("copied.md"), "---\nname: copied\ndescription: by hand\n---\n");
        assertEquals(
                Rule.UNTRACKED,
                now().status().stream()
                        .filter(s -> s.entry().name().equals("copied"))
                        .findFirst()
                        .orElseThrow()
                        .decision()
                        .rule());
        assertEquals(1, now().markUsed(ResourceKind.AGENT, "copied").usageCount());
        assertEquals(
                CreatedBy.HAND,
                now().registry()
                        .entry(ResourceKind.AGENT, "copied")
                        .orElseThrow()
                        .createdBy());
    }

    @Test
    void markingSomethingThatIsNotTemporaryIsBadInput() throws IOException {
        Files.createDirectories(home().agentsDir());
        Files.writeString(home().agentsDir().resolve("lasting.md"), "---\nname: lasting\ndescription: d\n---\n");
        FanoutException permanent =
                assertThrows(FanoutException.class, () -> now().markUsed(ResourceKind.AGENT, "lasting"));
        assertTrue(permanent.getMessage().contains("is not temporary"), permanent.getMessage());

        now().createTemporaryAgent(agent("builder"), CreatedBy.HAND);
        FanoutException typo =
                assertThrows(FanoutException.class, () -> now().markUseful(ResourceKind.AGENT, "bulder"));
        assertEquals("no temporary agent named 'bulder'; did you mean 'builder'?", typo.getMessage());
    }

    @Test
    void cleanupDeletesWhatTheRulesSayAndDryRunChangesNothing() throws IOException {
        Resources t0 = now();
        t0.createTemporaryAgent(agent("unused"), CreatedBy.AUTO);
        t0.createTemporaryAgent(agent("busy"), CreatedBy.AUTO);
        t0.createTemporarySkill(new SkillSpec("liked", "a skill someone liked", List.of()), CreatedBy.HAND);
        t0.createTemporaryAgent(agent("gone"), CreatedBy.AUTO);
        t0.createTemporaryAgent(agent("same-name"), CreatedBy.AUTO);
        AgentDefinition copy = t0.createTemporaryAgent(agent("copy"), CreatedBy.AUTO);
        for (int i = 0; i < 3; i++) {
            t0.markUsed(ResourceKind.AGENT, "busy");
        }
        t0.markUseful(ResourceKind.SKILL, "liked");
        Files.delete(home().tempAgentsDir().resolve("gone.md"));
        Files.createDirectories(home().agentsDir());
        Files.writeString(
                home().agentsDir().resolve("same-name.md"), "---\nname: same-name\ndescription: other\n---\n");
        AgentDefinition lasting = new AgentDefinition(
                "lasting-copy",
                copy.description(),
                copy.tools(),
                copy.model(),
                copy.command(),
                copy.body(),
                Map.of(),
                home().agentsDir().resolve("lasting-copy.md"),
                Origin.PERMANENT);
        Files.writeString(lasting.path(), lasting.toMarkdown());
        Resources later = at(Duration.ofDays(31));
        later.createTemporaryAgent(agent("fresh"), CreatedBy.AUTO);

        Map<String, Rule> expected = Map.of(
                "unused",
                Rule.UNUSED_TOO_LONG,
                "busy",
                Rule.USED_OFTEN,
                "liked",
                Rule.MARKED_USEFUL,
                "gone",
                Rule.FILE_GONE,
                "same-name",
                Rule.REDUNDANT,
                "copy",
                Rule.REDUNDANT,
                "fresh",
                Rule.WITHIN_RETENTION);
        List<LifecycleDecision> dry = later.cleanup(true);
        assertEquals(
                expected, dry.stream().collect(Collectors.toMap(LifecycleDecision::name, LifecycleDecision::rule)));
        assertTrue(Files.exists(home().tempAgentsDir().resolve("unused.md")), "a dry run deletes nothing");
        assertEquals(7, later.registry().entries().size());
        String sameName = dry.stream()
                .filter(d -> d.name().equals("same-name"))
                .findFirst()
                .orElseThrow()
                .reason();
        assertEquals(
                "a permanent agent of the same name exists: "
                        + home().agentsDir().resolve("same-name.md"),
                sameName);
        String sameContent = dry.stream()
                .filter(d -> d.name().equals("copy"))
                .findFirst()
                .orElseThrow()
                .reason();
        assertTrue(sameContent.startsWith("same content as a permanent agent 'lasting-copy'"), sameContent);

        List<LifecycleDecision> done = later.cleanup(false);
        assertEquals(dry, done);
        for (String deleted : List.of("unused", "gone", "same-name", "copy")) {
            assertFalse(Files.exists(home().tempAgentsDir().resolve(deleted + ".md")), deleted);
        }
        assertTrue(Files.exists(home().agentsDir().resolve("same-name.md")), "permanent files are never touched");
        assertTrue(Files.isDirectory(home().tempSkillsDir().resolve("liked")));
        assertEquals(
                List.of("busy", "fresh", "liked"),
                later.registry().entries().stream()
                        .map(RegistryEntry::name)
                        .sorted()
                        .toList());
    }

    @Test
    void anEntryWhoseFileIsGoneIsReportedThenRemoved() throws IOException {
        now().createTemporarySkill(new SkillSpec("vanished", "d", List.of()), CreatedBy.HAND);
        Files.delete(home().tempSkillsDir().resolve("vanished/SKILL.md"));
        ResourceStatus s = now().status().get(0);
        assertFalse(s.fileExists());
        assertEquals(Rule.FILE_GONE, s.decision().rule());
        now().cleanup(false);
        assertEquals(List.of(), now().registry().entries());
        assertFalse(Files.exists(home().tempSkillsDir().resolve("vanished")));
    }

    @Test
    void promotionMovesTheAgentAndNeedsForceToReplace() throws IOException {
        now().createTemporaryAgent(agent("promoted"), CreatedBy.AUTO);
        Promotion p = now().promote(null, "promoted", false);
        assertEquals(ResourceKind.AGENT, p.kind());
        assertEquals(home().agentsDir().resolve("promoted.md"), p.to());
        assertFalse(p.replaced());
        assertFalse(Files.exists(p.from()));
        assertEquals(
                Origin.PERMANENT,
                now().catalog().findAgent("promoted").orElseThrow().origin());
        assertTrue(now().registry().entries().isEmpty());

        Files.createDirectories(home().tempAgentsDir());
        Files.writeString(
                home().tempAgentsDir().resolve("promoted.md"), "---\nname: promoted\ndescription: newer\n---\n");
        FanoutException refused =
                assertThrows(FanoutException.class, () -> now().promote(ResourceKind.AGENT, "promoted", false));
        assertEquals(
                "a permanent agent named 'promoted' exists at " + p.to() + "; add --force to replace it",
                refused.getMessage());
        assertTrue(now().promote(ResourceKind.AGENT, "promoted", true).replaced());
        assertEquals(
                "newer", now().catalog().findAgent("promoted").orElseThrow().description());
    }

    @Test
    void promotingASkillMovesItsWholeFolder() throws IOException {
        now().createTemporarySkill(new SkillSpec("with-files", "d", List.of("x")), CreatedBy.HAND);
        Path script = home().tempSkillsDir().resolve("with-files/scripts/run.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "echo hi\n");
        Files.createDirectories(home().skillsDir().resolve("with-files"));
        Files.writeString(
                home().skillsDir().resolve("with-files/SKILL.md"), "---\nname: with-files\ndescription: old\n---\n");
        Files.writeString(home().skillsDir().resolve("with-files/stale.txt"), "old file");

        now().promote(ResourceKind.SKILL, "with-files", true);
        assertEquals("echo hi\n", Files.readString(home().skillsDir().resolve("with-files/scripts/run.sh")));
        assertFalse(
                Files.exists(home().skillsDir().resolve("with-files/stale.txt")), "the replaced folder is gone whole");
        assertEquals("d", now().catalog().findSkill("with-files").orElseThrow().description());
        try (var left = Files.list(home().skillsDir())) {
            assertEquals(
                    List.of("with-files"),
                    left.map(x -> x.getFileName().toString()).toList());
        }
    }

    @Test
    void promotionWithoutTypeAsksWhenBothKindsHaveTheName() {
        now().createTemporaryAgent(agent("both"), CreatedBy.HAND);
        now().createTemporarySkill(new SkillSpec("both", "d", List.of()), CreatedBy.HAND);
        FanoutException e = assertThrows(FanoutException.class, () -> now().promote(null, "both", false));
        assertTrue(e.getMessage().endsWith("add --type skill or --type agent"), e.getMessage());
    }

    @Test
    void aMalformedTemporaryFileIsNotPromoted() throws IOException {
        Files.createDirectories(home().tempAgentsDir());
        Files.writeString(home().tempAgentsDir().resolve("broken.md"), "---\nname: broken\n---\n");
        assertThrows(LocatedException.class, () -> now().promote(ResourceKind.AGENT, "broken", false));
        assertFalse(Files.exists(home().agentsDir().resolve("broken.md")));
        assertEquals(1, now().temporaryProblems().size());
    }
}
