package dev.fanout.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.LocatedException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrontmatterTest {
    private static final Path FILE = Path.of("x.md");

    @Test
    void readsFieldsTheLinesTheyAreOnAndTheBody() {
        Frontmatter fm = Frontmatter.parse(FILE, "---\nname: a\ndescription: Does things\n---\n\n# Body\ntext\n");
        assertEquals("a", fm.text("name"));
        assertEquals("Does things", fm.text("description"));
        assertEquals(2, fm.lineOf("name"));
        assertEquals(3, fm.lineOf("description"));
        assertEquals("# Body\ntext\n", fm.body());
    }

    @Test
    void readsWindowsLineEndingsAndAByteOrderMark() {
        Frontmatter fm = Frontmatter.parse(FILE, "\uFEFF---\r\nname: a\r\n---\r\n\r\nbody\r\n");
        assertEquals("a", fm.text("name"));
        assertEquals("body\r\n", fm.body());
    }

    @Test
    void aFileWithoutFrontmatterIsRefusedAtLineOne() {
        LocatedException e = assertThrows(LocatedException.class, () -> Frontmatter.parse(FILE, "# just markdown\n"));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().startsWith("x.md:1: no frontmatter"), e.getMessage());
    }

    @Test
    void anUnclosedFrontmatterIsRefused() {
        LocatedException e =
                assertThrows(LocatedException.class, () -> Frontmatter.parse(FILE, "---\nname: a\ndescription: b\n"));
        assertTrue(e.problem().contains("not closed"), e.getMessage());
    }

    @Test
    void frontmatterThatIsNotYamlNamesItsLineInTheFile() {
        LocatedException e = assertThrows(
                LocatedException.class,
                () -> Frontmatter.parse(FILE, "---\nname: a\ndescription: [unclosed\nmodel: x\n---\nbody\n"));
        assertTrue(e.problem().startsWith("the frontmatter is not valid YAML"), e.getMessage());
        assertTrue(e.line() >= 3 && e.line() <= 5, "line " + e.line());
    }

    @Test
    void aMappingValueInThePlainTextIsReportedOnItsLine() {
        LocatedException e = assertThrows(
                LocatedException.class,
                () -> Frontmatter.parse(FILE, "---\nname: a\ndescription: Use it: for things: here\n---\n"));
        assertEquals(3, e.line(), e.getMessage());
    }

    @Test
    void aListInsteadOfFieldsIsRefused() {
        LocatedException e =
                assertThrows(LocatedException.class, () -> Frontmatter.parse(FILE, "---\n- a\n- b\n---\n"));
        assertEquals(2, e.line());
    }

    @Test
    void aDuplicateKeyIsRefused() {
        LocatedException e =
                assertThrows(LocatedException.class, () -> Frontmatter.parse(FILE, "---\nname: a\nname: b\n---\n"));
        assertEquals(3, e.line(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain words",
                "yes",
                "No",
                "null",
                "~",
                "123",
                "1e3",
                "0x1F",
                ".inf",
                "-dash",
                "- item",
                "a: b",
                "a #b",
                "#hash",
                "[x]",
                "{x}",
                "@at",
                "`tick`",
                "%pct",
                "!bang",
                "&amp",
                "*star",
                "|pipe",
                ">gt",
                "'single'",
                "\"double\"",
                "back\\slash",
                "new\nline",
                "tab\there",
                " leading",
                "trailing ",
                "",
                "2025-01-31T12:00:00Z",
                "2025-01-31",
                "Bash, Read, Write",
                "émoji 😀 ünïcode",
                "line\u2028sep",
                "bell\u0007",
                "del\u007F",
                "{prompt}",
                "$(rm -rf /); `x`",
                "a,b",
                "y",
                "on",
                "12:30"
            })
    void everyStringReadsBackAsItWasWritten(String value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "n");
        fields.put("description", value);
        fields.put("command", List.of(value, "x"));
        fields.put("metadata", Map.of("k", value));
        Frontmatter fm = Frontmatter.parse(FILE, Frontmatter.format(fields, "body\n"));
        assertEquals(value.isBlank() ? null : value, fm.text("description"));
        assertEquals(List.of(value, "x"), fm.strings("command", false));
        assertEquals(Map.of("k", value), fm.stringMap("metadata"));
        assertEquals("body\n", fm.body());
    }

    @Test
    void bodiesReadBackExactlyWhateverTheyStartWith() {
        for (String body : List.of("", "\n", "\n\nx", "---\nnot a fence\n", "text without newline")) {
            Frontmatter fm = Frontmatter.parse(FILE, Frontmatter.format(Map.of("name", "n"), body));
            assertEquals(body, fm.body());
        }
    }

    @Test
    void toolsMayBeACommaStringOrAList() {
        assertEquals(
                List.of("Bash", "Read"),
                Frontmatter.parse(FILE, "---\ntools: Bash, Read\n---\n").strings("tools", true));
        assertEquals(
                List.of("Bash", "Read"),
                Frontmatter.parse(FILE, "---\ntools: [Bash, Read]\n---\n").strings("tools", true));
        assertEquals(List.of(), Frontmatter.parse(FILE, "---\nname: x\n---\n").strings("tools", true));
    }
}
