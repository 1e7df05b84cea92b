package dev.fanout.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanoutException;
import dev.fanout.LocatedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillDefinitionTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name).resolve("SKILL.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aSkillWrittenByFanoutReadsBackIdentically() throws IOException {
        SkillSpec spec = new SkillSpec(
                "graphql-migration-expert",
                "Expert in migrating REST APIs to GraphQL: schemas, resolvers",
                List.of("Analyze REST endpoints", "Generate resolvers", "Optimize queries"));
        Path file = dir.resolve(spec.name()).resolve("SKILL.md");
        SkillDefinition skill = new SkillDefinition(
                spec.name(),
                spec.description(),
                spec.capabilities(),
                spec.body(),
                Map.of("fanout-created-by", "hand", "fanout-created-at", "2025-01-31T12:00:00Z"),
                file,
                Origin.TEMPORARY);
        Files.createDirectories(file.getParent());
        Files.writeString(file, skill.toMarkdown());

        SkillDefinition back = SkillDefinition.read(file, Origin.TEMPORARY);
        assertEquals(skill, back);
        assertEquals(List.of("Analyze REST endpoints", "Generate resolvers", "Optimize queries"), back.capabilities());
        assertEquals(skill.toMarkdown(), back.toMarkdown());
        assertEquals(skill.toMarkdown(), Files.readString(file));
    }

    @Test
    void aHandWrittenSkillFromAnotherToolIsRead() throws IOException {
        Path file = write("pdf-tools", """
                ---
                name: pdf-tools
                description: >-
                  Extract text and tables from PDF files. Use when the user mentions PDFs.
                license: Apache-2.0
                allowed-tools: Bash Read
                metadata:
                  author: someone
                  version: "1.0"
                ---
                # PDF tools

                ## Capabilities
                * extract text
                * fill forms

                ## Notes
                - not a capability
                """);
        SkillDefinition s = SkillDefinition.read(file, Origin.EXTRA);
        assertEquals("pdf-tools", s.name());
        assertEquals("Extract text and tables from PDF files. Use when the user mentions PDFs.", s.description());
        assertEquals(List.of("extract text", "fill forms"), s.capabilities());
        assertEquals(Map.of("author", "someone", "version", "1.0"), s.metadata());
        assertEquals(Origin.EXTRA, s.origin());
    }

    @Test
    void aSkillWithoutDescriptionIsReportedWithPathAndLine() throws IOException {
        Path file = write("no-desc", "---\nname: no-desc\n---\nbody\n");
        LocatedException e = assertThrows(LocatedException.class, () -> SkillDefinition.read(file, Origin.PERMANENT));
        assertEquals(
                file + ":1: the skill has no 'description'; add one line saying what it does and when to use it",
                e.getMessage());
    }

    @Test
    void aDescriptionOverTheAgentSkillsLimitIsReportedOnItsLine() throws IOException {
        Path file = write("long", "---\nname: long\ndescription: " + "x".repeat(1025) + "\n---\n");
        LocatedException e = assertThrows(LocatedException.class, () -> SkillDefinition.read(file, Origin.PERMANENT));
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("1025 characters"), e.getMessage());
    }

    @Test
    void aNameThatDiffersFromTheFolderIsReported() throws IOException {
        Path file = write("folder", "---\nname: other\ndescription: d\n---\n");
        LocatedException e = assertThrows(LocatedException.class, () -> SkillDefinition.read(file, Origin.PERMANENT));
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("differs from its folder 'folder'"), e.getMessage());
    }

    @Test
    void frontmatterThatIsNotYamlIsReportedWithPathAndLine() throws IOException {
        Path file = write("bad", "---\nname: bad\ndescription: \"unclosed\n---\nbody\n");
        LocatedException e = assertThrows(LocatedException.class, () -> SkillDefinition.read(file, Origin.PERMANENT));
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
        assertTrue(e.problem().startsWith("the frontmatter is not valid YAML"), e.getMessage());
        assertEquals(FanoutException.BAD_INPUT, e.exitCode());
    }

    @Test
    void aFileThatIsNotUtf8IsReported() throws IOException {
        Path file = write("latin", "");
        byte[] latin1 = "---\nname: latin\ndescription: caf\u00e9\n---\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);
        LocatedException e = assertThrows(LocatedException.class, () -> SkillDefinition.read(file, Origin.PERMANENT));
        assertEquals("is not UTF-8 text", e.problem());
    }

    @Test
    void specsRefuseBadCapabilitiesAndDescriptions() {
        assertThrows(FanoutException.class, () -> new SkillSpec("s", "d", List.of("ok", " ")));
        assertThrows(FanoutException.class, () -> new SkillSpec("s", "d", List.of("two\nlines")));
        assertThrows(FanoutException.class, () -> new SkillSpec("s", "", List.of()));
        assertThrows(FanoutException.class, () -> new SkillSpec("s", null, List.of()));
        char[] longText = new char[1025];
        Arrays.fill(longText, 'x');
        assertThrows(FanoutException.class, () -> new SkillSpec("s", new String(longText), List.of()));
        assertThrows(FanoutException.class, () -> new SkillSpec("S", "d", List.of()));
    }
}
