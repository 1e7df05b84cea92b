package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fanout.FanoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellLineTest {
    @Test
    void wordsSplitOnBlanksAndQuotesGroupThem() {
        assertEquals(
                List.of("task", "add", "--id", "a b", "--command", "echo 'hi'"),
                ShellLine.words("task add --id \"a b\" --command \"echo 'hi'\""));
    }

    @Test
    void backslashesStayAsTyped() {
        assertEquals(List.of("load", "C:\\tasks\\x.json"), ShellLine.words("load C:\\tasks\\x.json"));
    }

    @Test
    void aLeadingFanoutIsDroppedAsTypedByHabit() {
        assertEquals(List.of("run", "x.json"), ShellLine.words("fanout run x.json"));
    }

    @Test
    void javaScriptIsTakenAsTypedQuotesAndAll() {
        assertEquals(
                List.of("js", "fanout.log(\"a  b\"); x || y > 2"),
                ShellLine.words("js fanout.log(\"a  b\"); x || y > 2"));
        assertEquals(List.of("js", "fanout.tasks()"), ShellLine.words("js 'fanout.tasks()'"));
        assertEquals(List.of("js", "-f", "top3.js"), ShellLine.words("js -f top3.js"));
    }

    @Test
    void anUnbalancedQuoteIsBadInput() {
        FanoutException e = assertThrows(FanoutException.class, () -> ShellLine.words("load 'x.json"));
        assertEquals("unbalanced quote: close the ' (single) quote", e.getMessage());
    }

    @Test
    void insideDoubleQuotesABackslashEscapesAQuoteOrABackslash() {
        assertEquals(
                List.of("task", "add", "--command", "echo \"hi\""),
                ShellLine.words("task add --command \"echo \\\"hi\\\"\""));
        assertEquals(List.of("x", "a\\b", "c\\d"), ShellLine.words("x \"a\\\\b\" \"c\\d\""));
    }

    @Test
    void singleQuotesKeepEverythingAndQuotedTextJoinsItsNeighbours() {
        assertEquals(List.of("--command", "echo \"hi\""), ShellLine.words("--command 'echo \"hi\"'"));
        assertEquals(List.of("--set=a b", "it's"), ShellLine.words("--set=\"a b\" \"it's\""));
        assertEquals(List.of("a\\\"b"), ShellLine.words("'a\\\"b'"));
    }

    @Test
    void aMultiLineJavaScriptLineKeepsItsLines() {
        assertEquals(List.of("js", "[1,\n2]"), ShellLine.words("js [1,\n2]"));
    }
}
