package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 12.9: task text cannot drive the terminal; colours survive. */
class TerminalTextTest {
    private static final String ESC = "\u001b";

    private static String clean(String s) {
        return TerminalText.clean(s, true);
    }

    @Test
    void aWindowTitleSequenceIsRemovedWhetherItEndsWithBelOrSt() {
        assertEquals("before after", clean("before " + ESC + "]0;pwned\u0007after"));
        assertEquals("before after", clean("before " + ESC + "]2;pwned" + ESC + "\\after"));
        assertEquals("before after", clean("before \u009d0;pwned\u009cafter"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "cursor up, [2A",
        "cursor home, [H",
        "clear screen, [2J",
        "hide cursor, [?25l",
        "erase line, [K",
        "private mode that ends in m, [?1m",
        "save cursor, 7",
        "reset terminal, c",
        "charset, (0",
    })
    void sequencesThatAreNotColoursAreRemoved(String what, String body) {
        assertEquals("ab", clean("a" + ESC + body + "b"), what);
    }

    @Test
    void colourSequencesSurvive() {
        String red = ESC + "[31mred" + ESC + "[0m " + ESC + "[1;38;5;208mbold orange" + ESC + "[m";
        assertEquals(red, clean(red));
    }

    @Test
    void coloursAreRemovedWhereTheTerminalShowsNone() {
        assertEquals("red", TerminalText.clean(ESC + "[31mred" + ESC + "[0m", false));
    }

    @Test
    void bellBackspaceCarriageReturnAndOtherC0ControlsAreRemovedButNewlinesAndTabsKept() {
        assertEquals("ab\tc\nd", clean("a\u0007b\u0008\t\u0000c\r\nd\u007f"));
    }

    @Test
    void c1ControlsAreRemovedWithWhatTheyIntroduce() {
        assertEquals("ab", clean("a\u009b2Jb"));
        assertEquals("ab", clean("a\u0085\u0090qpayload\u009cb"));
    }

    @Test
    void textOutsideAsciiIsKept() {
        assertEquals("données ✓ 日本", clean("données ✓ 日本"));
    }

    @Test
    void aSequenceCutBetweenTwoChunksIsStillRecognised() {
        TerminalText t = new TerminalText(true);
        String out = t.feed("a" + ESC + "]0;pw") + t.feed("ned\u0007b" + ESC + "[3") + t.feed("1mc" + ESC);
        assertEquals("ab" + ESC + "[31mc", out);
    }

    @Test
    void anUnterminatedTitleDoesNotSwallowEverythingAfterIt() {
        String text = clean(ESC + "]0;" + "x".repeat(5000) + "\nvisible");
        assertEquals(true, text.endsWith("visible"), text);
    }

    @Test
    void onATerminalTaskTextIsCleanedAndElsewhereItIsLeftAsItIs() {
        String raw = ESC + "]0;pwned\u0007ok";
        assertEquals("ok", new Style(true, true).taskText(raw));
        assertEquals(raw, new Style(false, false).taskText(raw));
    }
}
