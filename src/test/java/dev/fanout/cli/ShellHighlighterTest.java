package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

/** The colours of a line as it is typed. */
class ShellHighlighterTest {
    private final ShellHighlighter commands = new ShellHighlighter(Set.of("run", "js", "load"), () -> false, true);

    private static AttributedStyle styleOf(AttributedString line, String part) {
        return line.styleAt(line.toString().indexOf(part));
    }

    @Test
    void anUnknownCommandIsRedAKnownOneBoldBeforeEnter() {
        AttributedString line = commands.highlight(null, "lod tasks.json");
        assertEquals(ShellHighlighter.UNKNOWN, styleOf(line, "lod"));
        assertEquals(ShellHighlighter.COMMAND, styleOf(commands.highlight(null, "load x"), "load"));
    }

    @Test
    void optionsAndQuotedStringsStandOut() {
        AttributedString line = commands.highlight(null, "run --jobs 2 \"a b\"");
        assertEquals(ShellHighlighter.OPTION, styleOf(line, "--jobs"));
        assertEquals(ShellHighlighter.STRING, styleOf(line, "\"a b\""));
        assertEquals(AttributedStyle.DEFAULT, styleOf(line, "2"));
    }

    @Test
    void javaScriptGetsKeywordsStringsAndNumbersInAJsLineAndInJavaScriptMode() {
        AttributedString line = commands.highlight(null, "js function (x) { return 'run' + 42; }");
        assertEquals(ShellHighlighter.KEYWORD, styleOf(line, "function"));
        assertEquals(ShellHighlighter.KEYWORD, styleOf(line, "return"));
        assertEquals(ShellHighlighter.STRING, styleOf(line, "'run'"));
        assertEquals(ShellHighlighter.NUMBER, styleOf(line, "42"));
        ShellHighlighter mode = new ShellHighlighter(Set.of("run"), () -> true, true);
        AttributedString entry = mode.highlight(null, "var run = 1");
        assertEquals(ShellHighlighter.KEYWORD, styleOf(entry, "var"));
        assertEquals(AttributedStyle.DEFAULT, styleOf(entry, "run"));
    }

    @Test
    void withoutColourTheLineIsPlain() {
        ShellHighlighter plain = new ShellHighlighter(Set.of("run"), () -> false, false);
        assertEquals(AttributedStyle.DEFAULT, styleOf(plain.highlight(null, "lod x"), "lod"));
    }
}
