package dev.fanout.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceKindTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a/b",
                "../x",
                "..",
                ".",
                "has space",
                "Upper",
                "ALLCAPS",
                "under_score",
                "-lead",
                "trail-",
                "double--hyphen",
                "tab\tname",
                "new\nline",
                "dot.name",
                "ünï",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void namesThatCannotBeSafeFileNamesAreRefused(String name) {
        FanoutException e = assertThrows(FanoutException.class, () -> ResourceKind.AGENT.checkName(name));
        assertEquals(FanoutException.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("agent name '"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "api-designer",
                "k8s-deploy-2",
                "x1",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void agentSkillsNamesAreAccepted(String name) {
        assertEquals(name, ResourceKind.SKILL.checkName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Skill", "AGENT", " agent "})
    void typesAreReadInAnyCase(String text) {
        assertTrue(ResourceKind.parse(text) != null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "skills", "tool"})
    void unknownTypesAreBadInput(String text) {
        assertEquals(
                FanoutException.BAD_INPUT,
                assertThrows(FanoutException.class, () -> ResourceKind.parse(text))
                        .exitCode());
    }

    @org.junit.jupiter.api.Test
    void theLengthLimitIsSaidInTheMessage() {
        String message = ResourceKind.nameProblem("a".repeat(65));
        assertEquals("is 65 characters long; at most 64 are allowed", message);
        assertEquals("is empty", ResourceKind.nameProblem(""));
        assertEquals("has upper-case letters", ResourceKind.nameProblem("Api"));
    }
}
